/**
 * One interval per metric, chosen by what stays honest at every size (issue 11; coverage
 * measured by bench/coverage.ts and documented in the README):
 *   accuracy  — score intervals: Tango's for the paired delta, Wilson's for each model
 *               (paired-proportions.ts). They never have zero width: with no discordant row
 *               they still say how far n rows cannot see.
 *   roc_auc   — DeLong (binary): the paired delta and each model's AUC.
 *   mae, mse, mape — the studentized bootstrap (bootstrap-t) of the delta, a mean of per-row
 *               differences; percentile intervals for each model's value.
 *   the rest  — the percentile bootstrap.
 * Each carries what its one-sided p-value needs (pValueBelow / pValueAbove): the counts of the
 * score tests, or a standard error (DeLong's; the bootstrap's, through the normal approximation,
 * which unlike the resample count can reach the small p-values Holm's correction asks for across
 * many slices).
 */
import {
  type DelongComparison,
  delongTest,
  normalCdf,
  normalQuantile,
  type PairOrders,
  percentileInterval,
  studentizedInterval,
} from '../stats/index.js';
import { tangoInterval, tangoPValueBelow, wilsonPValueBelow } from '../stats/paired-proportions.js';
import { wilsonInterval } from './judge.js';
import type { MetricComparison, Pair, ScoreCounts } from './report.js';

/** The standard deviation of the finite samples; NaN for fewer than 2. */
export function sampleSd(samples: Float64Array): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of samples) {
    if (Number.isNaN(v)) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return n < 2 ? Number.NaN : Math.sqrt(m2 / (n - 1));
}

/** True when every finite resample has the same value (a zero-width percentile interval). */
export function constant(samples: Float64Array): boolean {
  let first = Number.NaN;
  for (const v of samples) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

export function bootstrapPair(samples: Float64Array, confidence: number): Pair | null {
  const ci = percentileInterval(samples, confidence);
  return ci.used === 0 ? null : [ci.lower, ci.upper];
}

export function studentizedPair(
  delta: number,
  se: number,
  deltas: Float64Array,
  ses: Float64Array,
  confidence: number,
): Pair | null {
  const ci = studentizedInterval(delta, se, deltas, ses, confidence);
  return ci.used === 0 ? null : [ci.lower, ci.upper];
}

/** Accuracy of both models by score intervals, from the paired correctness of n rows. */
export function accuracyByScore(
  counts: ScoreCounts,
  confidence: number,
): Pick<MetricComparison, 'ci' | 'method' | 'counts'> {
  const { rows: n, candidate_correct: x, baseline_correct: y } = counts;
  if (n === 0) {
    return { ci: { candidate: null, baseline: null, delta: null }, method: 'score', counts };
  }
  const wc = wilsonInterval(x, n, confidence);
  const wb = wilsonInterval(y, n, confidence);
  const t = tangoInterval(counts.candidate_only, counts.baseline_only, n, confidence);
  return {
    ci: {
      candidate: [wc.lower, wc.upper],
      baseline: [wb.lower, wb.upper],
      delta: [t.lower, t.upper],
    },
    method: 'score',
    counts,
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** roc_auc of both models by DeLong; null when a class has fewer than 2 rows. */
export function aucByDelong(
  d: DelongComparison,
): Pick<MetricComparison, 'ci' | 'method' | 'se'> | null {
  if (d.positives < 2 || d.negatives < 2 || Number.isNaN(d.variance)) return null;
  return {
    ci: {
      candidate: [d.candidate.lower, d.candidate.upper],
      baseline: [d.baseline.lower, d.baseline.upper],
      delta: [clamp(d.lower, -1, 1), clamp(d.upper, -1, 1)],
    },
    method: 'delong',
    se: {
      candidate: Math.sqrt(d.candidate.variance),
      baseline: Math.sqrt(d.baseline.variance),
      delta: Math.sqrt(d.variance),
    },
  };
}

/** DeLong on the rows of one group (`rows` = their indices). */
export function delongOn(
  y: Uint8Array,
  candidate: Float64Array,
  baseline: Float64Array,
  rows: Int32Array | null,
  confidence: number,
  /** The descending orders of the scores on `rows` (of all scores when rows is null), if known. */
  orders?: PairOrders,
): DelongComparison {
  if (rows === null) return delongTest(y, candidate, baseline, confidence, orders);
  const pick = <T extends Uint8Array | Float64Array>(a: T, out: T): T => {
    for (let i = 0; i < rows.length; i++) out[i] = a[rows[i] as number] as number;
    return out;
  };
  return delongTest(
    pick(y, new Uint8Array(rows.length)),
    pick(candidate, new Float64Array(rows.length)),
    pick(baseline, new Float64Array(rows.length)),
    confidence,
    orders,
  );
}

/**
 * One-sided p-value that the quantity (the delta, or the candidate's value) lies below `bound`,
 * judged from the metric's own method; NaN when it has no test (no interval).
 */
export function pValueBelow(c: MetricComparison, quantity: 'delta' | 'candidate', bound: number) {
  if (c.method === 'score' && c.counts) {
    const k = c.counts;
    if (k.rows === 0) return Number.NaN;
    return quantity === 'delta'
      ? tangoPValueBelow(k.candidate_only, k.baseline_only, k.rows, bound)
      : wilsonPValueBelow(k.candidate_correct, k.rows, bound);
  }
  const se = c.se?.[quantity];
  const value = quantity === 'delta' ? c.delta : c.candidate;
  if (se === undefined || Number.isNaN(se) || Number.isNaN(value)) return Number.NaN;
  if (se === 0) return value < bound ? 0 : 1;
  return normalCdf((value - bound) / se);
}

/** One-sided p-value that the candidate's value lies above `bound`. */
export function pValueAbove(c: MetricComparison, bound: number): number {
  if (c.method === 'score' && c.counts) {
    const k = c.counts;
    if (k.rows === 0) return Number.NaN;
    // "p > p0" mirrors "1 − p < 1 − p0" on the wrong answers.
    return wilsonPValueBelow(k.rows - k.candidate_correct, k.rows, 1 - bound);
  }
  const se = c.se?.candidate;
  if (se === undefined || Number.isNaN(se) || Number.isNaN(c.candidate)) return Number.NaN;
  if (se === 0) return c.candidate > bound ? 0 : 1;
  return normalCdf((bound - c.candidate) / se);
}

/** z of the two-sided interval at `confidence`. */
export function critical(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
