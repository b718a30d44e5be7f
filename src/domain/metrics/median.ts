/**
 * numpy.median of a float64 array: the middle value for odd n, the mean (a + b) / 2 of the two
 * middle values for even n, NaN for n = 0. Sorts once (`Float64Array.prototype.sort`, O(n log n)).
 */

/** Median of `values`, which it sorts IN PLACE (pass a scratch copy to keep the original). */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  values.sort();
  const mid = n >>> 1;
  const hi = values[mid] as number;
  return n % 2 === 1 ? hi : ((values[mid - 1] as number) + hi) / 2;
}
