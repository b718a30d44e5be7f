/**
 * Proper scoring rules of a binary classifier's P(positive).
 *
 * log_loss = sklearn 1.2.1 `log_loss(y, p, eps=eps)` (labels {0, 1}). That version clips the
 * 1-D scores first, builds the two columns and renormalises each row by its float sum:
 *   p' = clip(p, eps, 1 − eps);  q = [1 − p', p'] / ((1 − p') + p');  loss = mean(−ln q[y])
 * Default eps = numpy.finfo(float64).eps (sklearn's eps='auto' for float64 scores).
 * sklearn raises when y holds a single class unless `labels` is given; this function computes
 * the value sklearn gives with labels=[0, 1]. NaN for n = 0.
 *
 * brier = sklearn 1.2.1 `brier_score_loss(y, p)` = mean((p − y)²). NaN for n = 0.
 *
 * Means are compensated (see sum.ts).
 */
import { FLOAT64_EPS } from './constants.js';
import { NeumaierSum } from './sum.js';

/** Binary log loss of 0/1 labels `y` against P(positive) `score`, sklearn 1.2.1 clipping. */
export function logLossBinary(y: Uint8Array, score: Float64Array, eps = FLOAT64_EPS): number {
  const n = y.length;
  const hi = 1 - eps;
  const acc = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const s = score[i] as number;
    // np.clip(a, lo, hi) = minimum(maximum(a, lo), hi)
    const p1 = Math.min(Math.max(s, eps), hi);
    const p0 = 1 - p1;
    const q = (y[i] === 1 ? p1 : p0) / (p0 + p1);
    acc.add(-Math.log(q));
  }
  return acc.value() / n;
}

/** Brier score: mean squared difference between `score` and the 0/1 label. */
export function brierScore(y: Uint8Array, score: Float64Array): number {
  const n = y.length;
  const acc = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - (score[i] as number);
    acc.add(d * d);
  }
  return acc.value() / n;
}
