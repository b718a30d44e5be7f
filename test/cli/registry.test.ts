/**
 * The file registry from the command line: a first gate against a file baseline, promote
 * v1.0.0, gate the next candidate against `baseline: registry`, promote again (nothing new for
 * the same model), refuse a failing candidate (exit 1), roll back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');
const registry = () => join(tmp.dir, 'registry');

const CARDS = resolve('examples/telco/cards');
const config = (baseline: string) => `version: 1
label: Churn
models: { candidate: ${join(TELCO, 'candidate.onnx')}, baseline: ${baseline} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
cards: { candidate: ${join(CARDS, 'candidate.yml')}, baseline: ${join(CARDS, 'baseline.yml')} }
statistics: { bootstrap: 100 }
`;

async function gate(name: string, yaml: string, ...args: string[]) {
  const path = tmp.write(`${name}.yml`, yaml);
  const out = join(tmp.dir, `${name}.json`);
  const r = await cli([
    'gate',
    '--config',
    path,
    '--threads',
    '2',
    '--quiet',
    '--out',
    out,
    ...args,
  ]);
  return { ...r, out };
}

const registryFlags = () => ['--registry', registry(), '--model-name', 'telco-churn'];

describe('file registry from the command line', () => {
  it('promotes, gates against the registry, refuses a failing candidate, rolls back', async () => {
    const first = await gate('first', config(join(TELCO, 'baseline.onnx')));
    expect(first.code, first.stderr).toBe(EXIT.ok);
    const p1 = await cli(['promote', '--report', first.out, ...registryFlags()]);
    expect(p1.code, p1.stderr).toBe(EXIT.ok);
    expect(p1.stdout).toMatch(/telco-churn@v1\.0\.0/);
    const stored = join(registry(), 'telco-churn', 'versions', '1.0.0');
    for (const f of ['model.onnx', 'MODEL_CARD.md', 'report.json', 'record.json']) {
      expect(existsSync(join(stored, f)), f).toBe(true);
    }
    // The card model-gate wrote names the version it is stored under.
    expect(readFileSync(join(stored, 'MODEL_CARD.md'), 'utf8')).toContain(
      'Registered as `telco-churn@v1.0.0`.',
    );
    const record = JSON.parse(readFileSync(join(stored, 'record.json'), 'utf8'));
    expect(record.verdict).toBe('PASS');
    expect(record.model_sha256).toBe(
      JSON.parse(readFileSync(first.out, 'utf8')).models.candidate.sha256,
    );
    // The serving contract the report carries is stored beside the model, and the holdout it
    // was drawn from keeps it.
    const contract = JSON.parse(readFileSync(join(stored, 'contract.json'), 'utf8'));
    expect(contract).toEqual(JSON.parse(readFileSync(first.out, 'utf8')).serving_contract);
    expect(contract['x-model-gate'].model.sha256).toBe(record.model_sha256);
    expect(Object.keys(contract.properties)).toHaveLength(19);
    const kept = await cli([
      'validate',
      '--contract',
      join(stored, 'contract.json'),
      '--data',
      join(TELCO, 'holdout.csv'),
    ]);
    expect(kept.code, kept.stdout + kept.stderr).toBe(EXIT.ok);

    // The same model, gated against the registry's production version (itself): PASS, and
    // promoting it again creates nothing.
    const again = await gate('again', config('registry'), ...registryFlags());
    expect(again.code, again.stderr).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(again.out, 'utf8'));
    expect(report.models.baseline.sha256).toBe(record.model_sha256);
    // The baseline's card is the one registered with it (the candidate's, v1.4.0), not the
    // config's cards.baseline: the same model, the same card, no field changed.
    expect(report.cards.baseline.model_details.version).toBe('1.4.0');
    expect(report.card_diff.fields).toEqual([]);
    const p2 = await cli(['promote', '--report', again.out, ...registryFlags()]);
    expect(p2.code, p2.stderr).toBe(EXIT.ok);
    expect(p2.stdout).toMatch(/nothing to do/);
    expect(existsSync(join(registry(), 'telco-churn', 'versions', '1.1.0'))).toBe(false);

    // A failing candidate: the gate says 1, and promotion refuses with 1.
    const worse = await gate(
      'worse',
      config('registry'),
      '--candidate',
      join(TELCO, 'candidate_worse.onnx'),
      ...registryFlags(),
    );
    expect(worse.code).toBe(EXIT.gateFailed);
    const refused = await cli(['promote', '--report', worse.out, ...registryFlags()]);
    expect(refused.code).toBe(EXIT.gateFailed);
    expect(refused.stderr).toMatch(/FAIL/);

    const back = await cli(['rollback', '--to', 'v1.0.0', ...registryFlags()]);
    expect(back.code, back.stderr).toBe(EXIT.ok);
    expect(back.stdout).toMatch(/telco-churn#production: v1\.0\.0 → v1\.0\.0/);
    const unknown = await cli(['rollback', '--to', 'v9.9.9', ...registryFlags()]);
    expect(unknown.code).toBe(EXIT.badInput);
  });

  it('stores the contract --contract gives, and refuses one written for another model', async () => {
    const first = await gate('contract', config(join(TELCO, 'baseline.onnx')));
    expect(first.code, first.stderr).toBe(EXIT.ok);
    const write = (model: string, out: string) =>
      cli([
        'contract',
        '--model',
        join(TELCO, model),
        '--reference',
        join(TELCO, 'reference.csv'),
        '--out',
        join(tmp.dir, out),
        '--quiet',
      ]);
    expect((await write('candidate.onnx', 'mine.json')).code).toBe(EXIT.ok);
    expect((await write('baseline.onnx', 'theirs.json')).code).toBe(EXIT.ok);
    const flags = ['--registry', join(tmp.dir, 'given'), '--model-name', 'telco-churn'];

    const wrong = await cli([
      'promote',
      '--report',
      first.out,
      ...flags,
      '--contract',
      join(tmp.dir, 'theirs.json'),
    ]);
    expect(wrong.code).toBe(EXIT.badInput);
    expect(wrong.stderr).toMatch(
      /--contract '.*theirs\.json' is the contract of a model with sha256 [0-9a-f]{64}, but the candidate is sha256 [0-9a-f]{64}/,
    );
    expect(existsSync(join(tmp.dir, 'given'))).toBe(false);

    const right = await cli([
      'promote',
      '--report',
      first.out,
      ...flags,
      '--contract',
      join(tmp.dir, 'mine.json'),
    ]);
    expect(right.code, right.stderr).toBe(EXIT.ok);
    const stored = join(tmp.dir, 'given', 'telco-churn', 'versions', '1.0.0', 'contract.json');
    expect(readFileSync(stored, 'utf8')).toBe(readFileSync(join(tmp.dir, 'mine.json'), 'utf8'));
    // From the reference file: its path, not the holdout's, is the contract's reference.
    expect(JSON.parse(readFileSync(stored, 'utf8'))['x-model-gate'].reference.path).toMatch(
      /reference\.csv$/,
    );
  });

  it('says what to do when the registry has no production version or no model name', async () => {
    const empty = await gate(
      'empty',
      config('registry'),
      '--registry',
      join(tmp.dir, 'none'),
      '--model-name',
      'x',
    );
    expect(empty.code).toBe(EXIT.badInput);
    expect(empty.stderr).toMatch(/x#production points at no version yet/);
    const noName = await gate('no-name', config('registry'), '--registry', registry());
    expect(noName.code).toBe(EXIT.badInput);
    expect(noName.stderr).toMatch(/--registry needs --model-name/);
    const noRegistry = await gate('no-registry', config('registry'));
    expect(noRegistry.code).toBe(EXIT.badInput);
    expect(noRegistry.stderr).toMatch(/'baseline: registry' needs a registry/);
  });
});
