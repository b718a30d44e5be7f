/**
 * Sorting a numeric column once for every drift statistic: NaN (missing) values are dropped and
 * counted, the rest sorted ascending into a fresh Float64Array (the input is not touched).
 *
 * The sort is ../sort.ts's radix sort.
 * A float32 column is widened exactly, so its statistics are those of the float64 values.
 */

import { type Scratch, sortAscending, sortWidened } from '../sort.js';

export interface SortedSample {
  /** The non-missing values, ascending. */
  readonly sorted: Float64Array;
  /** How many values were NaN. */
  readonly missing: number;
}

/**
 * With `scratch`, every buffer is one of its own (the sorted values too): valid until the next
 * sort with the same scratch, so that a loop over columns allocates once.
 */
export function sortSample(values: Float64Array | Float32Array, scratch?: Scratch): SortedSample {
  const size = values.length;
  if (values instanceof Float32Array) {
    // Sorted as float32 (half the work), widened after.
    const kept = scratch
      ? new Float32Array(scratch.buffer('sample', 4 * size), 0, size)
      : new Float32Array(size);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isNaN(v)) kept[n++] = v;
    }
    return { sorted: sortWidened(kept.subarray(0, n), scratch), missing: values.length - n };
  }
  const all = scratch
    ? new Float64Array(scratch.buffer('sample', 8 * size), 0, size)
    : new Float64Array(size);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) all[n++] = v;
  }
  const out = n === values.length ? all : all.subarray(0, n);
  return { sorted: sortAscending(out, scratch), missing: values.length - n };
}
