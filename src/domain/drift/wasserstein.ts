/**
 * Wasserstein-1 (earth mover's) distance between two samples, as
 * `scipy.stats.wasserstein_distance(reference, current)` (scipy 1.10.1, `_cdf_distance(1, u, v)`):
 *
 *   W1 = ∫ |F_ref(x) − F_cur(x)| dx = Σ_i |F_ref(x_i) − F_cur(x_i)| · (x_{i+1} − x_i)
 *
 * over the merged sorted values x_i (ECDFs by searchsorted side='right', i.e. counts / n).
 * One merge pass over the two sorted samples (ecdf.ts, shared with KS), compensated summation
 * (SciPy: numpy's pairwise sum).
 *
 * Mean absolute deviation, E|X − mean(X)|, is the spread W1 is normalised by: it is W1's own L1
 * geometry (W1(X, X + c) = |c|, so W1/MAD = |c|/MAD is the shift in units of typical distance
 * from the mean) and, unlike the standard deviation, is not inflated by a few extreme values.
 */
import { sum } from '../metrics/sum.js';
import { compareEcdfs } from './ecdf.js';

/** Both samples sorted ascending, non-empty, without NaN. */
export function wasserstein1(a: Float64Array, b: Float64Array): number {
  return compareEcdfs(a, b).wasserstein;
}

/** mean(x) and mean(|x − mean(x)|) of a non-empty sample, compensated (Neumaier). */
export function meanAbsoluteDeviation(values: Float64Array): { mean: number; mad: number } {
  const mean = sum(values) / values.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = Math.abs((values[i] as number) - mean);
    const t = s + x;
    c += s >= x ? s - t + x : x - t + s;
    s = t;
  }
  return { mean, mad: (s + c) / values.length };
}
