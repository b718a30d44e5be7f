/**
 * The radix sort behind every numeric statistic: the same order as a comparison sort on random,
 * tied, negative, subnormal and infinite values; NaN dropped and counted; the input untouched.
 */
import { describe, expect, it } from 'vitest';
import { sortSample } from '../../../src/domain/drift/index.js';
import { rng } from '../../support/reference.js';

function reference(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

describe('sortSample', () => {
  it.each([
    ['uniform', (u: () => number) => u() * 2000 - 700],
    ['integer ties', (u: () => number) => Math.floor(u() * 50) - 25],
    ['wide exponents', (u: () => number) => (u() - 0.5) * 10 ** Math.floor(u() * 600 - 300)],
    [
      'specials',
      (u: () => number) => {
        const pick = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.NaN];
        return u() < 0.3 ? (pick[Math.floor(u() * pick.length)] as number) : u() - 0.5;
      },
    ],
  ])('orders %s like Float64Array.prototype.sort', (_, draw) => {
    const u = rng(42);
    const values = Float64Array.from({ length: 20000 }, () => draw(u));
    const before = values.slice();
    const { sorted, missing } = sortSample(values);
    const want = reference(values);
    expect(missing).toBe(values.length - want.length);
    expect(sorted.length).toBe(want.length);
    // -0 and +0 compare equal everywhere downstream; compare as numbers.
    const firstMismatch = want.findIndex((v, i) => sorted[i] !== v);
    expect(firstMismatch, 'first index where the orders differ').toBe(-1);
    expect(values).toEqual(before);
  });

  it('sorts float32 input as its exact float64 values', () => {
    const u = rng(7);
    const values = Float32Array.from({ length: 3000 }, () => u() * 100 - 50);
    const { sorted } = sortSample(values);
    expect(Array.from(sorted)).toEqual(Array.from(values).sort((a, b) => a - b));
  });
});
