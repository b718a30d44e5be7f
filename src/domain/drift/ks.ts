/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, exactly as scipy 1.10.1's
 * `scipy.stats.ks_2samp(reference, current)` (method='auto'):
 *
 *   D = max_x |F_ref(x) − F_cur(x)|, both empirical CDFs evaluated at every value of either
 *       sample (searchsorted side='right', so ties count fully on both sides);
 *   'auto' → exact when max(n_ref, n_cur) ≤ 10000, else asymptotic;
 *   exact  → D is moved to the lattice h/lcm(n_ref, n_cur) and p = P(D_{n,m} ≥ D) (ks-exact.ts);
 *            if that fails (a value outside [0, 1]) SciPy switches to asymptotic, and so do we;
 *   asymp  → p = kstwo.sf(D, round(en)), en = n_ref·n_cur/(n_ref + n_cur) (kolmogorov.ts);
 *   p is clipped to [0, 1].
 *
 * Also reported: `p_value_asymp` = ks_2samp(method='asymp') = kstwo.sf(D_raw, round(en)) and
 * `p_value_kolmogorov` = scipy.stats.kstwobign.sf(√en · D_raw), the limiting distribution.
 * Inputs are sorted and NaN-free (sort.ts); one merge pass (ecdf.ts), O(n_ref + n_cur).
 */

import { compareEcdfs } from './ecdf.js';
import { kolmogorovSf, kstwoSf } from './kolmogorov.js';
import { attemptExact, roundHalfEven } from './ks-exact.js';

export type KsPValueMethod = 'exact' | 'asymp';

export interface KsTest {
  /** D as ks_2samp reports it: on the lattice h/lcm when the exact path was taken. */
  readonly statistic: number;
  readonly p_value: number;
  readonly p_value_method: KsPValueMethod;
  readonly p_value_asymp: number;
  readonly p_value_kolmogorov: number;
}

/** scipy's MAX_AUTO_N: 'auto' is exact up to this many values in the larger sample. */
export const KS_MAX_EXACT_N = 10000;

/** D from the extreme ECDF differences (ecdf.ts), as ks_2samp: max(maxS, clip(−minS, 0, 1)). */
export function ksStatistic(maxDiff: number, minDiff: number): number {
  const minus = Math.min(Math.max(-minDiff, 0), 1);
  return minus > maxDiff ? minus : maxDiff;
}

/** ks_2samp(a, b) two-sided, method='auto'. Both samples sorted, non-empty, without NaN. */
export function ksTwoSample(a: Float64Array, b: Float64Array): KsTest {
  if (a.length === 0 || b.length === 0) throw new RangeError('ks_2samp: a sample is empty');
  const { maxDiff, minDiff } = compareEcdfs(a, b);
  return ksTest(a.length, b.length, ksStatistic(maxDiff, minDiff));
}

/** The p-values of a statistic D of samples of sizes n1, n2 (ks_2samp from `d` onwards). */
export function ksTest(n1: number, n2: number, raw: number): KsTest {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const nRound = roundHalfEven(en);
  const clip = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);
  const pAsymp = clip(kstwoSf(raw, nRound));
  const pKolmogorov = kolmogorovSf(Math.sqrt(en) * raw);

  let statistic = raw;
  let pValue: number;
  let method: KsPValueMethod = m <= KS_MAX_EXACT_N ? 'exact' : 'asymp';
  if (method === 'exact') {
    const exact = attemptExact(n1, n2, raw);
    statistic = exact.d;
    if (exact.success) pValue = exact.p;
    else {
      method = 'asymp';
      pValue = kstwoSf(statistic, nRound);
    }
  } else {
    pValue = pAsymp;
  }
  return {
    statistic,
    p_value: clip(pValue),
    p_value_method: method,
    p_value_asymp: pAsymp,
    p_value_kolmogorov: pKolmogorov,
  };
}
