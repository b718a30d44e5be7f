/**
 * A holdout of ASYMPTOTIC_ROWS rows or more (issue 12): the gate gives the metrics without an
 * exact route normal intervals from their influence functions instead of resampling, says so in
 * report.json (method 'asymptotic') and in the PR comment, and still decides. The holdout is the
 * Telco holdout repeated to 21,100 rows (the real models, the real ONNX runtime).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import { ASYMPTOTIC_ROWS } from '../../src/domain/gate/compare.js';
import { MULTICLASS_BOOTSTRAP_METRICS } from '../../src/domain/stats/index.js';
import { cli } from '../support/cli.js';
import { csvLines, repeatedCsv } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');

describe(`gate on ${ASYMPTOTIC_ROWS.toLocaleString('en-US')}+ rows`, () => {
  it('uses influence-function intervals, says so, and decides', async () => {
    const [header, rows] = csvLines(join(TELCO, 'holdout.csv'));
    const times = Math.ceil(ASYMPTOTIC_ROWS / rows.length);
    const big = tmp.write('big.csv', repeatedCsv(header, rows, times));
    const config = tmp.write(
      'big.yml',
      `version: 1
label: Churn
models: { candidate: ${join(TELCO, 'candidate.onnx')}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${big} }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }
  - { metric: f1, vs_baseline: { max_drop: 0.01 }, slices: true }
slices: [ Contract ]
`,
    );
    const out = join(tmp.dir, 'big.json');
    const md = join(tmp.dir, 'big.md');
    const r = await cli(['gate', '--config', config, '--out', out, '--markdown', md, '--quiet']);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // Both models predict alike on every row of two contracts: those f1 slices decide nothing.
    expect(r.code, r.stderr).toBe(EXIT.gateFailed);
    expect(report.decision.verdict).toBe('INCONCLUSIVE');
    expect(report.data.holdout.rows).toBe(times * rows.length);
    expect(report.comparison.resamples).toBe(0); // none ran
    const methods = Object.fromEntries(
      Object.entries(report.comparison.metrics).map(([k, m]) => [
        k,
        (m as { method: string }).method,
      ]),
    );
    expect(methods).toEqual({
      accuracy: 'score',
      precision: 'asymptotic',
      recall: 'asymptotic',
      f1: 'asymptotic',
      roc_auc: 'delong',
      average_precision: 'asymptotic',
      log_loss: 'asymptotic',
      brier: 'asymptotic',
    });
    const f1 = report.comparison.metrics.f1;
    // value ± 1.96 se
    expect(f1.ci.delta[1] - f1.delta).toBeCloseTo(1.959963984540054 * f1.se.delta, 12);
    const rules = report.decision.rules.filter((x: { metric: string }) => x.metric === 'f1');
    expect(rules.length).toBeGreaterThan(1); // overall and the Contract slices
    expect(rules.every((x: { method: string }) => x.method === 'asymptotic')).toBe(true);
    expect(rules.map((x: { outcome: string }) => x.outcome)).toEqual([
      'PASS',
      'PASS',
      'INCONCLUSIVE',
      'INCONCLUSIVE',
    ]);
    expect(rules[2].reason).toMatch(/the same on every one of the 4590 rows/);
    expect(readFileSync(md, 'utf8')).toMatch(
      /normal intervals from each metric’s influence function/,
    );
  }, 60_000);

  it('multiclass: the macro and weighted averages from their influence functions', async () => {
    // The PyTorch softmax model of fixtures/pytorch (Contract from 4 numeric columns) against a
    // baseline given as that model's own outputs with every 4th row's classes rotated: a worse
    // model, row for row. Both over the Telco holdout repeated to 21,100 rows.
    const [header, rows] = csvLines(join(TELCO, 'holdout.csv'));
    const [outHeader, outputs] = csvLines(
      resolve('fixtures/pytorch/multiclass_softmax_n3.outputs.csv'),
    );
    const times = Math.ceil(ASYMPTOTIC_ROWS / rows.length);
    const big = tmp.write('big-mc.csv', repeatedCsv(header, rows, times));
    const worse = outputs.map((line, i) => {
      const [row, a, b, c] = line.split(',');
      return i % 4 === 0 ? [row, c, a, b].join(',') : line;
    });
    const baseline = tmp.write('baseline-mc.csv', repeatedCsv(outHeader, worse, times));
    const config = tmp.write(
      'big-mc.yml',
      `version: 1
label: Contract
models:
  candidate: { path: ${resolve('fixtures/pytorch/multiclass_softmax_n3.onnx')}, features: [SeniorCitizen, tenure, MonthlyCharges, TotalCharges] }
  baseline: { predictions: ${baseline}, scores: [out_0, out_1, out_2], read_as: probability, order: true }
data: { holdout: ${big} }
rules:
  - { metric: f1_macro, vs_baseline: { max_drop: 0.01 }, slices: true }
  - { metric: precision_weighted, vs_baseline: { max_drop: 0.01 } }
slices: [ InternetService ]
`,
    );
    const out = join(tmp.dir, 'big-mc.json');
    const r = await cli(['gate', '--config', config, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBeLessThan(2);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.task).toBe('multiclass');
    expect(report.comparison.resamples).toBe(0);
    const metrics = report.comparison.metrics as Record<
      string,
      { method: string; delta: number; ci: { delta: number[] } }
    >;
    // Every metric but accuracy, which keeps its score interval.
    for (const name of MULTICLASS_BOOTSTRAP_METRICS.filter((m) => m !== 'accuracy')) {
      expect(metrics[name]?.method, name).toBe('asymptotic');
    }
    // The rotated rows make the baseline worse: the candidate gains, and the interval says so.
    expect(metrics.f1_macro?.delta).toBeGreaterThan(0);
    expect(metrics.f1_macro?.ci.delta[0]).toBeGreaterThan(0);
    const rules = report.decision.rules.filter((x: { metric: string }) => x.metric === 'f1_macro');
    expect(rules.length).toBeGreaterThan(1); // overall and the InternetService slices
    expect(rules.every((x: { method: string }) => x.method === 'asymptotic')).toBe(true);
    // Overall both rules pass; no slice fails (the smallest straddles the bound: INCONCLUSIVE).
    const outcomes = report.decision.rules.map((x: { outcome: string }) => x.outcome);
    expect(outcomes[0]).toBe('PASS');
    expect(outcomes.at(-1)).toBe('PASS'); // precision_weighted, overall
    expect(outcomes).not.toContain('FAIL');
  }, 60_000);
});
