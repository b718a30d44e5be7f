/**
 * Coverage of the gate's intervals at slice sizes (issue 11): how often the true delta lies
 * below the lower end or above the upper end of the 95% interval, each side's nominal rate
 * being 2.5%.
 *
 * The population is a fixture's real holdout with both models' predictions (Telco for the
 * classification metrics, California housing for regression); the true delta is the metric's
 * delta on the whole population. Each replicate draws n rows with replacement (a slice of n
 * rows) and computes every interval the gate would: the percentile bootstrap of every metric
 * (B resamples), DeLong's for roc_auc, Tango's score interval for accuracy, the studentized
 * bootstrap (bootstrap-t) for the deltas of mae, mse and mape.
 *
 *   npm run bench:coverage [replicates] [B]     (figures to bench/out/coverage.json)
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  binaryKernel,
  delongTest,
  pairedBootstrap,
  percentileInterval,
  pointEstimates,
  regressionKernel,
  studentizedInterval,
} from '../src/domain/stats/index.js';
import { tangoInterval } from '../src/domain/stats/paired-proportions.js';
import { rng } from '../test/support/rng.js';

const REPLICATES = Number(process.argv[2] ?? 1000);
const RESAMPLES = Number(process.argv[3] ?? 1000);
const SIZES = (process.env.COVERAGE_SIZES ?? '30,50,100,150,300,1000').split(',').map(Number);

function columns(file: string, names: readonly string[]): Float64Array[] {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const at = names.map((n) => header.indexOf(n));
  const out = names.map(() => new Float64Array(lines.length - 1));
  lines.slice(1).forEach((line, r) => {
    const cells = line.split(',');
    at.forEach((i, k) => {
      (out[k] as Float64Array)[r] = Number(cells[i]);
    });
  });
  return out;
}

type Tally = Record<string, { below: number; above: number; used: number }>;

function tally(t: Tally, key: string, lower: number, upper: number, truth: number): void {
  const entry = t[key] ?? { below: 0, above: 0, used: 0 };
  if (Number.isNaN(lower) || Number.isNaN(upper)) return;
  entry.used++;
  if (truth < lower) entry.below++;
  if (truth > upper) entry.above++;
  t[key] = entry;
}

const telcoDir = 'fixtures/classification_telco_churn';
const [y, cand] = columns(`${telcoDir}/predictions_candidate_holdout.csv`, [
  'y_true',
  'onnx_proba_1',
]) as [Float64Array, Float64Array];
const [base] = columns(`${telcoDir}/predictions_baseline_holdout.csv`, ['onnx_proba_1']) as [
  Float64Array,
];
const yb = Uint8Array.from(y);
const binaryPopulation = binaryKernel({ y: yb, candidate: cand, baseline: base, threshold: 0.5 });
const binaryTruth = pointEstimates(binaryPopulation);

const housingDir = 'fixtures/regression_california_housing';
const [ry, rc] = columns(`${housingDir}/predictions_candidate_holdout.csv`, [
  'y_true',
  'onnx_pred',
]) as [Float64Array, Float64Array];
const [rb] = columns(`${housingDir}/predictions_baseline_holdout.csv`, ['onnx_pred']) as [
  Float64Array,
];
const regressionPopulation = regressionKernel({ y: ry, candidate: rc, baseline: rb });
const regressionTruth = pointEstimates(regressionPopulation);

function truthDelta(
  kernel: typeof binaryPopulation,
  truth: Float64Array,
  metric: string,
  lowerIsBetter: boolean,
): number {
  const m = kernel.metrics.indexOf(metric);
  const c = truth[m * 2] as number;
  const b = truth[m * 2 + 1] as number;
  return lowerIsBetter ? b - c : c - b;
}

const LOWER = new Set(['log_loss', 'brier', 'mae', 'mse', 'rmse', 'mape']);
const results: Record<string, Tally> = {};
const t0 = performance.now();
for (const n of SIZES) {
  const t: Tally = {};
  const random = rng(n);
  for (let r = 0; r < REPLICATES; r++) {
    // Binary: n rows of the Telco holdout.
    const sy = new Uint8Array(n);
    const sc = new Float64Array(n);
    const sb = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = Math.floor(random() * yb.length);
      sy[i] = yb[row] as number;
      sc[i] = cand[row] as number;
      sb[i] = base[row] as number;
    }
    const bk = binaryKernel({ y: sy, candidate: sc, baseline: sb, threshold: 0.5 });
    const boot = pairedBootstrap(bk, { resamples: RESAMPLES, seed: r });
    for (const [metric, m] of Object.entries(boot.groups[0]?.metrics ?? {})) {
      const ci = percentileInterval(m.samples.delta, 0.95);
      const truth = truthDelta(binaryPopulation, binaryTruth, metric, LOWER.has(metric));
      tally(t, `${metric} bootstrap`, ci.lower, ci.upper, truth);
    }
    let positives = 0;
    for (const v of sy) positives += v;
    if (positives > 1 && positives < n - 1) {
      const d = delongTest(sy, sc, sb, 0.95);
      tally(
        t,
        'roc_auc delong',
        d.lower,
        d.upper,
        truthDelta(binaryPopulation, binaryTruth, 'roc_auc', false),
      );
    }
    let b = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const rc1 = (sc[i] as number) >= 0.5 ? 1 : 0;
      const rb1 = (sb[i] as number) >= 0.5 ? 1 : 0;
      const okc = rc1 === sy[i];
      const okb = rb1 === sy[i];
      if (okc && !okb) b++;
      if (!okc && okb) c++;
    }
    const tango = tangoInterval(b, c, n, 0.95);
    tally(
      t,
      'accuracy tango',
      tango.lower,
      tango.upper,
      truthDelta(binaryPopulation, binaryTruth, 'accuracy', false),
    );
    // Regression: n rows of the California holdout.
    const ty = new Float64Array(n);
    const tc = new Float64Array(n);
    const tb = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = Math.floor(random() * ry.length);
      ty[i] = ry[row] as number;
      tc[i] = rc[row] as number;
      tb[i] = rb[row] as number;
    }
    const rk = regressionKernel({ y: ty, candidate: tc, baseline: tb });
    const rboot = pairedBootstrap(rk, { resamples: RESAMPLES, seed: r });
    for (const [metric, m] of Object.entries(rboot.groups[0]?.metrics ?? {})) {
      const ci = percentileInterval(m.samples.delta, 0.95);
      const truth = truthDelta(regressionPopulation, regressionTruth, metric, LOWER.has(metric));
      tally(t, `${metric} bootstrap`, ci.lower, ci.upper, truth);
      if (m.deltaSe) {
        const st = studentizedInterval(
          m.delta,
          m.deltaSe.point,
          m.samples.delta,
          m.deltaSe.samples,
          0.95,
        );
        tally(t, `${metric} bootstrap-t`, st.lower, st.upper, truth);
      }
    }
  }
  results[n] = t;
  const rows = Object.entries(t)
    .map(
      ([k, v]) =>
        `  ${k.padEnd(28)} below ${((100 * v.below) / v.used).toFixed(1).padStart(5)}%  above ${((100 * v.above) / v.used).toFixed(1).padStart(5)}%  (${v.used})`,
    )
    .join('\n');
  console.log(
    `n = ${n} (${REPLICATES} replicates, B = ${RESAMPLES}, ${((performance.now() - t0) / 1000).toFixed(0)} s)\n${rows}`,
  );
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/coverage.json', `${JSON.stringify(results, null, 2)}\n`);
