/**
 * Slices: a partition of the holdout rows by one column — one group per category, or one per
 * bin of a numeric column. Bins follow pandas.cut(right=True, include_lowest=True): the first is
 * [b0, b1], the others (b_i, b_i+1]; values outside every bin and missing cells belong to no
 * group (-1) and are counted apart.
 */

import { mapInto } from '../arrays.js';
import type { NamedColumn } from '../columns.js';
import { InputError } from '../errors.js';

/** The column a slicing cuts. */
export type SliceSource = NamedColumn;

export interface Slicing {
  readonly column: string;
  /** Group names, e.g. 'Month-to-month' or '(12, 24]'. */
  readonly groups: readonly string[];
  /** Group of each row, -1 for none. */
  readonly index: Int32Array;
  readonly sizes: readonly number[];
  /** Rows in no group: missing cells, or values outside the bins. */
  readonly unassigned: number;
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

export function binLabels(bins: readonly number[]): string[] {
  return bins.slice(1).map((hi, i) => {
    const lo = bins[i] as number;
    return `${i === 0 ? '[' : '('}${formatEdge(lo)}, ${formatEdge(hi)}]`;
  });
}

function sizesOf(index: Int32Array, groups: number): { sizes: number[]; unassigned: number } {
  const sizes = new Array<number>(groups).fill(0);
  let unassigned = 0;
  for (const g of index) {
    if (g < 0) unassigned++;
    else sizes[g] = (sizes[g] as number) + 1;
  }
  return { sizes, unassigned };
}

export function binSlicing(source: SliceSource, bins: readonly number[]): Slicing {
  if (source.kind !== 'number') {
    throw new InputError(
      `slice column '${source.name}' holds text, so it cannot be cut into bins`,
      `List it as a plain slice ('- ${source.name}') to get one slice per category.`,
    );
  }
  for (let i = 1; i < bins.length; i++) {
    if (!((bins[i] as number) > (bins[i - 1] as number))) {
      throw new InputError(
        `the bins of slice column '${source.name}' must be increasing: [${bins.join(', ')}]`,
      );
    }
  }
  const n = source.values.length;
  const index = new Int32Array(n);
  const lo = bins[0] as number;
  const last = bins.length - 1;
  for (let r = 0; r < n; r++) {
    const v = source.values[r] as number;
    if (!(v >= lo && v <= (bins[last] as number))) {
      index[r] = -1;
      continue;
    }
    // First edge >= v, by binary search: bin k is (b_k, b_k+1], the first bin also takes b_0.
    let a = 1;
    let b = last;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((bins[mid] as number) >= v) b = mid;
      else a = mid + 1;
    }
    index[r] = a - 1;
  }
  return { column: source.name, groups: binLabels(bins), index, ...sizesOf(index, last) };
}

export function categorySlicing(source: SliceSource): Slicing {
  if (source.kind !== 'category') {
    // A numeric column listed plainly: one slice per distinct value (e.g. 0/1 flags).
    const values = source.values;
    const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort(
      (a, b) => a - b,
    );
    if (distinct.length > 1000) {
      throw new InputError(
        `slice column '${source.name}' is numeric with more than 1000 values`,
        `Give it bins: { column: ${source.name}, bins: [...] }.`,
      );
    }
    const position = new Map(distinct.map((v, i) => [v, i]));
    const index = mapInto(new Int32Array(values.length), values, (v) => position.get(v) ?? -1);
    return {
      column: source.name,
      groups: distinct.map(String),
      index,
      ...sizesOf(index, distinct.length),
    };
  }
  // Groups in sorted order of their names, so reports do not depend on row order.
  const order = source.levels
    .map((name, code) => ({ name, code }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const remap = new Int32Array(source.levels.length);
  order.forEach((entry, i) => {
    remap[entry.code] = i;
  });
  const index = mapInto(new Int32Array(source.codes.length), source.codes, (c) =>
    c < 0 ? -1 : (remap[c] as number),
  );
  return {
    column: source.name,
    groups: order.map((o) => o.name),
    index,
    ...sizesOf(index, order.length),
  };
}
