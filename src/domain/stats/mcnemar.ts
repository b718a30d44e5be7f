/**
 * McNemar's exact test of paired correctness (McNemar 1947; the exact conditional form).
 *
 * On the same rows, b = #(baseline right, candidate wrong) and c = #(candidate right, baseline
 * wrong). Under H0 (equal accuracy) the discordant pairs split as Binomial(b + c, ½), so
 *   p = min(1, 2·P(X <= min(b, c))),   X ~ Binomial(b + c, ½)
 * = statsmodels.stats.contingency_tables.mcnemar(table, exact=True).pvalue, which equals
 * scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue for b + c >= 1 (the two-sided binomial
 * test of a symmetric distribution); p = 1 when b + c = 0 (no discordant pair; SciPy raises).
 * The binomial CDF is computed in log space (binomial.ts), so counts of 1e5 and beyond work.
 */

import { mapInto } from '../arrays.js';
import { InputError } from '../errors.js';
import { binomialCdfHalf } from './binomial.js';

export interface DiscordantPairs {
  /** Baseline right, candidate wrong. */
  b: number;
  /** Candidate right, baseline wrong. */
  c: number;
}

/** Two-sided exact McNemar p-value of the discordant counts. */
export function mcnemarExact(b: number, c: number): number {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
    throw new RangeError(`McNemar needs counts, got b=${b}, c=${c}`);
  }
  return Math.min(1, 2 * binomialCdfHalf(Math.min(b, c), b + c));
}

/** b and c from true labels and the two models' predicted labels (any label coding). */
export function discordantPairs(
  y: ArrayLike<number>,
  candidate: ArrayLike<number>,
  baseline: ArrayLike<number>,
): DiscordantPairs {
  if (candidate.length !== y.length || baseline.length !== y.length) {
    throw new InputError(
      `McNemar: ${y.length} labels, ${candidate.length} candidate and ${baseline.length} baseline predictions`,
    );
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < y.length; i++) {
    const truth = y[i] as number;
    const candidateRight = candidate[i] === truth;
    const baselineRight = baseline[i] === truth;
    if (baselineRight && !candidateRight) b++;
    else if (candidateRight && !baselineRight) c++;
  }
  return { b, c };
}

/** Predicted 0/1 labels of binary scores: 1 where score >= threshold. */
export function predictAt(score: Float64Array, threshold: number): Uint8Array {
  return mapInto(new Uint8Array(score.length), score, (s) => (s >= threshold ? 1 : 0));
}
