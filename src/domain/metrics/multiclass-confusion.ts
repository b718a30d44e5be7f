/**
 * Multiclass predictions, confusion matrix and averaged precision / recall / F1.
 *
 * predicted class = numpy.argmax(proba, axis=1): the first column holding the row maximum.
 * confusion[t·C + p] = #rows with true class t predicted as p
 *   (= sklearn.metrics.confusion_matrix(y, pred, labels=range(C)), row = true, column = pred).
 * Per class c: tp = M[c][c], pred_c = Σ_t M[t][c], true_c = Σ_p M[c][p];
 *   precision_c = tp / pred_c, recall_c = tp / true_c (0 on zero division),
 *   f1_c = 2·P_c·R_c / (P_c + R_c) (0 if P_c + R_c == 0)          — sklearn 1.2.1 formulas.
 * average='macro'    : plain mean of the per-class values
 * average='weighted' : Σ v_c · true_c / Σ true_c
 * Classes averaged over: 'present' (default) = classes occurring in y or in the predictions,
 * which is what `precision_recall_fscore_support(y, pred, average=..., zero_division=0)` uses
 * with its default labels=None (unique_labels(y, pred)); 'all' = every class 0..C−1, as with
 * labels=range(C) (an absent class then adds a 0 to the macro mean and weight 0 to weighted).
 * If no averaged class has a true row (weights sum to 0), weighted gives 0 like sklearn.
 */
import { f1FromPrecisionRecall } from './confusion.js';

export type Average = 'macro' | 'weighted';
export type ClassSelection = 'present' | 'all';

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** numpy.argmax over each row of the row-major n×C matrix `proba` (first maximum wins). */
export function argmaxRows(proba: Float64Array, nClasses: number, out?: Int32Array): Int32Array {
  const n = Math.floor(proba.length / nClasses);
  const pred = out !== undefined && out.length >= n ? out : new Int32Array(n);
  for (let i = 0, base = 0; i < n; i++, base += nClasses) {
    let best = 0;
    let bestValue = proba[base] as number;
    for (let c = 1; c < nClasses; c++) {
      const v = proba[base + c] as number;
      if (v > bestValue) {
        best = c;
        bestValue = v;
      }
    }
    pred[i] = best;
  }
  return pred;
}

/** Flat C×C confusion counts, index true·C + pred. */
export function confusionMatrix(y: Int32Array, pred: Int32Array, nClasses: number): Float64Array {
  const m = new Float64Array(nClasses * nClasses);
  for (let i = 0; i < y.length; i++) {
    const k = (y[i] as number) * nClasses + (pred[i] as number);
    m[k] = (m[k] as number) + 1;
  }
  return m;
}

/** Macro- or support-weighted precision, recall and F1 from a flat confusion matrix. */
export function averagedPrecisionRecallF1(
  confusion: Float64Array,
  nClasses: number,
  average: Average,
  classes: ClassSelection = 'present',
): PrecisionRecallF1 {
  let p = 0;
  let r = 0;
  let f = 0;
  let weightSum = 0;
  let used = 0;
  for (let c = 0; c < nClasses; c++) {
    const tp = confusion[c * nClasses + c] as number;
    let predSum = 0;
    let trueSum = 0;
    for (let k = 0; k < nClasses; k++) {
      predSum += confusion[k * nClasses + c] as number;
      trueSum += confusion[c * nClasses + k] as number;
    }
    if (classes === 'present' && predSum === 0 && trueSum === 0) continue;
    const precision = predSum === 0 ? 0 : tp / predSum;
    const recall = trueSum === 0 ? 0 : tp / trueSum;
    const f1 = f1FromPrecisionRecall(precision, recall);
    const w = average === 'weighted' ? trueSum : 1;
    p += precision * w;
    r += recall * w;
    f += f1 * w;
    weightSum += w;
    used++;
  }
  if (used === 0 || weightSum === 0) return { precision: 0, recall: 0, f1: 0 };
  return { precision: p / weightSum, recall: r / weightSum, f1: f / weightSum };
}

/** The flat matrix as rows: result[true][pred]. */
export function confusionRows(confusion: Float64Array, nClasses: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t < nClasses; t++) {
    rows.push(Array.from(confusion.subarray(t * nClasses, (t + 1) * nClasses)));
  }
  return rows;
}
