/**
 * Latency rules' statistics (src/domain/stats/latency.ts). References: numpy.percentile's
 * default ('linear') for p95 — np.percentile(np.arange(1, 101), 95) = 95.05 — and, for the
 * bootstrap, properties any percentile interval must have.
 */
import { describe, expect, it } from 'vitest';
import { latencyP95, latencyRatio } from '../../../src/domain/stats/index.js';
import { rng } from '../../support/rng.js';

const settings = { confidence: 0.95, resamples: 1000, seed: 9 };

describe('latency statistics', () => {
  it.each([
    // [candidate times, baseline times, p95 (numpy), ratio of medians]
    [Array.from({ length: 100 }, (_, i) => i + 1), Array(100).fill(1), 95.05, 50.5],
    [[2, 2, 2, 2], [1, 1, 1, 1], 2, 2],
    [[1, 3, 2], [2, 2, 2], 2.9, 1],
  ])('p95 and ratio of %j against %j', (c, b, p95, ratio) => {
    const rounds = { candidate: Float64Array.from(c), baseline: Float64Array.from(b) };
    expect(latencyP95(rounds, settings).value).toBeCloseTo(p95, 12);
    expect(latencyRatio(rounds, settings).value).toBeCloseTo(ratio, 12);
  });

  it('gives a zero-width interval to constant times, and the same interval for the same seed', () => {
    const constant = {
      candidate: new Float64Array(50).fill(3),
      baseline: new Float64Array(50).fill(2),
    };
    expect(latencyRatio(constant, settings)).toEqual({ value: 1.5, lower: 1.5, upper: 1.5 });
    const r = rng(4);
    const noisy = {
      candidate: Float64Array.from({ length: 200 }, () => 1 + r()),
      baseline: Float64Array.from({ length: 200 }, () => 1 + r()),
    };
    const a = latencyRatio(noisy, settings);
    expect(latencyRatio(noisy, settings)).toEqual(a);
    expect(a.lower).toBeLessThan(a.value);
    expect(a.upper).toBeGreaterThan(a.value);
    // Equal distributions: the interval holds 1.
    expect(a.lower).toBeLessThan(1);
    expect(a.upper).toBeGreaterThan(1);
  });

  it('covers the true ratio of medians about 95% of the time (lognormal run times)', () => {
    const r = rng(12);
    const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    // Candidate 1.3 times slower in the median; both with the right skew of real run times.
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const rounds = {
        candidate: Float64Array.from({ length: 100 }, () => 1.3 * Math.exp(0.4 * normal())),
        baseline: Float64Array.from({ length: 100 }, () => Math.exp(0.4 * normal())),
      };
      const e = latencyRatio(rounds, { ...settings, resamples: 400, seed: t });
      if (e.lower <= 1.3 && 1.3 <= e.upper) covered++;
    }
    // Binomial(200, 0.95): 183 and up with probability > 0.999; a percentile bootstrap of a
    // median ratio at 100 rounds runs a little short of nominal.
    expect(covered).toBeGreaterThanOrEqual(176);
  });

  it('refuses rounds that do not pair up', () => {
    expect(() =>
      latencyRatio({ candidate: new Float64Array(3), baseline: new Float64Array(2) }, settings),
    ).toThrow(RangeError);
  });
});
