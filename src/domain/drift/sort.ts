/**
 * Sorting a numeric column once for every drift statistic: NaN (missing) values are dropped and
 * counted, the rest sorted ascending into a fresh Float64Array (the input is not touched).
 *
 * The sort is ../sort.ts's radix sort.
 * A float32 column is widened exactly, so its statistics are those of the float64 values.
 */

import { sortAscending, sortWidened } from '../sort.js';

export interface SortedSample {
  /** The non-missing values, ascending. */
  readonly sorted: Float64Array;
  /** How many values were NaN. */
  readonly missing: number;
}

export function sortSample(values: Float64Array | Float32Array): SortedSample {
  if (values instanceof Float32Array) {
    // Sorted as float32 (half the work), widened after.
    const kept = new Float32Array(values.length);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isNaN(v)) kept[n++] = v;
    }
    return { sorted: sortWidened(kept.subarray(0, n)), missing: values.length - n };
  }
  const all = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) all[n++] = v;
  }
  const out = n === values.length ? all : all.subarray(0, n);
  return { sorted: sortAscending(out), missing: values.length - n };
}
