/**
 * The paired kernel of a multiclass classifier: MULTICLASS_BOOTSTRAP_METRICS of candidate and
 * baseline (row-major n×C probabilities, predicted class = argmax) on every group, under integer
 * row weights — metrics/multiclass.ts definitions (scikit-learn 1.2.1) on the weighted sample:
 *   confusion_g[t][p] = Σ w over rows of group g with true class t predicted p
 *   accuracy = Σ_c confusion[c][c] / W
 *   precision|recall|f1 _macro|_weighted = averagedPrecisionRecallF1(confusion, 'present')
 *   log_loss = Σ w·(−ln q[y]) / W with the per-row term of logLossMulticlass
 * NaN for a group with W = 0. roc_auc_ovr is not bootstrapped (it needs C sorted orders per model
 * and resample; use its point value from metrics/).
 */

import { InputError } from '../errors.js';
import { FLOAT64_EPS } from '../metrics/constants.js';
import { argmaxRows, averagedPrecisionRecallF1 } from '../metrics/multiclass-confusion.js';
import { checkClassLabels, checkProbabilities } from '../metrics/validate.js';
import { groupedSums, groupings } from './grouped-sums.js';
import { groupTable, type Slicing } from './groups.js';
import { MULTICLASS_BOOTSTRAP_METRICS, type PairedKernel } from './kernel.js';

export interface MulticlassPairInput {
  /** True class per row, 0..nClasses−1. */
  y: Int32Array;
  /** Candidate's probabilities, row-major n × nClasses. */
  candidate: Float64Array;
  baseline: Float64Array;
  nClasses: number;
  slicings?: readonly Slicing[];
}

export function multiclassKernel(input: MulticlassPairInput): PairedKernel {
  const { y, candidate, baseline, nClasses: C } = input;
  const slicings = input.slicings ?? [];
  checkClassLabels(y, C);
  const n = y.length;
  for (const [name, p] of [
    ['candidate', candidate],
    ['baseline', baseline],
  ] as const) {
    if (p.length !== n * C) {
      throw new InputError(
        `paired comparison: ${name} has ${p.length} probabilities, ${n} rows × ${C} classes need ${n * C}`,
      );
    }
    checkProbabilities(`paired comparison: ${name} probabilities`, p);
  }
  const groups = groupTable(n, slicings);
  const parts = groupings(slicings);
  const predicted = [argmaxRows(candidate, C), argmaxRows(baseline, C)] as const;
  const terms = [logLossTerms(y, candidate, C), logLossTerms(y, baseline, C)];
  const G = groups.length;
  const M = MULTICLASS_BOOTSTRAP_METRICS.length;
  const sums = new Float64Array(G * 3);
  // One extra group of cells at the end collects the rows of a slicing that are in none of its groups.
  const confusion = new Float64Array((G + 1) * 2 * C * C);

  /** Weighted confusion counts of both models for every group. */
  function fillConfusion(weights: Uint8Array): void {
    confusion.fill(0);
    let first = 0;
    for (const { slots, count } of parts) {
      for (let model = 0; model < 2; model++) {
        countModel(weights, predicted[model] as Int32Array, slots, count, first, model);
      }
      first += count;
    }
  }

  function countModel(
    weights: Uint8Array,
    pred: Int32Array,
    slots: Uint16Array | null,
    count: number,
    first: number,
    model: number,
  ): void {
    const cells = C * C;
    for (let i = 0; i < n; i++) {
      const slot = slots === null ? 0 : (slots[i] as number);
      const g = slot === count ? G : first + slot;
      const at = (g * 2 + model) * cells + (y[i] as number) * C + (pred[i] as number);
      confusion[at] = (confusion[at] as number) + (weights[i] as number);
    }
  }

  function evaluate(weights: Uint8Array, out: Float64Array, offset: number, compensated: boolean) {
    if (weights.length !== n) throw new RangeError(`${weights.length} weights for ${n} rows`);
    groupedSums(weights, terms, parts, sums, compensated);
    fillConfusion(weights);
    for (let g = 0; g < G; g++) {
      const W = sums[g * 3] as number;
      for (let model = 0; model < 2; model++) {
        const m = confusion.subarray((g * 2 + model) * C * C, (g * 2 + model + 1) * C * C);
        let correct = 0;
        for (let c = 0; c < C; c++) correct += m[c * C + c] as number;
        const macro = averagedPrecisionRecallF1(m, C, 'macro');
        const weighted = averagedPrecisionRecallF1(m, C, 'weighted');
        const values = [
          correct / W,
          macro.precision,
          macro.recall,
          macro.f1,
          weighted.precision,
          weighted.recall,
          weighted.f1,
          (sums[g * 3 + 1 + model] as number) / W,
        ];
        for (let k = 0; k < M; k++) {
          out[offset + (g * M + k) * 2 + model] = W === 0 ? Number.NaN : (values[k] as number);
        }
      }
    }
  }

  return {
    task: 'multiclass',
    rows: n,
    order: null,
    metrics: MULTICLASS_BOOTSTRAP_METRICS,
    groups,
    studentized: [],
    evaluate,
  };
}

/**
 * Per-row −ln q[y] of logLossMulticlass (metrics/multiclass.ts), formed by the same operations:
 * row sum of the clipped probabilities, clipped p[y] divided by it.
 */
export function logLossTerms(y: Int32Array, proba: Float64Array, C: number): Float64Array {
  const n = y.length;
  const hi = 1 - FLOAT64_EPS;
  const out = new Float64Array(n);
  for (let i = 0, base = 0; i < n; i++, base += C) {
    let rowSum = 0;
    for (let c = 0; c < C; c++)
      rowSum += Math.min(Math.max(proba[base + c] as number, FLOAT64_EPS), hi);
    const q =
      Math.min(Math.max(proba[base + (y[i] as number)] as number, FLOAT64_EPS), hi) / rowSum;
    out[i] = -Math.log(q);
  }
  return out;
}
