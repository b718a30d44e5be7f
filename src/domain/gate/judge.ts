/**
 * Turning an estimate and its uncertainty into an outcome. A requirement "θ ≥ bound" PASSes when
 * the whole confidence interval clears the bound, FAILs when the whole interval misses it, and
 * is INCONCLUSIVE when the interval straddles it: a candidate that wins by noise does not pass,
 * and one that loses by noise does not fail. The point-estimate outcome is reported beside it.
 *
 * Slices: a slice FAILs only when its Holm-adjusted one-sided p-value is at most α/2, which
 * keeps the chance of failing a good model by chance across many slices at α/2; it PASSes when
 * its own interval clears the bound (requiring every slice to pass is an intersection–union
 * test, which needs no correction).
 */
import { normalQuantile } from '../stats/index.js';

export type Outcome = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Outcome of "θ ≥ bound" (side 'min') or "θ ≤ bound" (side 'max') from an interval. */
export function judgeInterval(ci: Interval, bound: number, side: 'min' | 'max'): Outcome {
  if (Number.isNaN(ci.lower) || Number.isNaN(ci.upper)) return 'INCONCLUSIVE';
  if (side === 'min') {
    if (ci.lower >= bound) return 'PASS';
    if (ci.upper < bound) return 'FAIL';
    return 'INCONCLUSIVE';
  }
  if (ci.upper <= bound) return 'PASS';
  if (ci.lower > bound) return 'FAIL';
  return 'INCONCLUSIVE';
}

export function judgePoint(value: number, bound: number, side: 'min' | 'max'): 'PASS' | 'FAIL' {
  return side === 'min' ? (value >= bound ? 'PASS' : 'FAIL') : value <= bound ? 'PASS' : 'FAIL';
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): for flip rates, where the
 * normal interval misbehaves near 0.
 */
export function wilsonInterval(successes: number, n: number, confidence: number): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
