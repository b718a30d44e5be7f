/**
 * Percentile intervals and p-values from bootstrap samples. NaN samples (resamples where the
 * metric is undefined) are left out of both; `used` says how many samples remained.
 *
 * percentile(x, q) = numpy.percentile(x, q) with numpy's default method ('linear', type 7 of
 * Hyndman & Fan 1996): on the sorted samples x_(0) <= … <= x_(m−1),
 *   h = (m − 1)·q/100,  j = ⌊h⌋,  g = h − j,  value = x_(j) + g·(x_(j+1) − x_(j)),
 * written as numpy 1.24's `_lerp` does (x_(j+1) − (x_(j+1) − x_(j))·(1 − g) when g >= 0.5).
 *
 * percentileInterval(x, c) = [percentile(x, 50·(1 − c)), percentile(x, 100 − 50·(1 − c))]: for
 * c = 0.95, np.percentile(x, [2.5, 97.5]). 50·(1 − c) is rounded to 9 decimals so that a decimal
 * confidence gives numpy's exact q (50·(1 − 0.95) is 2.5000000000000022 in float64).
 *
 * bootstrapPValue(δ, bound, side), with B finite resampled deltas:
 *   'greater' (claim: delta > bound)  p = (1 + #{δ_b <= bound}) / (B + 1)
 *   'less'    (claim: delta < bound)  p = (1 + #{δ_b >= bound}) / (B + 1)
 *   'two-sided'                       p = min(1, 2·min(p_greater, p_less))
 * i.e. the share of resamples on the wrong side of the bound (ties count against the claim), with
 * the +1 correction of Davison & Hinkley (1997, eq. 4.11) so that p is never 0.
 */

export interface Interval {
  lower: number;
  upper: number;
  /** Finite samples the interval was computed from; lower = upper = NaN when 0. */
  used: number;
}

export type Side = 'greater' | 'less' | 'two-sided';

/** The samples without NaN, sorted ascending. */
function finiteSorted(samples: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < samples.length; i++) if (!Number.isNaN(samples[i] as number)) m++;
  const out = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] as number;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out.sort();
}

/** numpy.percentile(sorted, q) for ascending `sorted` (q in percent, 0..100). */
export function percentileOfSorted(sorted: Float64Array, q: number): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile ${q} is outside [0, 100]`);
  const h = (m - 1) * (q / 100);
  const j = Math.min(Math.floor(h), m - 1);
  const next = Math.min(j + 1, m - 1);
  const g = h - j;
  const a = sorted[j] as number;
  const b = sorted[next] as number;
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** numpy.percentile of the non-NaN samples. */
export function percentile(samples: Float64Array, q: number): number {
  return percentileOfSorted(finiteSorted(samples), q);
}

/** Two-sided percentile interval at `confidence` (0 < confidence < 1) of the non-NaN samples. */
export function percentileInterval(samples: Float64Array, confidence: number): Interval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const sorted = finiteSorted(samples);
  const tail = Math.round(50 * (1 - confidence) * 1e9) / 1e9;
  return {
    lower: percentileOfSorted(sorted, tail),
    upper: percentileOfSorted(sorted, 100 - tail),
    used: sorted.length,
  };
}

/**
 * The studentized (bootstrap-t) interval of a delta that is a mean of per-row differences
 * (Efron & Tibshirani 1993, ch. 12; Davison & Hinkley 1997, eq. 5.7): each resample's
 *   t_b = (δ_b − δ̂) / se_b
 * and, with t_lo and t_hi its percentiles at the two tails (as percentileInterval's),
 *   [δ̂ − t_hi·se, δ̂ − t_lo·se]
 * where se is the delta's standard error on the rows themselves. Second-order accurate for a mean,
 * where the percentile interval is first-order: it follows the skew of heavy-tailed losses.
 * Resamples with an undefined t (NaN delta, or 0/0) are left out; `used` counts the rest.
 */
export function studentizedInterval(
  delta: number,
  se: number,
  deltaSamples: Float64Array,
  seSamples: Float64Array,
  confidence: number,
): Interval {
  const t = new Float64Array(deltaSamples.length);
  for (let b = 0; b < t.length; b++) {
    t[b] = ((deltaSamples[b] as number) - delta) / (seSamples[b] as number);
  }
  const q = percentileInterval(t, confidence);
  if (q.used === 0 || !(se >= 0)) return { lower: Number.NaN, upper: Number.NaN, used: 0 };
  // se = 0: every row's difference is the same, and so is every resample's delta.
  if (se === 0) return { lower: delta, upper: delta, used: q.used };
  return { lower: delta - q.upper * se, upper: delta - q.lower * se, used: q.used };
}

/** Bootstrap p-value of the claim "delta is on `side` of `bound`" (formula above); NaN if B = 0. */
export function bootstrapPValue(deltaSamples: Float64Array, bound: number, side: Side): number {
  let used = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < deltaSamples.length; i++) {
    const d = deltaSamples[i] as number;
    if (Number.isNaN(d)) continue;
    used++;
    if (d <= bound) atOrBelow++;
    if (d >= bound) atOrAbove++;
  }
  if (used === 0) return Number.NaN;
  const greater = (1 + atOrBelow) / (used + 1);
  const less = (1 + atOrAbove) / (used + 1);
  if (side === 'greater') return greater;
  if (side === 'less') return less;
  return Math.min(1, 2 * Math.min(greater, less));
}
