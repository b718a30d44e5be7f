/**
 * Tango's score statistic (Tango 1998): the closed-form restricted MLE of the discordance equals a
 * direct numerical maximisation of the multinomial likelihood under the constraint p_b = p_c + δ
 * (golden-section search, the reference here); the interval inverts the test at ±z; the one-sided
 * p-value at the interval's end is α/2.
 */
import { describe, expect, it } from 'vitest';
import {
  restrictedDiscordance,
  tangoInterval,
  tangoPValueBelow,
  tangoStatistic,
  wilsonPValueBelow,
} from '../../../src/domain/stats/paired-proportions.js';

/** argmax over q of b·log(q + δ) + c·log q + (n − b − c)·log(1 − 2q − δ), by golden section. */
function numericMle(b: number, c: number, n: number, delta: number): number {
  const ll = (q: number) =>
    (b > 0 ? b * Math.log(q + delta) : 0) +
    (c > 0 ? c * Math.log(q) : 0) +
    (n - b - c > 0 ? (n - b - c) * Math.log(1 - 2 * q - delta) : 0);
  let lo = Math.max(0, -delta) + 1e-15;
  let hi = (1 - delta) / 2 - 1e-15;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 300; i++) {
    const x1 = hi - g * (hi - lo);
    const x2 = lo + g * (hi - lo);
    if (ll(x1) < ll(x2)) lo = x1;
    else hi = x2;
  }
  return (lo + hi) / 2;
}

describe('Tango', () => {
  it.each([
    [10, 4, 100, 0],
    [10, 4, 100, 0.05],
    [10, 4, 100, -0.03],
    [0, 0, 30, 0.05],
    [3, 0, 30, -0.02],
    [118, 82, 2110, -0.01],
    [5, 9, 40, 0.1],
  ])('b=%i c=%i n=%i δ=%f: the restricted MLE is the likelihood’s maximum', (b, c, n, delta) => {
    expect(restrictedDiscordance(b, c, n, delta)).toBeCloseTo(numericMle(b, c, n, delta), 6);
  });

  it.each([
    [10, 4, 100],
    [0, 0, 30],
    [118, 82, 2110],
    [0, 7, 50],
  ])(
    'b=%i c=%i n=%i: the interval is where |T| = z, and the p-value there is 2.5 per cent',
    (b, c, n) => {
      const t = tangoInterval(b, c, n, 0.95);
      expect(t.lower).toBeLessThanOrEqual(t.delta);
      expect(t.upper).toBeGreaterThanOrEqual(t.delta);
      expect(tangoStatistic(b, c, n, t.lower)).toBeCloseTo(1.959963984540054, 6);
      expect(tangoStatistic(b, c, n, t.upper)).toBeCloseTo(-1.959963984540054, 6);
      expect(tangoPValueBelow(b, c, n, t.upper)).toBeCloseTo(0.025, 6);
    },
  );

  it('the p-value that Δ ≥ bound is violated falls as the bound rises, and reaches below 1e-6', () => {
    const ps = [-0.05, 0, 0.02, 0.05, 0.1].map((d) => tangoPValueBelow(118, 82, 2110, d));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThan(ps[i - 1] as number);
    expect(tangoPValueBelow(5, 60, 400, 0)).toBeLessThan(1e-6);
  });

  it('Wilson score p-value: Φ((x/n − p0)/√(p0(1 − p0)/n))', () => {
    // 80 of 100 against p0 = 0.9: z = −0.1/0.03 = −3.333…; Φ(−3.3333) = 4.29060e-4 (scipy.stats.norm.cdf).
    expect(wilsonPValueBelow(80, 100, 0.9)).toBeCloseTo(4.2906e-4, 8);
  });
});
