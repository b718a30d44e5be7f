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
 * their standard errors here are only what the table would fall back on. Point estimates come
 * from points.ts (the metric functions: scikit-learn's values, the kernels' at unit weights).
 * O(n) per metric, plus one radix sort per model for average_precision. Multiclass metrics:
 * influence-multiclass.ts.
 */

import { FLOAT64_EPS } from '../metrics/constants.js';
import { Scratch } from '../sort.js';
import { type Grouping, groupings } from './grouped-sums.js';
import type { Slicing } from './groups.js';
import { BINARY_BOOTSTRAP_METRICS, REGRESSION_BOOTSTRAP_METRICS } from './kernel.js';
import { type PairOrders, pairOrders } from './order.js';

/** Per group and metric: the standard errors of the candidate's, the baseline's and the delta. */
export interface InfluenceSe {
  readonly candidate: number;
  readonly baseline: number;
  readonly delta: number;
}

/** se[g][metric] for the kernel's groups (groups.ts numbering: overall, then each slicing). */
export type InfluenceTable = Record<string, InfluenceSe>[];

/** Row → global group, for each grouping (overall first). */
export interface Membership {
  readonly groups: number;
  /** For grouping j: the global group of row k, or −1 when the row is in none of its groups. */
  readonly of: Int32Array[];
}

export function membership(rows: number, slicings: readonly Slicing[]): Membership {
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

/**
 * Per-row ratio terms of every metric of a table at once: for metric j, out[4j..4j+3] hold
 * a_c, b_c, a_b, b_b of row k (candidate's numerator and denominator, then the baseline's).
 */
type RowTerms = (k: number, out: Float64Array) => void;

/** A metric's gradient from its ratio's: (metric j, side 0|1, g of Σa/Σb, Σa/Σb, group, row). */
type Transform = (
  j: number,
  side: number,
  g: number,
  ratio: number,
  group: number,
  k: number,
) => number;

/**
 * Σ g² per group of T = Σa/Σb for `metrics` ratios at once, both models and their difference:
 * one pass for the sums, one for the gradients (g_k = (a_k − T·b_k)/Σb), every grouping in each.
 * `transform` maps a ratio's gradient to its metric's own (rmse, r2); none for a plain ratio.
 * Returns squares[(group·metrics + j)·3 + {0: candidate, 1: baseline, 2: delta}].
 */
function ratioSquares(
  m: Membership,
  rows: number,
  metrics: number,
  terms: RowTerms,
  transform?: Transform,
): Float64Array {
  const width = metrics * 4;
  const sums = new Float64Array(m.groups * width);
  const t = new Float64Array(width);
  const of = m.of;
  for (let k = 0; k < rows; k++) {
    terms(k, t);
    for (let q = 0; q < of.length; q++) {
      const g = (of[q] as Int32Array)[k] as number;
      if (g < 0) continue;
      const base = g * width;
      for (let j = 0; j < width; j++)
        sums[base + j] = (sums[base + j] as number) + (t[j] as number);
    }
  }
  // Per group, metric and side: the ratio and 1/Σb (0 when Σb is 0: no gradient).
  const ratio = new Float64Array(m.groups * metrics * 2);
  const inverse = new Float64Array(m.groups * metrics * 2);
  for (let i = 0; i < ratio.length; i++) {
    const B = sums[2 * i + 1] as number;
    if (B > 0) {
      ratio[i] = (sums[2 * i] as number) / B;
      inverse[i] = 1 / B;
    }
  }
  const squares = new Float64Array(m.groups * metrics * 3);
  for (let k = 0; k < rows; k++) {
    terms(k, t);
    for (let q = 0; q < of.length; q++) {
      const g = (of[q] as Int32Array)[k] as number;
      if (g < 0) continue;
      for (let j = 0; j < metrics; j++) {
        const i = (g * metrics + j) * 2;
        const rc = ratio[i] as number;
        const rb = ratio[i + 1] as number;
        let gc = ((t[4 * j] as number) - rc * (t[4 * j + 1] as number)) * (inverse[i] as number);
        let gb =
          ((t[4 * j + 2] as number) - rb * (t[4 * j + 3] as number)) * (inverse[i + 1] as number);
        if (transform) {
          gc = transform(j, 0, gc, rc, g, k);
          gb = transform(j, 1, gb, rb, g, k);
        }
        const o = (g * metrics + j) * 3;
        squares[o] = (squares[o] as number) + gc * gc;
        squares[o + 1] = (squares[o + 1] as number) + gb * gb;
        squares[o + 2] = (squares[o + 2] as number) + (gc - gb) * (gc - gb);
      }
    }
  }
  return squares;
}

/** Writes ratioSquares' entries for `names` (in its metric order) into the table. */
export function fill(table: InfluenceTable, names: readonly string[], squares: Float64Array): void {
  table.forEach((row, g) => {
    names.forEach((name, j) => {
      const o = (g * names.length + j) * 3;
      row[name] = {
        candidate: Math.sqrt(squares[o] as number),
        baseline: Math.sqrt(squares[o + 1] as number),
        delta: Math.sqrt(squares[o + 2] as number),
      };
    });
  });
}

/**
 * average_precision's gradient for one model, per row (row order) and grouping (formula above).
 * Everything is first laid out in descending score order, so the walks read memory in sequence.
 */
function averagePrecisionGradients(
  m: Membership,
  y: Uint8Array,
  score: Float64Array,
  order: Int32Array,
  /** Working arrays, shared by both models' calls (a million rows' take 33 MB). */
  scratch: Scratch,
): Float64Array[] {
  const n = y.length;
  const work = <T>(
    name: string,
    Kind: new (b: ArrayBuffer, o: number, n: number) => T,
    bytes: number,
  ) => new Kind(scratch.buffer(name, bytes * n), 0, n);
  const ys = work('ys', Uint8Array, 1);
  const block = work('block', Int32Array, 4); // the first position of each position's tie block
  let previous = Number.NaN;
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    const s = score[k] as number;
    ys[i] = y[k] as number;
    block[i] = s === previous ? (block[i - 1] as number) : i;
    previous = s;
  }
  // Gathers in score order are the cost here (random reads of a million rows): the overall
  // grouping (the first; every row in group 0) needs none.
  const gs = work('gs', Int32Array, 4).fill(0);
  const r = work('r', Float64Array, 8);
  const size = work('size', Float64Array, 8);
  const gradSorted = work('gradSorted', Float64Array, 8);
  return m.of.map((of, j) => {
    if (j > 0) for (let i = 0; i < n; i++) gs[i] = of[order[i] as number] as number;
    // Rows outside this grouping keep a gradient of 0.
    gradSorted.fill(0);
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

/** The binary metrics with a ratio gradient, in ratioSquares' order. */
const BINARY_RATIOS = ['accuracy', 'precision', 'recall', 'f1', 'log_loss', 'brier'] as const;

export function binaryInfluence(
  input: BinaryInfluenceInput,
  /** Both models' descending score orders (order.ts), when the caller has them. */
  known?: PairOrders,
): InfluenceTable {
  const { y, candidate, baseline, threshold } = input;
  const n = y.length;
  const m = membership(n, input.slicings ?? []);
  const hc = new Uint8Array(n);
  const hb = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    hc[k] = (candidate[k] as number) >= threshold ? 1 : 0;
    hb[k] = (baseline[k] as number) >= threshold ? 1 : 0;
  }
  // Both passes read each row's losses: computed once.
  const lossC = new Float64Array(n);
  const lossB = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lossC[k] = logLoss(y[k] as number, candidate[k] as number);
    lossB[k] = logLoss(y[k] as number, baseline[k] as number);
  }
  const table: InfluenceTable = Array.from({ length: m.groups }, () => ({}));
  const ratios = ratioSquares(m, n, BINARY_RATIOS.length, (k, t) => {
    const yk = y[k] as number;
    const c = hc[k] as number;
    const b = hb[k] as number;
    const pc = candidate[k] as number;
    const pb = baseline[k] as number;
    // accuracy, precision, recall, f1, log_loss, brier: a_c, b_c, a_b, b_b each
    t[0] = c === yk ? 1 : 0;
    t[1] = 1;
    t[2] = b === yk ? 1 : 0;
    t[3] = 1;
    t[4] = yk * c;
    t[5] = c;
    t[6] = yk * b;
    t[7] = b;
    t[8] = yk * c;
    t[9] = yk;
    t[10] = yk * b;
    t[11] = yk;
    t[12] = 2 * yk * c;
    t[13] = yk + c;
    t[14] = 2 * yk * b;
    t[15] = yk + b;
    t[16] = lossC[k] as number;
    t[17] = 1;
    t[18] = lossB[k] as number;
    t[19] = 1;
    t[20] = (yk - pc) * (yk - pc);
    t[21] = 1;
    t[22] = (yk - pb) * (yk - pb);
    t[23] = 1;
  });
  fill(table, BINARY_RATIOS, ratios);
  const orders = known ?? pairOrders(candidate, baseline);
  const scratch = new Scratch();
  const gc = averagePrecisionGradients(m, y, candidate, orders.candidate, scratch);
  const gb = averagePrecisionGradients(m, y, baseline, orders.baseline, scratch);
  const ap = new Float64Array(m.groups * 3);
  m.of.forEach((of, j) => {
    const c = gc[j] as Float64Array;
    const b = gb[j] as Float64Array;
    for (let k = 0; k < n; k++) {
      const g = of[k] as number;
      if (g < 0) continue;
      const x = c[k] as number;
      const z = b[k] as number;
      ap[3 * g] = (ap[3 * g] as number) + x * x;
      ap[3 * g + 1] = (ap[3 * g + 1] as number) + z * z;
      ap[3 * g + 2] = (ap[3 * g + 2] as number) + (x - z) * (x - z);
    }
  });
  fill(table, ['average_precision'], ap);
  // roc_auc has DeLong's interval everywhere: no influence entry to fall back on.
  for (const row of table) row.roc_auc = { candidate: NaN, baseline: NaN, delta: NaN };
  return ordered(table, BINARY_BOOTSTRAP_METRICS);
}

/** Each row's entries in the kernel's metric order, so reports list them alike. */
export function ordered(table: InfluenceTable, metrics: readonly string[]): InfluenceTable {
  return table.map((row) =>
    Object.fromEntries(metrics.map((name) => [name, row[name] as InfluenceSe])),
  );
}

export interface RegressionInfluenceInput {
  readonly y: Float64Array;
  readonly candidate: Float64Array;
  readonly baseline: Float64Array;
  readonly slicings?: readonly Slicing[];
}

/** The regression metrics, in ratioSquares' order: three means, and rmse and r2 from mse's. */
const REGRESSION_RATIOS = ['mae', 'mse', 'mape', 'rmse', 'r2'] as const;

export function regressionInfluence(input: RegressionInfluenceInput): InfluenceTable {
  const { y, candidate, baseline } = input;
  const n = y.length;
  const m = membership(n, input.slicings ?? []);
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
  const mean = new Float64Array(m.groups);
  for (let g = 0; g < m.groups; g++) mean[g] = (Sy[g] as number) / (W[g] as number);
  const v = new Float64Array(m.groups);
  for (const of of m.of) {
    for (let k = 0; k < n; k++) {
      const g = of[k] as number;
      if (g >= 0) v[g] = (v[g] as number) + ((y[k] as number) - (mean[g] as number)) ** 2;
    }
  }
  for (let g = 0; g < m.groups; g++) v[g] = (v[g] as number) / (W[g] as number);
  const squares = ratioSquares(
    m,
    n,
    REGRESSION_RATIOS.length,
    (k, t) => {
      const yk = y[k] as number;
      const ec = yk - (candidate[k] as number);
      const eb = yk - (baseline[k] as number);
      const scale = Math.max(Math.abs(yk), FLOAT64_EPS);
      t[0] = Math.abs(ec);
      t[2] = Math.abs(eb);
      t[4] = ec * ec;
      t[6] = eb * eb;
      t[8] = Math.abs(ec) / scale;
      t[10] = Math.abs(eb) / scale;
      t[12] = t[4];
      t[14] = t[6];
      t[16] = t[4];
      t[18] = t[6];
      for (let j = 1; j < 20; j += 2) t[j] = 1;
    },
    (j, _side, g, mse, group, k) => {
      if (j === 3) return mse > 0 ? g / (2 * Math.sqrt(mse)) : 0; // rmse = √mse
      if (j !== 4) return g;
      // r2 = 1 − mse/v
      const vg = v[group] as number;
      if (!(vg > 0)) return 0;
      const gv = (((y[k] as number) - (mean[group] as number)) ** 2 - vg) / (W[group] as number);
      return -(g * vg - mse * gv) / (vg * vg);
    },
  );
  const table: InfluenceTable = Array.from({ length: m.groups }, () => ({}));
  fill(table, REGRESSION_RATIOS, squares);
  return ordered(table, REGRESSION_BOOTSTRAP_METRICS);
}
