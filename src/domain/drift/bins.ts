/**
 * The bins PSI and the Jensen–Shannon distance use for a numeric column (fixtures/README.md):
 *
 *   cut points = numpy.unique(numpy.quantile(reference, [0.1, 0.2, …, 0.9]))
 *     numpy ≥ 1.22 'linear' (Hyndman–Fan type 7): virtual index v = n·q + (1 − q) − 1,
 *     value = lerp(x[⌊v⌋], x[⌊v⌋+1], v − ⌊v⌋) with numpy's two-sided lerp
 *     (a + (b − a)·t for t < 0.5, b − (b − a)·(1 − t) otherwise), v clipped to [0, n − 1];
 *   bins are right-closed, (−∞, c1], (c1, c2], …, (ck, +∞): bin(x) = numpy.searchsorted(cuts, x,
 *   side='left') = the number of cut points below x.
 *
 * Repeated cut points collapse, so a tied column has fewer than 10 bins (a 0/1 column: cut points
 * [0, 1], three bins, the last one empty). Both samples are sorted: k binary searches each.
 */

export interface NumericBins {
  readonly cut_points: number[];
  readonly reference_counts: number[];
  readonly current_counts: number[];
}

/** The quantile levels, written as numpy receives them from the literal list [0.1, …, 0.9]. */
export const PSI_QUANTILES: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** numpy.quantile(sorted, q) with the default method='linear'. `sorted` ascending, non-empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = n * q + (1 - q) - 1;
  if (virtual >= n - 1) return sorted[n - 1] as number;
  if (virtual < 0) return sorted[0] as number;
  const below = Math.floor(virtual);
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const t = virtual - below;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Number of values ≤ x in a sorted array. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binCounts(sorted: Float64Array, cuts: readonly number[]): number[] {
  const counts: number[] = [];
  let below = 0;
  for (const c of cuts) {
    const upTo = countAtMost(sorted, c);
    counts.push(upTo - below);
    below = upTo;
  }
  counts.push(sorted.length - below);
  return counts;
}

/** Cut points from the reference, and the counts of both samples per bin. */
export function numericBins(reference: Float64Array, current: Float64Array): NumericBins {
  // numpy.unique: sorted distinct values (lerp rounding could in principle reorder neighbours).
  const quantiles = PSI_QUANTILES.map((q) => quantileSorted(reference, q)).sort((x, y) => x - y);
  const cuts = quantiles.filter((c, i) => i === 0 || c !== quantiles[i - 1]);
  return {
    cut_points: cuts,
    reference_counts: binCounts(reference, cuts),
    current_counts: binCounts(current, cuts),
  };
}
