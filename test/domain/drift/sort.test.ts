/**
 * The radix sort behind every numeric statistic: the same order as a comparison sort on random,
 * tied, negative, subnormal and infinite values; NaN dropped and counted; the input untouched.
 */
import { describe, expect, it } from 'vitest';
import { columnDrift, detectDrift, sortSample } from '../../../src/domain/drift/index.js';
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

  // Float32 columns (drift reads a float input's column as the model does) take a 32-bit radix
  // sort from 16,384 values and are widened after: the result must be the widened array sorted,
  // bit for bit (−0 before +0 included).
  it.each([
    ['uniform', 20000, (u: () => number) => u() * 2000 - 700],
    ['integer ties', 40000, (u: () => number) => Math.floor(u() * 50) - 25],
    ['wide exponents', 20000, (u: () => number) => (u() - 0.5) * 10 ** Math.floor(u() * 90 - 45)],
    [
      'specials',
      20000,
      (u: () => number) => {
        const pick = [0, -0, Infinity, -Infinity, 1e-45, -1e-45, Number.NaN];
        return u() < 0.3 ? (pick[Math.floor(u() * pick.length)] as number) : u() - 0.5;
      },
    ],
    ['specials, below the radix size', 500, (u: () => number) => (u() < 0.2 ? -0 : u() - 0.5)],
  ])('float32 %s (%s values): the widened values sorted', (_, n, draw) => {
    const u = rng(9);
    const values = Float32Array.from({ length: n }, () => draw(u));
    const before = values.slice();
    const { sorted, missing } = sortSample(values);
    const want = reference(Float64Array.from(values));
    expect(missing).toBe(values.length - want.length);
    expect(sorted.length).toBe(want.length);
    const firstMismatch = want.findIndex((v, i) => !Object.is(sorted[i], v));
    expect(firstMismatch, 'first index where the orders differ').toBe(-1);
    expect(values).toEqual(before);
  });
});

describe('sort buffers reused column after column (Scratch)', () => {
  it('give every column the numbers it gets sorted alone', () => {
    const r = rng(21);
    // Large then small then large again, float32 and float64, with missing values and ties.
    const sizes = [40_000, 300, 25_000, 60_000, 20];
    const columns = sizes.map((n, k) => {
      const draw = (shift: number) => {
        const values = k % 2 === 0 ? new Float32Array(n) : new Float64Array(n);
        for (let i = 0; i < n; i++)
          values[i] = r() < 0.02 ? Number.NaN : Math.round((r() * 10 + shift) * 100) / 100;
        return values;
      };
      return {
        name: `c${k}`,
        reference: { kind: 'number' as const, values: draw(0) },
        current: { kind: 'number' as const, values: draw(k === 3 ? 0.5 : 0) },
      };
    });
    const together = detectDrift(columns);
    for (const c of columns) {
      const alone = columnDrift(c.name, c.reference, c.current, { tests: columns.length });
      const shared = together.columns[c.name];
      expect(shared?.statistics).toEqual(alone.statistics);
      expect(shared?.test?.p_value).toBe(alone.test?.p_value);
      expect(shared?.rows).toEqual(alone.rows);
      expect(shared?.missing).toEqual(alone.missing);
    }
    expect(together.columns.c3?.drifted).toBe(true);
  });
});
