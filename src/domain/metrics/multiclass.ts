/**
 * Multiclass metrics of row-major class probabilities (n×C), matching scikit-learn 1.2.1:
 *   accuracy                       accuracy_score(y, argmax(P))
 *   precision|recall|f1 _macro     precision_recall_fscore_support(y, argmax(P),
 *   precision|recall|f1 _weighted    average='macro'|'weighted', zero_division=0), labels=None
 *                                    (classes present in y or predictions; see
 *                                    multiclass-confusion.ts)
 *   roc_auc_ovr                    roc_auc_score(y, P, multi_class='ovr', average='macro')
 *                                    = mean over c of roc_auc_score(y == c, P[:, c])
 *   log_loss                       log_loss(y, P, labels=range(C)): P clipped elementwise to
 *                                    [eps, 1 − eps], each row divided by its sum, mean(−ln q[y])
 * roc_auc_ovr is NaN when some class 0..C−1 has no row in y (sklearn raises). The rows of P are
 * not required to sum to 1 (sklearn's ovr AUC raises unless they are allclose to 1).
 */
import { InputError } from '../errors.js';
import { FLOAT64_EPS } from './constants.js';
import {
  argmaxRows,
  averagedPrecisionRecallF1,
  type ClassSelection,
  confusionMatrix,
  confusionRows,
} from './multiclass-confusion.js';
import { rocAucSorted } from './ranking.js';
import { NeumaierSum } from './sum.js';
import { checkClassLabels, checkProbabilities } from './validate.js';

/** Multiclass log loss (sklearn 1.2.1 `log_loss(y, P, eps=eps, labels=range(C))`). */
export function logLossMulticlass(
  y: Int32Array,
  proba: Float64Array,
  nClasses: number,
  eps = FLOAT64_EPS,
): number {
  const n = y.length;
  const hi = 1 - eps;
  const acc = new NeumaierSum();
  for (let i = 0, base = 0; i < n; i++, base += nClasses) {
    let rowSum = 0;
    for (let c = 0; c < nClasses; c++) {
      rowSum += Math.min(Math.max(proba[base + c] as number, eps), hi);
    }
    const q = Math.min(Math.max(proba[base + (y[i] as number)] as number, eps), hi) / rowSum;
    acc.add(-Math.log(q));
  }
  return acc.value() / n;
}

/**
 * Macro one-vs-rest ROC AUC: the mean over classes c of the binary AUC of (y == c) against
 * column c. NaN if some class has no row in y (or every row). `work` (length >= n) is reused.
 */
export function rocAucOvr(
  y: Int32Array,
  proba: Float64Array,
  nClasses: number,
  work?: Float64Array,
): number {
  const n = y.length;
  const buf = work !== undefined && work.length >= n ? work : new Float64Array(n);
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) {
    const k = y[i] as number;
    counts[k] = (counts[k] as number) + 1;
  }
  let total = 0;
  for (let c = 0; c < nClasses; c++) {
    const np = counts[c] as number;
    if (np === 0 || np === n) return Number.NaN;
    let ip = 0;
    let ineg = np;
    for (let i = 0, idx = c; i < n; i++, idx += nClasses) {
      if (y[i] === c) buf[ip++] = proba[idx] as number;
      else buf[ineg++] = proba[idx] as number;
    }
    total += rocAucSorted(buf.subarray(0, np).sort(), buf.subarray(np, n).sort());
  }
  return total / nClasses;
}

export interface MulticlassMetrics {
  metrics: Record<string, number>;
  /** confusion[true][pred], over all classes 0..C−1. */
  confusion: number[][];
}

export interface MulticlassOptions {
  /** Classes averaged by the macro/weighted scores; default 'present' (sklearn labels=None). */
  classes?: ClassSelection;
}

export function multiclassMetrics(
  y: Int32Array,
  proba: Float64Array,
  nClasses: number,
  options: MulticlassOptions = {},
): MulticlassMetrics {
  checkClassLabels(y, nClasses);
  const n = y.length;
  if (n === 0) throw new InputError('multiclass metrics: no rows');
  if (proba.length !== n * nClasses) {
    throw new InputError(
      `multiclass metrics: ${n} labels × ${nClasses} classes needs ${n * nClasses} probabilities, got ${proba.length}`,
    );
  }
  checkProbabilities('multiclass metrics: probabilities', proba);

  const pred = argmaxRows(proba, nClasses);
  const m = confusionMatrix(y, pred, nClasses);
  let correct = 0;
  for (let c = 0; c < nClasses; c++) correct += m[c * nClasses + c] as number;
  const classes = options.classes ?? 'present';
  const macro = averagedPrecisionRecallF1(m, nClasses, 'macro', classes);
  const weighted = averagedPrecisionRecallF1(m, nClasses, 'weighted', classes);
  return {
    metrics: {
      accuracy: correct / n,
      precision_macro: macro.precision,
      recall_macro: macro.recall,
      f1_macro: macro.f1,
      precision_weighted: weighted.precision,
      recall_weighted: weighted.recall,
      f1_weighted: weighted.f1,
      roc_auc_ovr: rocAucOvr(y, proba, nClasses),
      log_loss: logLossMulticlass(y, proba, nClasses),
    },
    confusion: confusionRows(m, nClasses),
  };
}
