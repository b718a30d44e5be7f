/**
 * Every drift statistic of one numeric column, reference vs current, each sample sorted once and
 * shared by KS, Wasserstein (one merge pass for both, ecdf.ts) and the PSI/JS bins (O(n) for the
 * radix sort, O(n) after it):
 *
 *   ks_statistic, ks_p_value        scipy.stats.ks_2samp(ref, cur) (ks.ts), and its p_value_method
 *   ks_p_value_asymp                ks_2samp(ref, cur, method='asymp')
 *   ks_p_value_kolmogorov           scipy.stats.kstwobign.sf(√en · D)
 *   wasserstein                     scipy.stats.wasserstein_distance(ref, cur) (wasserstein.ts)
 *   wasserstein_normed              wasserstein / MAD(ref), MAD = mean |x − mean(x)|; a constant
 *                                   reference (MAD 0) gives 0 when W1 = 0 and +Infinity otherwise
 *                                   (JSON.stringify writes null)
 *   psi, js_distance                on the reference-decile bins (bins.ts, divergence.ts)
 *   reference_mean, current_mean    numpy.mean
 *   reference_mad                   the MAD above
 *
 * NaN values are missing: excluded from every statistic and counted.
 */
import { mean } from '../metrics/sum.js';
import { type NumericBins, numericBins } from './bins.js';
import { jensenShannonDistance, populationStabilityIndex } from './divergence.js';
import { compareEcdfs } from './ecdf.js';
import { type KsPValueMethod, ksStatistic, ksTest } from './ks.js';
import { type SortedSample, sortSample } from './sort.js';
import { meanAbsoluteDeviation } from './wasserstein.js';

export type NumericValues = Float64Array | Float32Array;

export interface NumericDriftStatistics {
  readonly ks_statistic: number;
  readonly ks_p_value: number;
  readonly ks_p_value_asymp: number;
  readonly ks_p_value_kolmogorov: number;
  readonly wasserstein: number;
  readonly wasserstein_normed: number;
  readonly psi: number;
  readonly js_distance: number;
  readonly reference_mean: number;
  readonly current_mean: number;
  readonly reference_mad: number;
}

export interface NumericDrift {
  readonly statistics: NumericDriftStatistics;
  readonly p_value_method: KsPValueMethod;
  readonly psi_bins: NumericBins;
  readonly rows: { readonly reference: number; readonly current: number };
  readonly missing: { readonly reference: number; readonly current: number };
}

/** W1 / MAD, with the convention above for a constant reference. */
export function normedWasserstein(w1: number, mad: number): number {
  if (mad > 0) return w1 / mad;
  return w1 > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** All statistics from samples already sorted (sort.ts); both must have at least one value. */
export function numericDriftSorted(reference: SortedSample, current: SortedSample): NumericDrift {
  const ref = reference.sorted;
  const cur = current.sorted;
  if (ref.length === 0 || cur.length === 0) {
    throw new RangeError('numeric drift needs at least one non-missing value on each side');
  }
  const ecdf = compareEcdfs(ref, cur);
  const ks = ksTest(ref.length, cur.length, ksStatistic(ecdf.maxDiff, ecdf.minDiff));
  const w1 = ecdf.wasserstein;
  const spread = meanAbsoluteDeviation(ref);
  const bins = numericBins(ref, cur);
  return {
    statistics: {
      ks_statistic: ks.statistic,
      ks_p_value: ks.p_value,
      ks_p_value_asymp: ks.p_value_asymp,
      ks_p_value_kolmogorov: ks.p_value_kolmogorov,
      wasserstein: w1,
      wasserstein_normed: normedWasserstein(w1, spread.mad),
      psi: populationStabilityIndex(bins.reference_counts, bins.current_counts),
      js_distance: jensenShannonDistance(bins.reference_counts, bins.current_counts),
      reference_mean: spread.mean,
      current_mean: mean(cur),
      reference_mad: spread.mad,
    },
    p_value_method: ks.p_value_method,
    psi_bins: bins,
    rows: { reference: ref.length, current: cur.length },
    missing: { reference: reference.missing, current: current.missing },
  };
}

export function numericDrift(reference: NumericValues, current: NumericValues): NumericDrift {
  return numericDriftSorted(sortSample(reference), sortSample(current));
}
