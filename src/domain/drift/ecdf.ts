/**
 * One merge pass over two sorted samples that yields everything the two empirical CDFs give:
 *
 *   F_ref(x) = #{ref ≤ x}/n_ref, F_cur(x) = #{cur ≤ x}/n_cur at every value x of either sample
 *   (numpy.searchsorted(side='right') / n, as scipy's ks_2samp and wasserstein_distance compute
 *   them, with the same divisions);
 *   maxDiff = max_x (F_ref − F_cur),  minDiff = min_x (F_ref − F_cur)        → KS statistic (ks.ts)
 *   wasserstein = Σ |F_ref(x_i) − F_cur(x_i)| (x_{i+1} − x_i) over consecutive distinct values
 *               = scipy.stats.wasserstein_distance(ref, cur)              (compensated sum)
 *
 * O(n_ref + n_cur). Both samples sorted ascending, non-empty, without NaN.
 */

export interface EcdfComparison {
  readonly maxDiff: number;
  readonly minDiff: number;
  readonly wasserstein: number;
}

export function compareEcdfs(a: Float64Array, b: Float64Array): EcdfComparison {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  // Neumaier-compensated Σ gap·(x − previous); every term is ≥ 0.
  let sum = 0;
  let compensation = 0;
  let previous = 0;
  let gap = 0;
  while (i < n1 || j < n2) {
    const x = (i < n1 && (j >= n2 || (a[i] as number) <= (b[j] as number)) ? a[i] : b[j]) as number;
    if (i + j > 0) {
      const term = gap * (x - previous);
      const t = sum + term;
      compensation += sum >= term ? sum - t + term : term - t + sum;
      sum = t;
    }
    while (i < n1 && (a[i] as number) <= x) i++;
    while (j < n2 && (b[j] as number) <= x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
    gap = Math.abs(diff);
    previous = x;
  }
  return { maxDiff, minDiff, wasserstein: Number.isFinite(sum) ? sum + compensation : sum };
}
