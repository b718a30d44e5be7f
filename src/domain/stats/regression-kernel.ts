/**
 * The paired kernel of a regressor: REGRESSION_BOOTSTRAP_METRICS of candidate and baseline
 * predictions on every group, under integer row weights w (metrics/regression.ts definitions,
 * scikit-learn 1.2.1, on the weighted sample; W = Σ w):
 *   mae  = Σ w|y − ŷ| / W        mse = Σ w(y − ŷ)² / W        rmse = √mse
 *   mape = Σ w|y − ŷ| / max(|y|, eps) / W
 *   r2   = 1 − SS_res / SS_tot,  SS_res = Σ w(y − ŷ)²,  SS_tot = Σ w(y − ȳ_w)²,  ȳ_w = Σ w·y / W
 *          (force_finite: constant y among weighted rows → 1 if SS_res = 0 else 0; NaN if W < 2)
 * Every metric is NaN for a group with W = 0. Sums are always compensated (this kernel is not on
 * the hot path of the speed target). median_absolute_error and max_error are not bootstrapped:
 * they are order statistics, not weighted sums.
 */
import { FLOAT64_EPS } from '../metrics/constants.js';
import { checkFinite, checkSameLength } from '../metrics/validate.js';
import { type Grouping, groupedSums, groupings } from './grouped-sums.js';
import { groupTable, type Slicing } from './groups.js';
import { type PairedKernel, REGRESSION_BOOTSTRAP_METRICS } from './kernel.js';

export interface RegressionPairInput {
  y: Float64Array;
  candidate: Float64Array;
  baseline: Float64Array;
  slicings?: readonly Slicing[];
}

/** Sums per group: W, then |e|, e², |e|/max(|y|, eps) of candidate, the same of baseline, y. */
const WIDTH = 8;

export function regressionKernel(input: RegressionPairInput): PairedKernel {
  const { y, candidate, baseline } = input;
  const slicings = input.slicings ?? [];
  checkSameLength('paired bootstrap: candidate', y, candidate);
  checkSameLength('paired bootstrap: baseline', y, baseline);
  checkFinite('paired bootstrap: targets', y);
  checkFinite('paired bootstrap: candidate predictions', candidate);
  checkFinite('paired bootstrap: baseline predictions', baseline);
  const n = y.length;
  const groups = groupTable(n, slicings);
  const parts = groupings(n, slicings);
  const terms = [...errorTerms(y, candidate), ...errorTerms(y, baseline), y];
  const G = groups.length;
  const M = REGRESSION_BOOTSTRAP_METRICS.length;
  const sums = new Float64Array(G * WIDTH);

  function evaluate(weights: Uint8Array, out: Float64Array, offset: number): void {
    if (weights.length !== n) throw new RangeError(`${weights.length} weights for ${n} rows`);
    groupedSums(weights, terms, parts, sums);
    const ssTot = totalSquares(weights, y, parts, sums);
    for (let g = 0; g < G; g++) {
      const W = sums[g * WIDTH] as number;
      for (let model = 0; model < 2; model++) {
        const s = g * WIDTH + 1 + model * 3;
        const ssRes = sums[s + 1] as number;
        const mse = ssRes / W;
        const tot = ssTot[g] as number;
        const r2 = W < 2 ? Number.NaN : tot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / tot;
        const values = [
          (sums[s] as number) / W,
          mse,
          Math.sqrt(mse),
          r2,
          (sums[s + 2] as number) / W,
        ];
        for (let m = 0; m < M; m++) {
          out[offset + (g * M + m) * 2 + model] = W === 0 ? Number.NaN : (values[m] as number);
        }
      }
    }
  }

  return {
    task: 'regression',
    rows: n,
    order: null,
    metrics: REGRESSION_BOOTSTRAP_METRICS,
    groups,
    evaluate,
  };
}

/** |e|, e², |e|/max(|y|, eps) per row, formed as metrics/regression.ts forms them. */
function errorTerms(y: Float64Array, pred: Float64Array): Float64Array[] {
  const n = y.length;
  const abs = new Float64Array(n);
  const sq = new Float64Array(n);
  const pct = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const d = yi - (pred[i] as number);
    const a = Math.abs(d);
    abs[i] = a;
    sq[i] = d * d;
    pct[i] = a / Math.max(Math.abs(yi), FLOAT64_EPS);
  }
  return [abs, sq, pct];
}

/**
 * SS_tot per group: Σ w(y − ȳ_g)² (compensated, row order), or exactly 0 when every weighted row of
 * the group has the same y (metrics/regression.ts detects a constant y the same way).
 */
function totalSquares(
  weights: Uint8Array,
  y: Float64Array,
  parts: readonly Grouping[],
  sums: Float64Array,
): Float64Array {
  const G = sums.length / WIDTH;
  const out = new Float64Array(G);
  let first = 0;
  for (const { slots, count } of parts) {
    const mean = new Float64Array(count + 1);
    for (let g = 0; g < count; g++) {
      const at = (first + g) * WIDTH;
      mean[g] = (sums[at + WIDTH - 1] as number) / (sums[at] as number);
    }
    const firstY = new Float64Array(count + 1).fill(Number.NaN);
    const varies = new Uint8Array(count + 1);
    const s = new Float64Array(count + 1);
    const c = new Float64Array(count + 1);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const g = slots[i] as number;
      const yi = y[i] as number;
      if (Number.isNaN(firstY[g] as number)) firstY[g] = yi;
      else if (yi !== firstY[g]) varies[g] = 1;
      const d = yi - (mean[g] as number);
      const x = w * (d * d);
      const t = (s[g] as number) + x;
      const sg = s[g] as number;
      c[g] = (c[g] as number) + (Math.abs(sg) >= Math.abs(x) ? sg - t + x : x - t + sg);
      s[g] = t;
    }
    for (let g = 0; g < count; g++) {
      out[first + g] = varies[g] === 1 ? (s[g] as number) + (c[g] as number) : 0;
    }
    first += count;
  }
  return out;
}
