/**
 * The gate end to end on the real fixture models: candidate vs baseline on the same holdout,
 * with paired intervals, slices, flips and drift.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gate } from '../../src/app/gate.js';
import { readSimpleCsv } from '../support/fixtures.js';
import { gateDeps } from '../support/gate.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');
const HOUSING = resolve('fixtures/regression_california_housing');

function config(name: string, yaml: string): string {
  return tmp.write(name, yaml);
}

async function run(path: string, overrides = {}) {
  return gate({ config: path, cwd: tmp.dir, overrides, threads: 2 }, gateDeps);
}

const telco = (candidate: string, extra = '') =>
  `version: 1
label: Churn
models: { candidate: ${join(TELCO, candidate)}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }
statistics: { bootstrap: 300, seed: 7 }
${extra}`;

describe('gate on Telco churn', () => {
  it('cuts a slice of a model input at its values as written, as pandas.cut does', async () => {
    // MonthlyCharges feeds the models as float32, where 20.1 lies above 20.1: the 14 holdout rows
    // of 20.1 belong to [0, 20.1] all the same, with and without drift reading the column too.
    const rows = readSimpleCsv(join(TELCO, 'holdout.csv'));
    const at = rows.header.indexOf('MonthlyCharges');
    const expected = rows.rows.filter((r) => Number(r[at]) <= 20.1).length;
    expect(rows.rows.filter((r) => r[at] === '20.1')).toHaveLength(14);
    for (const drift of [
      '',
      `\ndata: { holdout: ${join(TELCO, 'holdout.csv')}, reference: ${join(TELCO, 'reference.csv')} }`,
    ]) {
      const yaml = `${telco('candidate.onnx')}slices: [ { column: MonthlyCharges, bins: [0, 20.1, 200] } ]${drift}`;
      const report = await run(
        config(
          `edge${drift ? '-drift' : ''}.yml`,
          drift ? yaml.replace(/data: \{ holdout: [^}]*\}\n/, '') : yaml,
        ),
      );
      expect(report.slices[0]?.groups[0]?.rows, drift ? 'with drift' : 'without drift').toBe(
        expected,
      );
      if (drift) expect(report.drift?.columns.MonthlyCharges?.drifted).toBe(false);
    }
  });

  it('the candidate PASSes max_drop 0.01 on roc_auc against the baseline', async () => {
    const report = await run(config('pass.yml', telco('candidate.onnx')));
    expect(report.decision.verdict).toBe('PASS');
    expect(report.decision.exit_code).toBe(0);
    const rule = report.decision.rules[0];
    expect(rule?.method).toBe('delong');
    expect(rule?.outcome).toBe('PASS');
    // DeLong delta equals the difference of the oracle's AUCs (sklearn roc_auc_score).
    expect(rule?.value).toBeCloseTo(0.841218933726434 - 0.823996621361145, 12);
    expect(report.comparison.metrics.roc_auc?.candidate).toBeCloseTo(0.841218933726434, 12);
  });

  it('candidate_worse FAILs it', async () => {
    const report = await run(config('fail.yml', telco('candidate_worse.onnx')));
    expect(report.decision.verdict).toBe('FAIL');
    expect(report.decision.exit_code).toBe(1);
  });

  it('same seed, same numbers', async () => {
    const path = config('seed.yml', telco('candidate.onnx'));
    const a = await run(path);
    const b = await run(path);
    expect(b.comparison.metrics).toEqual(a.comparison.metrics);
  });

  it('slices, flips and drift are reported; drift is found on the drifted holdout only', async () => {
    const extra = `slices: [ Contract, { column: tenure, bins: [0, 12, 24, 72] } ]
data: { holdout: ${join(TELCO, 'holdout_drifted.csv')}, reference: ${join(TELCO, 'reference.csv')} }`;
    const yaml = telco('candidate.onnx').replace(/data: \{ holdout: [^}]*\}\n/, '') + extra;
    const report = await run(config('drift.yml', yaml));
    expect(report.slices.map((s) => s.name)).toEqual(['Contract', 'tenure']);
    expect(report.slices[1]?.groups.map((g) => g.slice)).toEqual([
      '[0, 12]',
      '(12, 24]',
      '(24, 72]',
    ]);
    expect(report.flips?.negative).toBeGreaterThan(0);
    const drift = report.drift as { columns: Record<string, { drifted: boolean }> };
    const drifted = Object.entries(drift.columns)
      .filter(([, c]) => c.drifted)
      .map(([n]) => n)
      .sort();
    expect(drifted).toEqual(['MonthlyCharges', 'PaymentMethod', 'TotalCharges']);
  });
});

describe('gate on California housing', () => {
  it('regression: the candidate PASSes the default rule (r2 max_drop 0.01)', async () => {
    const yaml = `version: 1
label: median_house_value
models: { candidate: ${join(HOUSING, 'candidate.onnx')}, baseline: ${join(HOUSING, 'baseline.onnx')} }
data: { holdout: ${join(HOUSING, 'holdout.csv')} }
statistics: { bootstrap: 200 }`;
    const report = await run(config('housing.yml', yaml));
    expect(report.task).toBe('regression');
    expect(report.decision.rules[0]?.rule).toMatch(/^r2/);
    expect(report.decision.verdict).toBe('PASS');
    expect(report.flips).toBeNull();
  });
});

describe('rules per slice', () => {
  it('judges slices of at least min_slice_size rows, with Holm-adjusted p-values', async () => {
    const yaml = `version: 1
label: Churn
models: { candidate: ${join(TELCO, 'candidate.onnx')}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.05 }, slices: true }
slices: [ Contract ]
min_slice_size: 450
statistics: { bootstrap: 300, seed: 3 }`;
    const report = await run(config('slices.yml', yaml));
    const groups = report.slices[0]?.groups ?? [];
    expect(groups.map((g) => g.slice)).toEqual(['Month-to-month', 'One year', 'Two year']);
    const judged = groups.filter((g) => g.judged).map((g) => g.slice);
    expect(judged).toEqual(groups.filter((g) => g.rows >= 450).map((g) => g.slice));
    const perSlice = report.decision.rules.filter((r) => r.scope !== 'overall');
    expect(perSlice.map((r) => (r.scope as { slice: string }).slice)).toEqual(judged);
    for (const r of perSlice) {
      expect(r.p_adjusted).toBeGreaterThanOrEqual(r.p_value as number);
      // roc_auc's one interval is DeLong's, in slices as overall (gate/intervals.ts).
      expect(r.method).toBe('delong');
      const slice = groups.find((g) => g.slice === (r.scope as { slice: string }).slice);
      expect(r.ci).toEqual(slice?.metrics.roc_auc?.ci.delta);
    }
    // The slice sizes add up to the rows with a Contract value.
    expect(groups.reduce((a, g) => a + g.rows, 0)).toBe(
      report.rows - (report.slices[0]?.unassigned_rows ?? 0),
    );
  });
});
