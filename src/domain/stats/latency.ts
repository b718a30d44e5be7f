/**
 * Latency rules' statistics (issue 13), from interleaved timings of both models at one batch size
 * (runtime/latency.ts: a round is one session.run of each model back to back, in alternating
 * order, so that a slow spell of the machine hits both alike):
 *
 *   p95       the candidate's 95th percentile run time (numpy.percentile's 'linear')
 *   ratio     median(candidate) / median(baseline)
 *
 * each with a percentile bootstrap interval over the rounds (resampled whole, so the ratio keeps
 * each round's pairing), seeded: the same timings give the same interval.
 */
import { generator } from '../drift/seeded.js';
import { percentile, percentileInterval } from './interval.js';

/** Run times in milliseconds, one of each model per round, aligned by round. */
export interface LatencyRounds {
  readonly candidate: Float64Array;
  readonly baseline: Float64Array;
}

export interface LatencyEstimate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

function median(values: Float64Array): number {
  return percentile(values, 50);
}

/** A statistic of the rounds, and its percentile bootstrap interval over resampled rounds. */
function bootstrap(
  rounds: LatencyRounds,
  statistic: (candidate: Float64Array, baseline: Float64Array) => number,
  options: { readonly confidence: number; readonly resamples: number; readonly seed: number },
): LatencyEstimate {
  const n = rounds.candidate.length;
  if (n === 0 || rounds.baseline.length !== n) {
    throw new RangeError(`latency: ${n} candidate and ${rounds.baseline.length} baseline rounds`);
  }
  const value = statistic(rounds.candidate, rounds.baseline);
  const random = generator(options.seed);
  const c = new Float64Array(n);
  const b = new Float64Array(n);
  const samples = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = random.below(n);
      c[i] = rounds.candidate[k] as number;
      b[i] = rounds.baseline[k] as number;
    }
    samples[r] = statistic(c, b);
  }
  const ci = percentileInterval(samples, options.confidence);
  return { value, lower: ci.lower, upper: ci.upper };
}

export function latencyP95(
  rounds: LatencyRounds,
  options: { readonly confidence: number; readonly resamples: number; readonly seed: number },
): LatencyEstimate {
  return bootstrap(rounds, (c) => percentile(c, 95), options);
}

export function latencyRatio(
  rounds: LatencyRounds,
  options: { readonly confidence: number; readonly resamples: number; readonly seed: number },
): LatencyEstimate {
  return bootstrap(rounds, (c, b) => median(c) / median(b), options);
}
