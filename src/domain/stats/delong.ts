/**
 * DeLong's test for two correlated ROC AUCs (DeLong, DeLong & Clarke-Pearson 1988, Biometrics
 * 44:837–845), with the O(n log n) structural components of Sun & Xu (2014, IEEE Signal
 * Processing Letters 21:1389–1393, "Fast implementation of DeLong's algorithm").
 *
 * With P positives X_i and N negatives Y_j (ties count ½, ψ(x, y) = [x > y] + ½[x = y]), per model:
 *   V10_i = (1/N) Σ_j ψ(X_i, Y_j)       (placement of positive i; midrank form: (tz_i − tx_i)/N)
 *   V01_j = (1/P) Σ_i ψ(X_i, Y_j)       (placement of negative j; midrank form: 1 − (tz_j − ty_j)/P)
 *   AUC   = mean_i V10_i = mean_j V01_j (= sklearn roc_auc_score)
 *   S10 = cov over positives of (V10 of the two models), S01 = the same over negatives (ddof 1)
 *   Var(AUC_k) = S10_kk / P + S01_kk / N
 *   Var(Δ)     = Var(V10_c − V10_b) / P + Var(V01_c − V01_b) / N     (Δ = AUC_c − AUC_b; this equals
 *                S_cc + S_bb − 2·S_cb, computed from the differences for numerical stability)
 *   z = Δ / √Var(Δ),  p = 2·(1 − Φ(|z|))  (two-sided)
 *   CI(Δ) = Δ ± Φ⁻¹(1 − α/2)·√Var(Δ), clamped to [−1, 1]; CI(AUC) likewise, clamped to [0, 1].
 * Placements come from one walk down each model's descending order (tie groups as in
 * weighted-ranking.ts). Undefined values are NaN: AUC with P or N = 0, variances with P or N < 2.
 * Var(Δ) = 0 (e.g. identical scores) gives z = 0, p = 1 when Δ = 0, and z = ±∞, p = 0 otherwise.
 */
import { sum } from '../metrics/sum.js';
import { checkBinaryLabels, checkFinite, checkSameLength } from '../metrics/validate.js';
import { normalQuantile, normalSf } from './normal.js';
import { descendingOrder, type PairOrders } from './order.js';

export interface DelongAuc {
  auc: number;
  /** Var(AUC) by DeLong. */
  variance: number;
  lower: number;
  upper: number;
}

export interface DelongComparison {
  candidate: DelongAuc;
  baseline: DelongAuc;
  /** AUC_candidate − AUC_baseline (positive: candidate better). */
  delta: number;
  variance: number;
  z: number;
  /** Two-sided p-value of H0: equal AUCs. */
  pValue: number;
  /** Confidence interval for delta. */
  lower: number;
  upper: number;
  confidence: number;
  positives: number;
  negatives: number;
}

interface Placements {
  auc: number;
  /** Per positive, in row order. */
  positive: Float64Array;
  /** Per negative, in row order. */
  negative: Float64Array;
}

function placements(
  y: Uint8Array,
  score: Float64Array,
  P: number,
  N: number,
  order: Int32Array = descendingOrder(score),
): Placements {
  const byRow = new Float64Array(y.length);
  let posAbove = 0;
  let negAbove = 0;
  let twiceU = 0;
  for (let k = 0; k < order.length; ) {
    const s = score[order[k] as number] as number;
    let end = k;
    let p = 0;
    while (end < order.length && score[order[end] as number] === s) {
      p += y[order[end] as number] as number;
      end++;
    }
    const q = end - k - p;
    for (let j = k; j < end; j++) {
      const row = order[j] as number;
      byRow[row] = y[row] === 1 ? (N - negAbove - q / 2) / N : (posAbove + p / 2) / P;
    }
    twiceU += q * (2 * posAbove + p);
    posAbove += p;
    negAbove += q;
    k = end;
  }
  const positive = new Float64Array(P);
  const negative = new Float64Array(N);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) positive[ip++] = byRow[i] as number;
    else negative[ineg++] = byRow[i] as number;
  }
  const auc = P === 0 || N === 0 ? Number.NaN : twiceU / (2 * P * N);
  return { auc, positive, negative };
}

/** Sample covariance (ddof 1, numpy.cov) of a and b; NaN for fewer than 2 values. */
function covariance(a: Float64Array, b: Float64Array): number {
  const m = a.length;
  if (m < 2) return Number.NaN;
  const ma = sum(a) / m;
  const mb = sum(b) / m;
  let s = 0;
  let c = 0;
  for (let i = 0; i < m; i++) {
    const x = ((a[i] as number) - ma) * ((b[i] as number) - mb);
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return (s + c) / (m - 1);
}

function difference(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - (b[i] as number);
  return out;
}

function classCounts(y: Uint8Array): [number, number] {
  checkBinaryLabels(y);
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i] as number;
  return [P, y.length - P];
}

function critical(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  return -normalQuantile((1 - confidence) / 2);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function aucInterval(pl: Placements, zc: number): DelongAuc {
  const P = pl.positive.length;
  const N = pl.negative.length;
  const variance =
    covariance(pl.positive, pl.positive) / P + covariance(pl.negative, pl.negative) / N;
  const half = zc * Math.sqrt(variance);
  return {
    auc: pl.auc,
    variance,
    lower: clamp(pl.auc - half, 0, 1),
    upper: clamp(pl.auc + half, 0, 1),
  };
}

/** DeLong variance and Wald interval of one model's AUC. */
export function delongAuc(y: Uint8Array, score: Float64Array, confidence = 0.95): DelongAuc {
  checkSameLength('DeLong', y, score);
  checkFinite('DeLong: scores', score);
  const [P, N] = classCounts(y);
  return aucInterval(placements(y, score, P, N), critical(confidence));
}

/** DeLong's paired test of candidate vs baseline AUC on the same rows. */
export function delongTest(
  y: Uint8Array,
  candidate: Float64Array,
  baseline: Float64Array,
  confidence = 0.95,
  /** The scores' descending orders when the caller has them (order.ts). */
  orders?: PairOrders,
): DelongComparison {
  checkSameLength('DeLong: candidate', y, candidate);
  checkSameLength('DeLong: baseline', y, baseline);
  checkFinite('DeLong: candidate scores', candidate);
  checkFinite('DeLong: baseline scores', baseline);
  const [P, N] = classCounts(y);
  const zc = critical(confidence);
  const c = placements(y, candidate, P, N, orders?.candidate);
  const b = placements(y, baseline, P, N, orders?.baseline);
  const delta = c.auc - b.auc;
  const dp = difference(c.positive, b.positive);
  const dn = difference(c.negative, b.negative);
  const variance = covariance(dp, dp) / P + covariance(dn, dn) / N;
  let z = delta / Math.sqrt(variance);
  if (variance === 0) z = delta === 0 ? 0 : delta > 0 ? Infinity : -Infinity;
  const half = zc * Math.sqrt(variance);
  return {
    candidate: aucInterval(c, zc),
    baseline: aucInterval(b, zc),
    delta,
    variance,
    z,
    pValue: Number.isNaN(z) ? Number.NaN : Math.min(1, 2 * normalSf(Math.abs(z))),
    lower: clamp(delta - half, -1, 1),
    upper: clamp(delta + half, -1, 1),
    confidence,
    positives: P,
    negatives: N,
  };
}
