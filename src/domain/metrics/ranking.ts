/**
 * Ranking metrics of a binary classifier: ROC AUC and average precision.
 *
 * Both are computed from the positive and the negative scores, each sorted ascending once
 * (../sort.ts: radix sort from 16,384 values, numeric order), then merge-walked, ties grouped.
 *
 * roc_auc (= sklearn 1.2.1 `roc_auc_score(y, score)`, the trapezoidal area under the ROC curve
 * with tied scores forming one point) equals the Mann–Whitney statistic with ties counting 1/2:
 *   AUC = Σ_{pos i} ( #{neg j: s_j < s_i} + ½ #{neg j: s_j = s_i} ) / (P·N)
 * The numerator is accumulated as the integer 2U (exact below 2^53), so the result is correctly
 * rounded. Undefined when y holds a single class (sklearn raises ValueError): returns NaN.
 *
 * average_precision (= sklearn 1.2.1 `average_precision_score(y, score)`), the step-wise sum over
 * the distinct score thresholds t_1 > t_2 > … (not the trapezoidal PR area):
 *   AP = Σ_k (R_k − R_{k−1}) · P_k,   R_k = tps_k / P,  P_k = tps_k / (tps_k + fps_k)
 * where tps_k / fps_k count positives / negatives with score >= t_k. With no positive rows sklearn
 * warns and returns 0 (its recall is set to 1 everywhere); so does this function.
 */

import { sortAscending } from '../sort.js';
/** The scores of the positive rows and of the negative rows, each sorted ascending. */
export interface SortedByClass {
  pos: Float64Array;
  neg: Float64Array;
}

/**
 * Splits `score` by the 0/1 label `y` and sorts both parts ascending. `work` (length >= n) is
 * reused when given, so a bootstrap loop on small samples allocates nothing; the returned arrays
 * are views of it, or of the radix sort's buffer on large ones.
 */
export function sortByClass(
  y: Uint8Array,
  score: Float64Array,
  work?: Float64Array,
): SortedByClass {
  const n = y.length;
  const buf = work !== undefined && work.length >= n ? work : new Float64Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) p += y[i] as number;
  let ip = 0;
  let ineg = p;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) buf[ip++] = score[i] as number;
    else buf[ineg++] = score[i] as number;
  }
  return { pos: sortAscending(buf.subarray(0, p)), neg: sortAscending(buf.subarray(p, n)) };
}

/**
 * sortByClass from the scores' descending order (stats/order.ts), without sorting: the same
 * values in the same order (−0 and +0 aside, which every ranking metric takes as equal).
 */
export function byClassFromOrder(
  y: Uint8Array,
  score: Float64Array,
  order: Int32Array,
): SortedByClass {
  const n = y.length;
  let p = 0;
  for (let i = 0; i < n; i++) p += y[i] as number;
  const pos = new Float64Array(p);
  const neg = new Float64Array(n - p);
  let ip = p;
  let ineg = n - p;
  for (let k = 0; k < n; k++) {
    const row = order[k] as number;
    if (y[row] === 1) pos[--ip] = score[row] as number;
    else neg[--ineg] = score[row] as number;
  }
  return { pos, neg };
}

/** ROC AUC from ascending-sorted positive and negative scores; NaN if either is empty. */
export function rocAucSorted(pos: Float64Array, neg: Float64Array): number {
  const np = pos.length;
  const nn = neg.length;
  if (np === 0 || nn === 0) return Number.NaN;
  let twiceU = 0;
  let below = 0; // negatives with score < the current positive score
  let i = 0;
  while (i < np) {
    const s = pos[i] as number;
    while (below < nn && (neg[below] as number) < s) below++;
    let j = below;
    while (j < nn && (neg[j] as number) === s) j++;
    const equal = j - below;
    let k = i;
    while (k < np && (pos[k] as number) === s) k++;
    twiceU += (k - i) * (2 * below + equal);
    i = k;
  }
  return twiceU / (2 * np * nn);
}

/** Average precision from ascending-sorted positive and negative scores; 0 if no positives. */
export function averagePrecisionSorted(pos: Float64Array, neg: Float64Array): number {
  const np = pos.length;
  if (np === 0) return 0;
  let i = np - 1;
  let j = neg.length - 1;
  let tps = 0;
  let fps = 0;
  // Neumaier sum of Δtps_k · P_k, inlined to stay allocation-free.
  let s = 0;
  let c = 0;
  while (i >= 0) {
    const pi = pos[i] as number;
    const nj = j >= 0 ? (neg[j] as number) : Number.NEGATIVE_INFINITY;
    const t = Math.max(pi, nj);
    let dtp = 0;
    while (i >= 0 && (pos[i] as number) === t) {
      i--;
      dtp++;
    }
    while (j >= 0 && (neg[j] as number) === t) {
      j--;
      fps++;
    }
    if (dtp === 0) continue;
    tps += dtp;
    const x = (dtp * tps) / (tps + fps);
    const u = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - u + x : x - u + s;
    s = u;
  }
  return (s + c) / np;
}

/** sklearn `roc_auc_score(y, score)`; NaN when y holds one class only. */
export function rocAuc(y: Uint8Array, score: Float64Array, work?: Float64Array): number {
  const { pos, neg } = sortByClass(y, score, work);
  return rocAucSorted(pos, neg);
}

/** sklearn `average_precision_score(y, score)`; 0 when y has no positive row. */
export function averagePrecision(y: Uint8Array, score: Float64Array, work?: Float64Array): number {
  const { pos, neg } = sortByClass(y, score, work);
  return averagePrecisionSorted(pos, neg);
}
