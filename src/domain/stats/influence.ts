/**
 * Large-sample intervals from each metric's influence function (the nonparametric delta method),
 * for holdouts too large for 1,000 full resamples to be worth their time (issue 12; the size is
 * ASYMPTOTIC_ROWS in gate/compare.ts).
 *
 * Every bootstrapped metric is a smooth function T(w) of the row weights w that does not change
 * when all weights are scaled (kernel.ts). Its standard error on the holdout is
 *
 *   se(T) = √( Σ_k g_k² ),   g_k = ∂T/∂w_k at w = 1,
 *
 * the sum over the group's rows: the delta method applied to the multinomial row weights, the
 * same first-order variance the bootstrap estimates by resampling (Efron & Tibshirani 1993,
 * ch. 21; Davison & Hinkley 1997, §2.7). A delta's g is the difference of the two models' g on
 * each row, so the pairing is kept. The gradients, W = Σ 1 over the group's rows:
 *
 *   T = Σa / Σb (a ratio of per-row sums)     g_k = (a_k − T·b_k) / Σb
 *     precision a = y·ŷ, b = ŷ;  recall a = y·ŷ, b = y;  f1 a = 2·y·ŷ, b = y + ŷ;
 *     accuracy a = [ŷ = y], b = 1;  log_loss, brier, mae, mse, mape: a = the row's loss, b = 1
 *   rmse = √mse                               g = g_mse / (2·rmse)
 *   r2 = 1 − mse/v, v = Σ(y − ȳ)²/W            g = −(g_mse·v − mse·g_v)/v²,  g_v = ((y_k − ȳ)² − v)/W
 *   average_precision = (1/P) Σ_{i: y_i = 1} A_i/B_i, with A_i, B_i the positives and rows scoring
 *     ≥ s_i:   g_k = ( y_k·r_k + y_k·C(s_k) − E(s_k) − AP·y_k ) / P,   r_i = A_i/B_i,
 *     C(s) = Σ_{y_i = 1, s_i ≤ s} 1/B_i,   E(s) = Σ_{y_i = 1, s_i ≤ s} r_i/B_i
 *     (ties share A and B, as scikit-learn's thresholds do)
 *
 * roc_auc has DeLong's interval and accuracy score intervals everywhere (gate/intervals.ts), so
 * their standard errors here are only what the table would fall back on. Point estimates are the
 * kernel's (every weight 1, compensated sums: scikit-learn's values). O(n) per metric, plus one
 * radix sort per model for average_precision. Multiclass metrics keep the bootstrap.
 */

import { FLOAT64_EPS } from '../metrics/constants.js';
import { type Grouping, groupings } from './grouped-sums.js';
import type { Slicing } from './groups.js';
import { BINARY_BOOTSTRAP_METRICS, REGRESSION_BOOTSTRAP_METRICS } from './kernel.js';
import { descendingOrder } from './order.js';

/** Per group and metric: the standard errors of the candidate's, the baseline's and the delta. */
export interface InfluenceSe {
  readonly candidate: number;
  readonly baseline: number;
  readonly delta: number;
}

/** se[g][metric] for the kernel's groups (groups.ts numbering: overall, then each slicing). */
export type InfluenceTable = Record<string, InfluenceSe>[];

/** Row → global group, for each grouping (overall first). */
interface Membership {
  readonly groups: number;
  /** For grouping j: the global group of row k, or −1 when the row is in none of its groups. */
  readonly of: Int32Array[];
}

function membership(rows: number, slicings: readonly Slicing[]): Membership {
  const list: Grouping[] = groupings(slicings);
  let first = 0;
  const of = list.map(({ slots, count }) => {
    const out = new Int32Array(rows);
    for (let k = 0; k < rows; k++) {
      const s = slots === null ? 0 : (slots[k] as number);
      out[k] = s >= count ? -1 : first + s;
    }
    first += count;
    return out;
  });
  return { groups: first, of };
}

/** Σ g_c², Σ g_b², Σ (g_c − g_b)² per group. */
class Squares {
  readonly c: Float64Array;
  readonly b: Float64Array;
  readonly d: Float64Array;
  constructor(groups: number) {
    this.c = new Float64Array(groups);
    this.b = new Float64Array(groups);
    this.d = new Float64Array(groups);
  }
  add(g: number, gc: number, gb: number): void {
    this.c[g] = (this.c[g] as number) + gc * gc;
    this.b[g] = (this.b[g] as number) + gb * gb;
    this.d[g] = (this.d[g] as number) + (gc - gb) * (gc - gb);
  }
  se(g: number): InfluenceSe {
    return {
      candidate: Math.sqrt(this.c[g] as number),
      baseline: Math.sqrt(this.b[g] as number),
      delta: Math.sqrt(this.d[g] as number),
    };
  }
}

/** Writes one row's ratio terms without allocating (the hot loop runs per row and metric). */
function put(t: Float64Array, ac: number, bc: number, ab: number, bb: number): void {
  t[0] = ac;
  t[1] = bc;
  t[2] = ab;
  t[3] = bb;
}

/** Per-row ratio terms of both models: a_c, b_c, a_b, b_b for row k. */
type RatioTerms = (k: number, out: Float64Array) => void;

/**
 * Gradients of T = Σa/Σb per group for both models; `transform` maps (g, T, group) of a model to
 * the metric's own gradient (identity for a plain ratio).
 */
function ratioSquares(
  m: Membership,
  rows: number,
  terms: RatioTerms,
  transform?: (side: 0 | 1, g: number, ratio: number, group: number, k: number) => number,
): Squares {
  const sums = new Float64Array(m.groups * 4);
  const t = new Float64Array(4);
  for (let k = 0; k < rows; k++) {
    terms(k, t);
    for (const of of m.of) {
      const g = of[k] as number;
      if (g < 0) continue;
      for (let j = 0; j < 4; j++) sums[g * 4 + j] = (sums[g * 4 + j] as number) + (t[j] as number);
    }
  }
  const squares = new Squares(m.groups);
  for (let k = 0; k < rows; k++) {
    terms(k, t);
    for (const of of m.of) {
      const g = of[k] as number;
      if (g < 0) continue;
      const grad = (side: 0 | 1) => {
        const A = sums[g * 4 + side * 2] as number;
        const B = sums[g * 4 + side * 2 + 1] as number;
        if (!(B > 0)) return 0;
        const ratio = A / B;
        const plain = ((t[side * 2] as number) - ratio * (t[side * 2 + 1] as number)) / B;
        return transform ? transform(side, plain, ratio, g, k) : plain;
      };
      squares.add(g, grad(0), grad(1));
    }
  }
  return squares;
}

/**
 * average_precision's gradient for one model, per row (row order) and grouping (formula above).
 * Everything is first laid out in descending score order, so the walks read memory in sequence.
 */
function averagePrecisionGradients(
  m: Membership,
  y: Uint8Array,
  score: Float64Array,
): Float64Array[] {
  const n = y.length;
  const order = descendingOrder(score);
  const ys = new Uint8Array(n);
  const block = new Int32Array(n); // the first position of each position's tie block
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    ys[i] = y[k] as number;
    block[i] = i > 0 && score[k] === score[order[i - 1] as number] ? (block[i - 1] as number) : i;
  }
  const gs = new Int32Array(n);
  const r = new Float64Array(n);
  const size = new Float64Array(n);
  const gradSorted = new Float64Array(n);
  return m.of.map((of) => {
    for (let i = 0; i < n; i++) gs[i] = of[order[i] as number] as number;
    const A = new Float64Array(m.groups);
    const B = new Float64Array(m.groups);
    // Descending, a tie block at a time: A_i, B_i count the whole block.
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && block[end] === start) end++;
      for (let i = start; i < end; i++) {
        const g = gs[i] as number;
        if (g < 0) continue;
        A[g] = (A[g] as number) + (ys[i] as number);
        B[g] = (B[g] as number) + 1;
      }
      for (let i = start; i < end; i++) {
        const g = gs[i] as number;
        if (g < 0) continue;
        r[i] = (A[g] as number) / (B[g] as number);
        size[i] = B[g] as number;
      }
      start = end;
    }
    // A[g] is now P, the group's positives. AP per group:
    const ap = new Float64Array(m.groups);
    for (let i = 0; i < n; i++) {
      const g = gs[i] as number;
      if (g >= 0 && ys[i] === 1) ap[g] = (ap[g] as number) + (r[i] as number);
    }
    for (let g = 0; g < m.groups; g++) ap[g] = (ap[g] as number) / (A[g] as number);
    // Ascending, a tie block at a time: C and E include the whole block.
    const C = new Float64Array(m.groups);
    const E = new Float64Array(m.groups);
    for (let end = n; end > 0; ) {
      const start = block[end - 1] as number;
      for (let i = start; i < end; i++) {
        const g = gs[i] as number;
        if (g < 0 || ys[i] !== 1) continue;
        C[g] = (C[g] as number) + 1 / (size[i] as number);
        E[g] = (E[g] as number) + (r[i] as number) / (size[i] as number);
      }
      for (let i = start; i < end; i++) {
        const g = gs[i] as number;
        if (g < 0) continue;
        const yi = ys[i] as number;
        const P = A[g] as number;
        gradSorted[i] =
          P > 0
            ? (yi * (r[i] as number) +
                yi * (C[g] as number) -
                (E[g] as number) -
                (ap[g] as number) * yi) /
              P
            : Number.NaN;
      }
      end = start;
    }
    const grad = new Float64Array(n);
    for (let i = 0; i < n; i++) grad[order[i] as number] = gradSorted[i] as number;
    return grad;
  });
}

export interface BinaryInfluenceInput {
  readonly y: Uint8Array;
  readonly candidate: Float64Array;
  readonly baseline: Float64Array;
  readonly threshold: number;
  readonly slicings?: readonly Slicing[];
}

/** Per-row log loss as metrics/probabilistic.ts forms it (probabilities clipped to [eps, 1 − eps]). */
function logLoss(y: number, p: number): number {
  const q = Math.min(1 - FLOAT64_EPS, Math.max(FLOAT64_EPS, p));
  return y === 1 ? -Math.log(q) : -Math.log(1 - q);
}

export function binaryInfluence(input: BinaryInfluenceInput): InfluenceTable {
  const { y, candidate, baseline, threshold } = input;
  const n = y.length;
  const m = membership(n, input.slicings ?? []);
  const hc = new Uint8Array(n);
  const hb = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    hc[k] = (candidate[k] as number) >= threshold ? 1 : 0;
    hb[k] = (baseline[k] as number) >= threshold ? 1 : 0;
  }

  const ratios: Record<string, RatioTerms> = {
    accuracy: (k, t) => {
      const yk = y[k] as number;
      put(t, Number(hc[k] === yk), 1, Number(hb[k] === yk), 1);
    },
    precision: (k, t) => {
      const yk = y[k] as number;
      put(t, yk * (hc[k] as number), hc[k] as number, yk * (hb[k] as number), hb[k] as number);
    },
    recall: (k, t) => {
      const yk = y[k] as number;
      put(t, yk * (hc[k] as number), yk, yk * (hb[k] as number), yk);
    },
    f1: (k, t) => {
      const yk = y[k] as number;
      const c = hc[k] as number;
      const b = hb[k] as number;
      put(t, 2 * yk * c, yk + c, 2 * yk * b, yk + b);
    },
    log_loss: (k, t) => {
      const yk = y[k] as number;
      put(t, logLoss(yk, candidate[k] as number), 1, logLoss(yk, baseline[k] as number), 1);
    },
    brier: (k, t) => {
      const yk = y[k] as number;
      put(t, (yk - (candidate[k] as number)) ** 2, 1, (yk - (baseline[k] as number)) ** 2, 1);
    },
  };
  const table: InfluenceTable = Array.from({ length: m.groups }, () => ({}));
  for (const metric of BINARY_BOOTSTRAP_METRICS) {
    if (metric === 'roc_auc') {
      for (const row of table) row[metric] = { candidate: NaN, baseline: NaN, delta: NaN };
      continue;
    }
    if (metric === 'average_precision') {
      const gc = averagePrecisionGradients(m, y, candidate);
      const gb = averagePrecisionGradients(m, y, baseline);
      const squares = new Squares(m.groups);
      m.of.forEach((of, j) => {
        const c = gc[j] as Float64Array;
        const b = gb[j] as Float64Array;
        for (let k = 0; k < n; k++) {
          const g = of[k] as number;
          if (g >= 0) squares.add(g, c[k] as number, b[k] as number);
        }
      });
      table.forEach((row, g) => {
        row[metric] = squares.se(g);
      });
      continue;
    }
    const squares = ratioSquares(m, n, ratios[metric] as RatioTerms);
    table.forEach((row, g) => {
      row[metric] = squares.se(g);
    });
  }
  return table;
}

export interface RegressionInfluenceInput {
  readonly y: Float64Array;
  readonly candidate: Float64Array;
  readonly baseline: Float64Array;
  readonly slicings?: readonly Slicing[];
}

export function regressionInfluence(input: RegressionInfluenceInput): InfluenceTable {
  const { y, candidate, baseline } = input;
  const n = y.length;
  const m = membership(n, input.slicings ?? []);
  const loss = {
    mae: (e: number) => Math.abs(e),
    mse: (e: number) => e * e,
    mape: (e: number, yk: number) => Math.abs(e) / Math.max(Math.abs(yk), FLOAT64_EPS),
  };
  const table: InfluenceTable = Array.from({ length: m.groups }, () => ({}));
  const meanTerms =
    (f: (e: number, yk: number) => number): RatioTerms =>
    (k, t) => {
      const yk = y[k] as number;
      put(t, f(yk - (candidate[k] as number), yk), 1, f(yk - (baseline[k] as number), yk), 1);
    };
  // ȳ and v = Σ(y − ȳ)²/W per group, for r2.
  const W = new Float64Array(m.groups);
  const Sy = new Float64Array(m.groups);
  for (const of of m.of) {
    for (let k = 0; k < n; k++) {
      const g = of[k] as number;
      if (g < 0) continue;
      W[g] = (W[g] as number) + 1;
      Sy[g] = (Sy[g] as number) + (y[k] as number);
    }
  }
  const mean = Float64Array.from(W, (w, g) => (Sy[g] as number) / w);
  const v = new Float64Array(m.groups);
  for (const of of m.of) {
    for (let k = 0; k < n; k++) {
      const g = of[k] as number;
      if (g >= 0) v[g] = (v[g] as number) + ((y[k] as number) - (mean[g] as number)) ** 2;
    }
  }
  for (let g = 0; g < m.groups; g++) v[g] = (v[g] as number) / (W[g] as number);
  for (const metric of REGRESSION_BOOTSTRAP_METRICS) {
    let squares: Squares;
    if (metric === 'mae' || metric === 'mse' || metric === 'mape') {
      squares = ratioSquares(m, n, meanTerms(loss[metric]));
    } else if (metric === 'rmse') {
      squares = ratioSquares(m, n, meanTerms(loss.mse), (_, g, mse) =>
        mse > 0 ? g / (2 * Math.sqrt(mse)) : 0,
      );
    } else {
      // r2 = 1 − mse/v
      squares = ratioSquares(m, n, meanTerms(loss.mse), (_, gMse, mse, group, k) => {
        const vg = v[group] as number;
        if (!(vg > 0)) return 0;
        const gv = (((y[k] as number) - (mean[group] as number)) ** 2 - vg) / (W[group] as number);
        return -(gMse * vg - mse * gv) / (vg * vg);
      });
    }
    table.forEach((row, g) => {
      row[metric] = squares.se(g);
    });
  }
  return table;
}
