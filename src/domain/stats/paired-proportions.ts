/**
 * Score statistics for proportions that stay honest when events are rare: Tango's score test and
 * interval for the difference of two paired proportions (the accuracy delta of two models on the
 * same rows), and Wilson's for one proportion (one model's accuracy).
 *
 * Paired (Tango 1998, Statistics in Medicine 17:891–908, "Equivalence test and confidence
 * interval for the difference in proportions for the paired-sample design"). On n rows,
 * b = #(candidate right, baseline wrong), c = #(candidate wrong, baseline right); the delta is
 * Δ = p_b − p_c, estimated by (b − c)/n. Under H0: Δ = δ the score statistic is
 *   T(δ) = (b − c − n·δ) / √( n·(2·q̂ + δ·(1 − δ)) )
 * where q̂ is the maximum-likelihood estimate of p_c under the constraint p_b = p_c + δ:
 *   q̂ = (√(W² − 8n·(−c·δ·(1 − δ))) − W) / (4n),   W = −b − c + (2n − b + c)·δ.
 * The (1 − α) interval is {δ : |T(δ)| ≤ z_{1−α/2}}; T decreases in δ, so each end is one root,
 * found by bisection to 1e-12. Unlike the percentile bootstrap it never has zero width: with no
 * discordant row (b = c = 0) it is ±z²/(n + z²), the most a sample of n rows cannot rule out.
 * The one-sided p-value of "Δ < δ" (small: the data say Δ ≥ δ is violated) is Φ(T(δ)).
 *
 * One proportion (Wilson 1927): x successes in n, T(p0) = (x/n − p0)/√(p0(1 − p0)/n); the
 * interval inverts it (closed form), the p-value of "p < p0" is Φ(T(p0)).
 */
import { normalCdf, normalQuantile } from './normal.js';

/** The restricted MLE of p_c under Δ = δ (formula above). */
export function restrictedDiscordance(b: number, c: number, n: number, delta: number): number {
  const w = -b - c + (2 * n - b + c) * delta;
  const q = (Math.sqrt(Math.max(0, w * w + 8 * n * c * delta * (1 - delta))) - w) / (4 * n);
  // The constraint set: q ≥ max(0, −δ), q + δ ≥ 0, 2q + δ ≤ 1 (rounding can leave it by 1e-17).
  return Math.min(Math.max(q, Math.max(0, -delta)), (1 - delta) / 2);
}

/** Tango's score statistic T(δ); ±Infinity where its variance vanishes. */
export function tangoStatistic(b: number, c: number, n: number, delta: number): number {
  const q = restrictedDiscordance(b, c, n, delta);
  const numerator = b - c - n * delta;
  const variance = n * (2 * q + delta * (1 - delta));
  if (!(variance > 0)) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

function root(f: (d: number) => number, lo: number, hi: number): number {
  // f decreasing on [lo, hi] with f(lo) ≥ 0 ≥ f(hi).
  let a = lo;
  let z = hi;
  for (let i = 0; i < 200 && z - a > 1e-12; i++) {
    const mid = (a + z) / 2;
    if (f(mid) >= 0) a = mid;
    else z = mid;
  }
  return (a + z) / 2;
}

export interface PairedProportions {
  /** (b − c)/n. */
  readonly delta: number;
  readonly lower: number;
  readonly upper: number;
}

/** Tango's two-sided interval for Δ = (b − c)/n at `confidence`. */
export function tangoInterval(
  b: number,
  c: number,
  n: number,
  confidence: number,
): PairedProportions {
  if (!(n > 0) || b < 0 || c < 0 || b + c > n) {
    throw new RangeError(`paired counts b = ${b}, c = ${c} do not fit n = ${n} rows`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const delta = (b - c) / n;
  const lower = root((d) => tangoStatistic(b, c, n, d) - z, -1, delta);
  const upper = root((d) => tangoStatistic(b, c, n, d) + z, delta, 1);
  return { delta, lower, upper };
}

/** One-sided p-value of "Δ < bound" (small = evidence that Δ ≥ bound is violated). */
export function tangoPValueBelow(b: number, c: number, n: number, bound: number): number {
  if (bound <= -1) return 1;
  if (bound >= 1) return 0;
  return normalCdf(tangoStatistic(b, c, n, bound));
}

/** One-sided score p-value of "p < p0" for x successes in n (small = evidence p < p0). */
export function wilsonPValueBelow(x: number, n: number, p0: number): number {
  if (p0 <= 0) return 1;
  if (p0 >= 1) return x === n ? 1 : 0;
  return normalCdf((x / n - p0) / Math.sqrt((p0 * (1 - p0)) / n));
}
