/**
 * `model-gate gate` and `model-gate drift` from the command line: exit codes, and one clear
 * message (exit 2) for each bad input the issue lists.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import { checkGfm } from '../domain/render/gfm.js';
import { cli } from '../support/cli.js';
import { constantProbabilityModel } from '../support/onnx.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');

function telco(extra = '', candidate = 'candidate.onnx'): string {
  return `version: 1
label: Churn
models: { candidate: ${join(TELCO, candidate)}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
statistics: { bootstrap: 200 }
${extra}`;
}

let n = 0;
async function gate(yaml: string, ...args: string[]) {
  const path = tmp.write(`c${n++}.yml`, yaml);
  return cli(['gate', '--config', path, '--threads', '2', '--quiet', ...args]);
}

async function expectBadInput(
  run: Promise<{ code: number; stderr: string }>,
  ...patterns: RegExp[]
) {
  const r = await run;
  expect(r.code, r.stderr).toBe(EXIT.badInput);
  for (const p of patterns) expect(r.stderr).toMatch(p);
}

describe('gate exit codes', () => {
  it('0 on PASS, 1 on FAIL, and report.json carries the decision', async () => {
    const out = join(tmp.dir, 'report.json');
    const pass = await gate(telco(), '--out', out);
    expect(pass.code, pass.stderr).toBe(EXIT.ok);
    const fail = await gate(telco('', 'candidate_worse.onnx'));
    expect(fail.code).toBe(EXIT.gateFailed);
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.decision.verdict).toBe('PASS');
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['comparison', 'slices', 'flips', 'drift', 'decision']),
    );
  });

  it('INCONCLUSIVE exits 1 under on_inconclusive: fail and 0 under warn', async () => {
    // A margin so thin that no interval clears it: min_delta equal to the observed gain.
    const rules = 'rules: [ { metric: accuracy, vs_baseline: { min_delta: 0.017 } } ]';
    const fail = await gate(telco(rules));
    expect(fail.code).toBe(EXIT.gateFailed);
    const warn = await cli([
      'gate',
      '--config',
      tmp.write('warn.yml', telco(`${rules}\non_inconclusive: warn`)),
      '--threads',
      '2',
    ]);
    expect(warn.code).toBe(EXIT.ok);
    expect(warn.stdout).toMatch(/^INCONCLUSIVE/);
  });
});

describe('gate refuses bad input with exit code 2', () => {
  it('an unknown config key, with the near one', async () => {
    await expectBadInput(
      gate(`${telco()}treshold: 0.4\n`),
      /unknown key 'treshold'/,
      /did you mean 'threshold'/,
    );
  });

  it('a rule on a metric the task lacks', async () => {
    await expectBadInput(
      gate(telco('rules: [ { metric: rmse, max: 1 } ]')),
      /rules\[0\]\.metric 'rmse' is not computed for a binary model/,
    );
  });

  it('baseline and candidate with different class counts', async () => {
    const baseline = tmp.write(
      'three-classes.onnx',
      constantProbabilityModel('tenure', [0.2, 0.3, 0.5]),
    );
    const yaml = telco().replace(join(TELCO, 'baseline.onnx'), baseline);
    await expectBadInput(
      gate(yaml),
      /the baseline model '.*three-classes.onnx': the model outputs 3 class probabilities, does not name its classes, and label column 'Churn' holds 2 values/,
    );
  });

  it('a slice column that does not exist', async () => {
    await expectBadInput(
      gate(telco('slices: [ contract ]')),
      /there is no column 'contract' \(slice 'contract'\)/,
      /Did you mean 'Contract'\?/,
    );
  });

  it('a reference without a column the models use', async () => {
    const reference = tmp.write('ref.csv', 'tenure,Churn\n1,0\n2,1\n');
    const yaml = telco().replace(
      `data: { holdout: ${join(TELCO, 'holdout.csv')} }`,
      `data: { holdout: ${join(TELCO, 'holdout.csv')}, reference: ${reference} }`,
    );
    await expectBadInput(gate(yaml), /reference '.*ref.csv': there is no column 'SeniorCitizen'/);
  });

  it('bins that are not increasing', async () => {
    await expectBadInput(
      gate(telco('slices: [ { column: tenure, bins: [0, 24, 12] } ]')),
      /bins must be increasing/,
    );
  });

  it('no config file', async () => {
    await expectBadInput(cli(['gate', '--config', join(tmp.dir, 'missing.yml')]), /missing\.yml/);
  });
});

describe('drift', () => {
  it('exit 1 on the drifted holdout, 0 on the clean one, with drift.json', async () => {
    const out = join(tmp.dir, 'drift.json');
    const columns = 'MonthlyCharges,TotalCharges,PaymentMethod,tenure,Contract';
    const drifted = await cli([
      'drift',
      '--reference',
      join(TELCO, 'reference.csv'),
      '--current',
      join(TELCO, 'holdout_drifted.csv'),
      '--columns',
      columns,
      '--out',
      out,
      '--markdown',
      join(tmp.dir, 'drift.md'),
      '--quiet',
    ]);
    expect(drifted.code, drifted.stderr).toBe(EXIT.gateFailed);
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.drift.dataset.drifted_share).toBeCloseTo(3 / 5, 12);
    expect(json.drift.columns.tenure.drifted).toBe(false);
    // The Markdown (an issue's body): the verdict, then drifted columns first.
    const md = readFileSync(join(tmp.dir, 'drift.md'), 'utf8');
    checkGfm(md);
    expect(md).toMatch(/^## model-gate drift: DRIFT\n/);
    const rows = md
      .split('\n')
      .filter((l) => /^\| (MonthlyCharges|TotalCharges|PaymentMethod|tenure|Contract) \|/.test(l));
    expect(rows.map((l) => l.split(' | ')[2])).toEqual([
      '**drifted**',
      '**drifted**',
      '**drifted**',
      'no',
      'no',
    ]);
    const clean = await cli([
      'drift',
      '--reference',
      join(TELCO, 'reference.csv'),
      '--current',
      join(TELCO, 'holdout.csv'),
      '--quiet',
    ]);
    expect(clean.code).toBe(EXIT.ok);
  });

  it('a column named by --columns that the current file lacks', async () => {
    const current = tmp.write('cur.csv', 'tenure\n1\n');
    await expectBadInput(
      cli([
        'drift',
        '--reference',
        join(TELCO, 'reference.csv'),
        '--current',
        current,
        '--columns',
        'tenure,SeniorCitizen',
      ]),
      /current data '.*cur.csv': there is no column 'SeniorCitizen' \(--columns\)/,
    );
    const none = tmp.write('none.csv', 'other\n1\n');
    await expectBadInput(
      cli(['drift', '--reference', join(TELCO, 'reference.csv'), '--current', none]),
      /current data '.*none.csv' has none of the reference's columns/,
    );
  });

  it('tests label-less logs on the columns both hold; --fail-on column fails on one drifted column', async () => {
    const lines = readFileSync(join(TELCO, 'holdout_drifted.csv'), 'utf8').trimEnd().split('\n');
    const logs = tmp.write(
      'logs.csv',
      `${lines.map((l) => l.split(',').slice(0, -1).join(',')).join('\n')}\n`,
    );
    const out = join(tmp.dir, 'logs-drift.json');
    const args = ['drift', '--reference', join(TELCO, 'reference.csv'), '--current', logs];
    const byDataset = await cli([...args, '--out', out]);
    // 3 of 19 columns drifted: under the 50% that makes the dataset drift.
    expect(byDataset.code, byDataset.stderr).toBe(EXIT.ok);
    expect(byDataset.stdout).toMatch(/^COLUMN DRIFT: 3 of 19 columns drifted/);
    expect(byDataset.stdout).toMatch(
      /worst {5}PaymentMethod: js 0\.1320, 3\.8× its threshold 0\.035/,
    );
    expect(byDataset.stdout).toMatch(/not in the current data, not tested: Churn/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.not_in_current).toEqual(['Churn']);
    expect(json.worst).toMatchObject({ column: 'PaymentMethod', drifted: true });
    // Each column line gives the effect size and auto's test beside it.
    expect(byDataset.stdout).toMatch(
      /drifted +MonthlyCharges +wasserstein +0\.2388 \(threshold 0\.1; w1_permutation p 0\.\d+, level 0\.00\d+\)/,
    );
    expect(json.fail_on).toBe('dataset');
    const byColumn = await cli([...args, '--fail-on', 'column', '--quiet']);
    expect(byColumn.code).toBe(EXIT.gateFailed);
    const never = await cli([...args, '--fail-on', 'never', '--quiet']);
    expect(never.code).toBe(EXIT.ok);
    await expectBadInput(
      cli([...args, '--fail-on', 'any']),
      /--fail-on 'any' is not one of dataset, column, never/,
    );
  });
});

describe('drift of a regression target', () => {
  it('tests the target as a number: the undrifted California holdout shows no label drift', async () => {
    const housing = resolve('fixtures/regression_california_housing');
    const out = join(tmp.dir, 'regression-drift.json');
    const run = await gate(
      `label: median_house_value
models: { candidate: ${join(housing, 'candidate.onnx')}, baseline: ${join(housing, 'baseline.onnx')} }
data: { holdout: ${join(housing, 'holdout.csv')}, reference: ${join(housing, 'reference.csv')} }
statistics: { bootstrap: 100 }
`,
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.drift.label.type).toBe('numeric');
    expect(report.drift.label.drifted).toBe(false);
  });
});
