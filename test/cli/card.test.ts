/**
 * `model-gate card` and the gate's cards: a card from model-card.yml, the ONNX contract and a
 * report's metrics; the Markdown reads back as the same card; each bad input exits 2 naming it.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import { parseCardMarkdown } from '../../src/domain/card/index.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');
const CARDS = resolve('examples/telco/cards');

function config(extra = ''): string {
  return `version: 1
label: Churn
models: { candidate: ${join(TELCO, 'candidate.onnx')}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
statistics: { bootstrap: 100 }
${extra}`;
}

async function gateReport(extra: string, name: string) {
  const path = tmp.write(`${name}.yml`, config(extra));
  const out = join(tmp.dir, `${name}.json`);
  const md = join(tmp.dir, `${name}.md`);
  const r = await cli([
    'gate',
    '--config',
    path,
    '--threads',
    '2',
    '--quiet',
    '--out',
    out,
    '--markdown',
    md,
    '--commit',
    'f00dfeed1234',
  ]);
  return { ...r, out, md };
}

describe('model-gate card', () => {
  it('builds the card from model-card.yml, the contract and the gate report, and reads back', async () => {
    const g = await gateReport(
      `cards: { candidate: ${join(CARDS, 'candidate.yml')}, baseline: ${join(CARDS, 'baseline.yml')} }`,
      'with-cards',
    );
    expect(g.code, g.stderr).toBe(EXIT.ok);
    const out = join(tmp.dir, 'MODEL_CARD.md');
    const r = await cli([
      'card',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--card',
      join(CARDS, 'candidate.yml'),
      '--report',
      g.out,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const card = parseCardMarkdown(readFileSync(out, 'utf8'), out);
    expect(card.model_details.version).toBe('1.4.0');
    expect(card.model_parameters.input_format.map((t) => t.name)).toContain('tenure');
    const auc = card.quantitative_analysis.metrics.find((m) => m.name === 'roc_auc');
    // sklearn.metrics.roc_auc_score on the candidate's ONNX outputs, oracle.json.
    expect(auc?.value).toBeCloseTo(0.841218933726434, 12);
    expect(auc?.ci?.[0]).toBeLessThan(auc?.value as number);
    // The report's card for the candidate is the same card.
    const report = JSON.parse(readFileSync(g.out, 'utf8'));
    expect(report.cards.candidate).toEqual(card);
    expect(report.card_diff.fields.map((f: { path: string }) => f.path)).toEqual([
      'model_details.version',
      'model_details.date',
      'model_parameters.architecture',
      'considerations.limitations',
    ]);
    expect(report.card_diff.contract.breaking).toBe(true);
    // The Markdown's footer names the commit (in a code span, which GitHub does not link).
    expect(report.commit).toBe('f00dfeed1234');
    const md = readFileSync(g.md, 'utf8');
    expect(md).toContain('commit `f00dfeed1234`');
    expect(md).toContain('## model-gate: PASS');
    expect(report.card_diff.contract.latency.after.runs).toBe(30);
  });

  it('writes JSON for --json, with the metrics of an evaluate report', async () => {
    const ev = join(tmp.dir, 'evaluate.json');
    const model = join(TELCO, 'baseline.onnx');
    const e = await cli([
      'evaluate',
      '--model',
      model,
      '--data',
      join(TELCO, 'holdout.csv'),
      '--label',
      'Churn',
      '--quiet',
      '--out',
      ev,
    ]);
    expect(e.code, e.stderr).toBe(EXIT.ok);
    const r = await cli(['card', '--model', model, '--report', ev, '--json']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const card = JSON.parse(r.stdout);
    expect(card.model_details.name).toBe('baseline');
    // sklearn.metrics.roc_auc_score on the baseline's ONNX outputs, oracle.json.
    const auc = card.quantitative_analysis.metrics.find(
      (m: { name: string }) => m.name === 'roc_auc',
    );
    expect(auc.value).toBeCloseTo(0.823996621361145, 12);
    expect(auc.ci).toBeNull();
  });

  it('exits 2 for a report of other models, a bad card key, and a missing card', async () => {
    const g = await gateReport('', 'plain');
    const other = await cli([
      'card',
      '--model',
      join(TELCO, 'candidate_worse.onnx'),
      '--report',
      g.out,
    ]);
    expect(other.code).toBe(EXIT.badInput);
    expect(other.stderr).toMatch(/neither of which is .*candidate_worse\.onnx/);
    const bad = tmp.write('bad-card.yml', 'model_details:\n  licence: MIT\n');
    const typo = await cli(['card', '--model', join(TELCO, 'candidate.onnx'), '--card', bad]);
    expect(typo.code).toBe(EXIT.badInput);
    expect(typo.stderr).toMatch(/bad-card\.yml/);
    expect(typo.stderr).toMatch(/'licence' in model_details/);
    expect(typo.stderr).toMatch(/license/);
    const broken = tmp.write('broken.json', '{"schema": 1, "command": "gate", "task": "binary"}');
    for (const command of [
      ['card', '--model', join(TELCO, 'candidate.onnx'), '--report', broken],
      ['promote', '--report', broken, '--registry', tmp.dir, '--model-name', 'm'],
    ]) {
      const r = await cli(command);
      expect(r.code, r.stderr).toBe(EXIT.badInput);
      expect(r.stderr).toMatch(/--report '.*broken\.json'/);
      expect(r.stderr).toMatch(/models|config/);
    }
    const missing = await cli([
      'card',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--card',
      'nope.yml',
    ]);
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.stderr).toMatch(/model card 'nope.yml' does not exist/);
  });
});

describe('the gate reads model cards', () => {
  it('stops with exit 2 on a bad card before any model runs', async () => {
    const bad = tmp.write('bad.yml', 'model_details: { version: [1, 2] }\n');
    const g = await gateReport(`cards: { candidate: ${bad} }`, 'bad-card');
    expect(g.code).toBe(EXIT.badInput);
    expect(g.stderr).toMatch(/bad\.yml/);
    expect(g.stderr).toMatch(/model_details\.version/);
  });

  it('finds <model>.card.yml beside the model when the config names none', async () => {
    const dir = join(tmp.dir, 'models');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(TELCO, 'candidate.onnx'), join(dir, 'candidate.onnx'));
    copyFileSync(join(CARDS, 'candidate.yml'), join(dir, 'candidate.card.yml'));
    const path = tmp.write(
      'convention.yml',
      config().replace(join(TELCO, 'candidate.onnx'), join(dir, 'candidate.onnx')),
    );
    const out = join(tmp.dir, 'convention.json');
    const r = await cli(['gate', '--config', path, '--threads', '2', '--quiet', '--out', out]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.cards.candidate.model_details.version).toBe('1.4.0');
    expect(report.cards.baseline.model_details.version).toBeNull();
  });
});
