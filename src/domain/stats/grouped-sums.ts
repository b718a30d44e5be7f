/**
 * Weighted sums per group for the regression and multiclass kernels: for every group g and every
 * term array x_k,
 *   W_g = Σ_{i in g} w_i,      S_{g,k} = Σ_{i in g} w_i · x_k[i]
 * Compensated: accumulated in row order with Neumaier's compensation (the metric functions' order
 * and algorithm, so with every w_i = 1 the sums are theirs bit for bit). Plain (the resamples):
 * one straight pass per term, the overall group in a register, slicings into per-group slots;
 * about ten times faster, relative difference ~1e-13 at 1M rows.
 */
import { type Slicing, slotIds } from './groups.js';

/** A row→slot map over `count` groups (slot `count` discards the row); null slots: every row. */
export interface Grouping {
  slots: Uint16Array | null;
  count: number;
}

/** The overall group (one slot, every row in it) followed by each slicing. */
export function groupings(slicings: readonly Slicing[]): Grouping[] {
  return [
    { slots: null, count: 1 },
    ...slicings.map((s) => ({ slots: slotIds(s), count: s.groups.length })),
  ];
}

/**
 * out[g·(K + 1)] = W_g and out[g·(K + 1) + 1 + k] = S_{g,k} for the global groups g of
 * `groupingList` in order (groups.ts numbering).
 */
export function groupedSums(
  weights: Uint8Array,
  terms: readonly Float64Array[],
  groupingList: readonly Grouping[],
  out: Float64Array,
  compensated: boolean,
): void {
  const K = terms.length;
  const width = K + 1;
  let first = 0;
  for (const { slots, count } of groupingList) {
    if (!compensated) {
      const acc = new Float64Array(count + 1);
      for (let k = 0; k < width; k++) {
        const x = k === 0 ? null : (terms[k - 1] as Float64Array);
        if (slots === null) out[first * width + k] = plainSum(weights, x);
        else {
          plainSlotSums(weights, x, slots, acc);
          for (let g = 0; g < count; g++) out[(first + g) * width + k] = acc[g] as number;
        }
      }
      first += count;
      continue;
    }
    // acc[(slot·width + k)·2] = running sum, [... + 1] = its compensation; k = 0 is the weight.
    const acc = new Float64Array((count + 1) * width * 2);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const base = slots === null ? 0 : (slots[i] as number) * width * 2;
      for (let k = 0; k < width; k++) {
        const x = k === 0 ? w : w * ((terms[k - 1] as Float64Array)[i] as number);
        const at = base + k * 2;
        const s = acc[at] as number;
        const t = s + x;
        const err = Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
        acc[at] = t;
        acc[at + 1] = (acc[at + 1] as number) + err;
      }
    }
    for (let g = 0; g < count; g++) {
      for (let k = 0; k < width; k++) {
        const s = acc[(g * width + k) * 2] as number;
        const c = acc[(g * width + k) * 2 + 1] as number;
        out[(first + g) * width + k] = Number.isFinite(s) ? s + c : s;
      }
    }
    first += count;
  }
}

/** Σ w_i·x_i (Σ w_i when x is null), plain. −0 start: V8 keeps the sum an unboxed double. */
function plainSum(weights: Uint8Array, x: Float64Array | null): number {
  let s = -0;
  if (x === null) for (let i = 0; i < weights.length; i++) s += weights[i] as number;
  else for (let i = 0; i < weights.length; i++) s += (weights[i] as number) * (x[i] as number);
  return s + 0;
}

/** acc[slot] = Σ w_i·x_i over the rows of each slot (x null: Σ w_i), plain. */
function plainSlotSums(
  weights: Uint8Array,
  x: Float64Array | null,
  slots: Uint16Array,
  acc: Float64Array,
): void {
  acc.fill(0);
  for (let i = 0; i < weights.length; i++) {
    const g = slots[i] as number;
    const v = x === null ? (weights[i] as number) : (weights[i] as number) * (x[i] as number);
    acc[g] = (acc[g] as number) + v;
  }
}
