/**
 * W1's permutation test (src/domain/drift/permutation.ts), checked by simulation: under "same
 * distribution" it rejects at about its level, whole (both sides ≤ SIDE_ROWS) and subsampled
 * (a side above it), so its p-values are honest at any pair of sizes; it finds a real shift; it is
 * seeded.
 */
import { describe, expect, it } from 'vitest';
import { SIDE_ROWS, wassersteinPermutationTest } from '../../../src/domain/drift/index.js';
import { rng } from '../../support/reference.js';

/** n draws of N(shift, 1), or of exp(sigma·N(0, 1)) (lognormal, heavy-tailed) for sigma > 0. */
function normals(random: () => number, n: number, shift = 0, sigma = 0): Float64Array {
  const out = Float64Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return (sigma > 0 ? Math.exp(sigma * z) : z) + shift;
  });
  return out.sort();
}

function test(a: Float64Array, b: Float64Array, alpha = 0.05) {
  return wassersteinPermutationTest(a, b, alpha);
}

describe('wassersteinPermutationTest', () => {
  it.each([
    [30, 30, 0],
    [100, 5000, 0],
    [200, 200, 1],
    [50, 3000, 2],
    [22_000, 22_000, 2],
  ])(
    'same-distribution samples of %i and %i values (lognormal sigma %d) are rejected at ≈ 5 per cent',
    (n, m, sigma) => {
      const random = rng(n * 7 + m);
      const RUNS = 300;
      let rejected = 0;
      for (let r = 0; r < RUNS; r++) {
        const a = normals(random, n, 0, sigma);
        const b = normals(random, m, 0, sigma);
        if (test(a, b).p_value < 0.05) rejected++;
      }
      // Binomial(300, 0.05): mean 15, sd 3.8. A miscalibrated test lands far outside: scaling a
      // subsample's permutations by √(nm/(n+m)) rejected 46% of 20,000-row lognormals, one seed
      // for every sample 10%.
      expect(rejected).toBeGreaterThanOrEqual(5);
      expect(rejected).toBeLessThanOrEqual(27);
    },
  );

  it('subsamples a side above SIDE_ROWS, and finds a 0.1 sd shift on 50,000 rows', () => {
    const random = rng(11);
    const t = test(normals(random, 50_000), normals(random, 50_000, 0.1), 0.001);
    expect(t.rows).toEqual({ reference: SIDE_ROWS, current: SIDE_ROWS });
    expect(t.permutations).toBe(5000); // ⌈5/alpha⌉, none reached the observed W1
    expect(t.p_value).toBe(1 / 5001);
  });

  it('stops at the 10th permutation that reaches W1 (Besag–Clifford), and is seeded', () => {
    const random = rng(5);
    const a = normals(random, 400);
    const b = normals(random, 300);
    const t = test(a, b, 0.001);
    expect(t.permutations).toBeLessThan(5000);
    expect(t.p_value).toBe(10 / t.permutations);
    expect(test(a, b, 0.001)).toEqual(t);
  });

  it('gives p = 1 without permuting when the samples are the same values', () => {
    const a = Float64Array.of(1, 2, 3);
    expect(test(a, a)).toEqual({ p_value: 1, permutations: 0, rows: { reference: 3, current: 3 } });
  });
});
