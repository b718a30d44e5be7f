/**
 * Weighted sums per group for the regression and multiclass kernels: for every group g and every
 * term array x_k,
 *   W_g = Σ_{i in g} w_i,      S_{g,k} = Σ_{i in g} w_i · x_k[i]
 * accumulated in row order with Neumaier's compensation (the metric functions' order and
 * algorithm, so with every w_i = 1 the sums are theirs bit for bit).
 */
import type { GroupSpec, Slicing } from './groups.js';
import { slotIds } from './groups.js';

/** A row→slot map over `count` groups (slot `count` discards the row). */
export interface Grouping {
  slots: Uint16Array;
  count: number;
}

/** The overall group (one slot, every row in it) followed by each slicing. */
export function groupings(rows: number, slicings: readonly Slicing[]): Grouping[] {
  return [
    { slots: new Uint16Array(rows), count: 1 },
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
): void {
  const K = terms.length;
  const width = K + 1;
  let first = 0;
  for (const { slots, count } of groupingList) {
    // acc[(slot·width + k)·2] = running sum, [... + 1] = its compensation; k = 0 is the weight.
    const acc = new Float64Array((count + 1) * width * 2);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const base = (slots[i] as number) * width * 2;
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

/** Number of global groups of a grouping list (= groupTable(...).length). */
export function groupCount(
  groupingList: readonly Grouping[],
  groups: readonly GroupSpec[],
): number {
  const total = groupingList.reduce((sum, g) => sum + g.count, 0);
  if (total !== groups.length) throw new Error('groupings and group table disagree');
  return total;
}
