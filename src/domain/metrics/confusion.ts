/**
 * Threshold metrics of a binary classifier, from its confusion counts.
 *
 * Prediction: positive iff score >= threshold. With pos_label = 1 and zero_division = 0, as
 * scikit-learn 1.2.1 `precision_recall_fscore_support` computes them:
 *   accuracy  = (tp + tn) / n                          accuracy_score(y, score >= t)
 *   precision = tp / (tp + fp), 0 if tp + fp == 0      precision_score(..., zero_division=0)
 *   recall    = tp / (tp + fn), 0 if tp + fn == 0      recall_score(..., zero_division=0)
 *   f1        = 2·P·R / (P + R), 0 if P + R == 0       f1_score(..., zero_division=0)
 * (f1 is formed from the rounded P and R exactly like sklearn's `denom = beta2*P + R`.)
 * accuracy is NaN for n = 0.
 */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts tp/fp/tn/fn of `score >= threshold` against the 0/1 labels `y`, in one pass. */
export function confusionAt(y: Uint8Array, score: Float64Array, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    positives += yi;
    if ((score[i] as number) >= threshold) {
      if (yi === 1) tp++;
      else fp++;
    }
  }
  return { tp, fp, tn: n - positives - fp, fn: positives - tp };
}

/** `a / b`, or 0 when b == 0 (scikit-learn's zero_division=0). */
export function divideOrZero(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function accuracyFromConfusion(c: Confusion): number {
  return (c.tp + c.tn) / (c.tp + c.fp + c.tn + c.fn);
}

export function precisionFromConfusion(c: Confusion): number {
  return divideOrZero(c.tp, c.tp + c.fp);
}

export function recallFromConfusion(c: Confusion): number {
  return divideOrZero(c.tp, c.tp + c.fn);
}

/** F1 from precision and recall, as sklearn 1.2.1 does (0 when both are 0). */
export function f1FromPrecisionRecall(precision: number, recall: number): number {
  const denom = precision + recall;
  return (2 * precision * recall) / (denom === 0 ? 1 : denom);
}

export function f1FromConfusion(c: Confusion): number {
  return f1FromPrecisionRecall(precisionFromConfusion(c), recallFromConfusion(c));
}
