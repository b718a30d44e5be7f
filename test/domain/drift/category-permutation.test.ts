/**
 * auto's categorical test (src/domain/drift/category-permutation.ts): chi-square's distribution
 * while every expected count is ≥ 5, a permutation test below. Checked by simulation: a reference
 * and a window drawn from 100 Zipf-distributed categories are rejected at about the level (chi-square's
 * distribution alone: 10% at 5% for 50-row windows, scipy.stats.chi2_contingency on 2,000 windows);
 * a real move is found; the p-value equals SciPy's where the distribution is used.
 */
import { describe, expect, it } from 'vitest';
import {
  categoryTest,
  chi2Contingency,
  MIN_EXPECTED,
  minExpected,
} from '../../../src/domain/drift/index.js';
import { rng } from '../../support/reference.js';

/** Counts of n draws from the category weights (a sample of the population). */
function draw(weights: readonly number[], n: number, random: () => number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < n; i++) {
    let r = random() * total;
    let k = 0;
    while (k < weights.length - 1 && r >= (weights[k] as number)) r -= weights[k++] as number;
    out[k] = (out[k] as number) + 1;
  }
  return out;
}

/** 100 categories with Zipf weights: many rare ones. */
const zipf = Array.from({ length: 100 }, (_, k) => 1 / (k + 1) ** 1.2);

describe('categoryTest', () => {
  it.each([50, 100])('rejects %i-row windows of a 100-category population at ≈ 5 per cent', (n) => {
    const random = rng(n);
    const RUNS = 300;
    let rejected = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = categoryTest(draw(zipf, 5000, random), draw(zipf, n, random), 0.05);
      expect(t.method).toBe('chi2_permutation');
      if (t.p_value <= 0.05) rejected++;
    }
    // Binomial(300, 0.05): mean 15, sd 3.8; chi-square's distribution gives ≈ 30 at 50 rows.
    expect(rejected).toBeGreaterThanOrEqual(5);
    expect(rejected).toBeLessThanOrEqual(27);
  });

  it('finds a window whose head category lost half its rows', () => {
    const random = rng(9);
    const reference = draw(zipf, 5000, random);
    const moved = draw(zipf, 200, random);
    const head = Math.floor((moved[0] as number) / 2);
    moved[0] = (moved[0] as number) - head;
    moved[5] = (moved[5] as number) + head;
    const t = categoryTest(reference, moved, 0.001);
    expect(t.method).toBe('chi2_permutation');
    expect(t.p_value).toBeLessThan(0.001);
  });

  it("uses chi-square's distribution, as SciPy, when every expected count is at least 5", () => {
    const ref = [300, 500, 200];
    const cur = [40, 30, 30];
    expect(minExpected(ref, cur)).toBeGreaterThanOrEqual(MIN_EXPECTED);
    const t = categoryTest(ref, cur, 0.05);
    // scipy.stats.chi2_contingency([[300, 500, 200], [40, 30, 30]]).pvalue = 0.00060030
    expect(t).toMatchObject({ method: 'chi2', permutations: 0 });
    expect(t.p_value).toBe(chi2Contingency(ref, cur).corrected.p_value);
    expect(t.p_value).toBeCloseTo(0.0006003, 7);
  });
});
