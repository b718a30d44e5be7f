/**
 * Issue 12: the same inputs and seed give a byte-identical report.json on any thread count —
 * apart from the documented timings and `comparison.bootstrap_threads`, which records the threads
 * the bootstrap ran on. The models come as predictions (their scores fixed), so what is compared
 * is the gate's own work: at 2,110 rows the paired bootstrap split across threads, at 21,100 the
 * influence-function route, at 295,400 a holdout read on two threads, with slices, flips, drift and
 * the score drift of reference predictions.
 * (An ONNX model's scores are onnxruntime's, whose tree ensembles sum in another order on another
 * number of threads: --threads pins them, README.) The gate runs as users run it: the bundled CLI
 * (dist/, which npm test builds first) in its own process, whose worker threads take bootstrap
 * shards and CSV parts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLines, repeatedCsv } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const TELCO = resolve('fixtures/classification_telco_churn');
const tmp = tempDir();

const lines = (file: string) => csvLines(join(TELCO, file));

/** The holdout and both models' predictions, repeated `times` times, row for row. */
function inputs(times: number): string {
  const [header, rows] = lines('holdout.csv');
  const holdout = tmp.write(`holdout-${times}.csv`, repeatedCsv(header, rows, times));
  const predictions = (model: string) => {
    const [h, r] = lines(`predictions_${model}_holdout.csv`);
    return tmp.write(`${model}-${times}.csv`, repeatedCsv(h, r, times));
  };
  const [, reference] = lines('reference.csv');
  // The candidate's "reference predictions": its holdout ones, as many rows as the reference.
  const [ph, pr] = lines('predictions_candidate_holdout.csv');
  const onReference = tmp.write(
    `candidate-reference-${times}.csv`,
    repeatedCsv(
      ph,
      Array.from({ length: reference.length }, (_, i) => pr[i % pr.length] as string),
      1,
    ),
  );
  return tmp.write(
    `gate-${times}.yml`,
    `version: 1
label: Churn
models:
  candidate: { predictions: ${predictions('candidate')}, scores: onnx_proba_1, read_as: probability, order: true, reference_predictions: ${onReference} }
  baseline: { predictions: ${predictions('baseline')}, scores: onnx_proba_1, read_as: probability, order: true }
data: { holdout: ${holdout}, reference: ${join(TELCO, 'reference.csv')} }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }
  - { metric: f1, vs_baseline: { max_drop: 0.01 }, slices: true }
  - { metric: log_loss, vs_baseline: { max_drop: 0.02 } }
slices: [ Contract, { column: tenure, bins: [12, 24, 48] } ]
drift: { columns: [tenure, MonthlyCharges, TotalCharges, Contract, PaymentMethod] }
statistics: { bootstrap: 300, seed: 11 }
`,
  );
}

function report(config: string, threads: number): string {
  const out = join(tmp.dir, `${threads}-${config.split('/').pop()}.json`);
  const argv = ['gate', '--config', config, '--out', out, '--threads', String(threads), '--quiet'];
  const r = spawnSync(process.execPath, [resolve('bin/model-gate.js'), ...argv], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBeLessThan(2);
  return readFileSync(out, 'utf8');
}

/** The report with its documented run-dependent fields blanked. */
function comparable(text: string): string {
  return text
    .replace(/"timings": \{[^}]*\}/, '"timings": {}')
    .replace(/"bootstrap_threads": \d+/, '"bootstrap_threads": 0');
}

describe('report.json on any thread count', () => {
  it.each([
    [1, 'the paired bootstrap (2,110 rows)', 300],
    [10, 'influence functions (21,100 rows)', 0],
    // 37 MB: on 3 threads the holdout is read in two parts, into memory the threads share.
    [140, 'a holdout read on two threads (295,400 rows)', 0],
  ])(
    'x%s: %s',
    async (times, _route, resamples) => {
      const config = inputs(times);
      const one = await report(config, 1);
      const three = await report(config, 3);
      const parsed = JSON.parse(one);
      expect(parsed.comparison.resamples).toBe(resamples);
      expect(parsed.drift.prediction).toBeDefined();
      expect(comparable(three)).toBe(comparable(one));
      // And again on the same thread count: nothing else (a clock, a random seed) enters.
      expect(await report(config, 3)).not.toBe('');
      expect(comparable(await report(config, 3))).toBe(comparable(three));
    },
    120_000,
  );

  it('evaluate scores a holdout read on two threads through onnxruntime as one thread does', () => {
    // The linear baseline: its scores do not depend on onnxruntime's threads (a forest's do).
    const [header, rows] = lines('holdout.csv');
    const holdout = tmp.write('evaluate-130.csv', repeatedCsv(header, rows, 130));
    const evaluate = (threads: number) => {
      const out = join(tmp.dir, `evaluate-${threads}.json`);
      const argv = [
        'evaluate',
        ...['--model', join(TELCO, 'baseline.onnx'), '--data', holdout, '--out', out],
        ...['--label', 'Churn', '--positive-label', '1', '--threads', String(threads), '--quiet'],
      ];
      const r = spawnSync(process.execPath, [resolve('bin/model-gate.js'), ...argv], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8'));
    };
    const one = evaluate(1);
    const two = evaluate(2);
    expect(one.data.rows).toBe(130 * rows.length);
    expect(two.data).toEqual(one.data);
    expect(two.metrics).toEqual(one.metrics);
  }, 120_000);
});
