/**
 * The drift decision on synthetic samples: `auto` (p-value tests with Bonferroni on small
 * references, effect sizes on large ones — and no flag for a million clean rows), named methods
 * and thresholds, the dataset share, the errors a user can meet, and the report.json shape.
 * The real fixtures are in fixtures-auto.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  columnDrift,
  type DriftSample,
  detectDrift,
  type NumericColumnDrift,
  psiBand,
} from '../../../src/domain/drift/index.js';
import { InputError } from '../../../src/domain/errors.js';
import { sample } from './support.js';

const num = (values: ArrayLike<number>): DriftSample => ({
  kind: 'number',
  values: Float64Array.from(values),
});
const uniform = (seed: number, n: number, shift = 0): DriftSample =>
  num(sample({ seed, n, kind: 'uniform', scale: 1, shift }));

describe('auto on synthetic samples', () => {
  it('needs the effect size and a test at 0.05/k (Bonferroni) to agree', () => {
    const report = detectDrift([
      { name: 'same', reference: uniform(1, 1000), current: uniform(2, 400) },
      { name: 'moved', reference: uniform(3, 1000), current: uniform(4, 400, 0.2) },
    ]);
    const same = report.columns.same as NumericColumnDrift;
    const moved = report.columns.moved as NumericColumnDrift;
    expect(same).toMatchObject({ method: 'wasserstein', kind: 'effect_size', threshold: 0.1 });
    expect(same.test).toMatchObject({ method: 'w1_permutation', alpha: 0.025 });
    expect(same.value).toBe(same.statistics.wasserstein_normed);
    expect(same.drifted).toBe(false);
    // A 0.2 shift of U(0, 1) is W1/MAD 0.8; no permutation of 1,400 pooled values comes near.
    expect(moved.value).toBeGreaterThan(0.7);
    expect(moved.test?.p_value).toBeLessThan(0.025);
    expect(moved.drifted).toBe(true);
    expect(report.dataset).toMatchObject({ columns: 2, drifted_columns: 1, drifted_share: 0.5 });
    expect(report.dataset.drifted).toBe(true); // 0.5 >= max_drifted_share 0.5
  });

  it('does not flag a million clean rows that a p-value test would (W1/MAD instead)', () => {
    const ref = uniform(32, 1_000_000);
    const cur = uniform(33, 1_000_000, 0.004);
    const c = columnDrift('x', ref, cur) as NumericColumnDrift;
    expect(c.statistics.ks_p_value).toBeLessThan(1e-6); // KS calls a 0.4%-of-range shift real
    expect(c).toMatchObject({ method: 'wasserstein', kind: 'effect_size', drifted: false });
    // W1 ≈ 0.003 against MAD(U(0, 1)) = 1/4: about 1% of the spread, far below 0.1.
    expect(c.value).toBe(c.statistics.wasserstein / c.statistics.reference_mad);
    expect(c.value).toBeLessThan(0.02);
  });

  it('W1(X, X + c)/MAD(X) = |c|/MAD(X): the normed shift is scale-free', () => {
    const ref = sample({ seed: 7, n: 5000, kind: 'bell', scale: 3, shift: 0 });
    for (const c of [0.5, -2, 10]) {
      const d = columnDrift('x', num(ref), num(ref.map((v) => v + c))) as NumericColumnDrift;
      const mad = d.statistics.reference_mad;
      expect(d.statistics.wasserstein).toBeCloseTo(Math.abs(c), 9);
      expect(d.statistics.wasserstein_normed).toBeCloseTo(Math.abs(c) / mad, 9);
    }
  });

  it('a constant reference (MAD 0): any difference is a large effect, and the test decides', () => {
    const ref = num(new Array(2000).fill(5));
    const same = columnDrift('x', ref, num(new Array(100).fill(5))) as NumericColumnDrift;
    expect(same.statistics.wasserstein_normed).toBe(0);
    expect(same.drifted).toBe(false);
    const moved = columnDrift(
      'x',
      ref,
      num([...new Array(90).fill(5), ...new Array(10).fill(5.001)]),
    );
    expect((moved as NumericColumnDrift).statistics.wasserstein_normed).toBe(Infinity);
    expect(moved.drifted).toBe(true);
  });

  it('categorical: JS distance ≥ 0.035 and chi-square p < 0.05/k', () => {
    const cat = (counts: Record<string, number>): DriftSample => {
      const levels = Object.keys(counts);
      const codes = levels.flatMap((_, i) => new Array(counts[levels[i] as string]).fill(i));
      return { kind: 'category', codes: Int32Array.from(codes), levels };
    };
    const small = columnDrift('c', cat({ a: 300, b: 300 }), cat({ b: 130, a: 70 }), { tests: 4 });
    expect(small).toMatchObject({ method: 'js', threshold: 0.035, kind: 'effect_size' });
    expect(small.test).toMatchObject({ method: 'chi2', alpha: 0.0125, permutations: 0 });
    if (small.type !== 'categorical') throw new Error('categorical expected');
    expect(small.test?.p_value).toBe(small.statistics.chi2_p_value);
    expect(small.drifted).toBe(small.value >= 0.035 && small.statistics.chi2_p_value < 0.0125);
    expect(small.drifted).toBe(true); // 35/65 against 50/50 on 200 rows
    // The same shares on 20 rows: JS distance as large, but 20 rows cannot tell.
    const tiny = columnDrift('c', cat({ a: 300, b: 300 }), cat({ b: 13, a: 7 }), { tests: 4 });
    expect(tiny.value).toBeCloseTo(small.value, 12);
    expect(tiny.drifted).toBe(false);
    const large = columnDrift('c', cat({ a: 3000, b: 3000 }), cat({ a: 100, b: 100, z: 50 }));
    expect(large).toMatchObject({ method: 'js', threshold: 0.035, type: 'categorical' });
    if (large.type !== 'categorical') throw new Error('categorical expected');
    expect(large.unseen).toEqual({ rows: 50, categories: ['z'] });
    expect(large.drifted).toBe(true);
  });
});

describe('named methods and thresholds', () => {
  const ref = uniform(11, 3000);
  const cur = uniform(12, 3000, 0.05);

  it('use their default thresholds without Bonferroni, and a column threshold overrides', () => {
    const ks = columnDrift('x', ref, cur, { method: 'ks', tests: 10 });
    expect(ks).toMatchObject({ method: 'ks', auto: false, threshold: 0.05, kind: 'p_value' });
    const psi = columnDrift('x', ref, cur, { method: 'psi' });
    expect(psi).toMatchObject({ method: 'psi', threshold: 0.2, kind: 'effect_size' });
    expect(psi.drifted).toBe(psi.value >= 0.2);
    const js = columnDrift('x', ref, cur, { method: 'js', threshold: 0.01 });
    expect(js).toMatchObject({ method: 'js', threshold: 0.01 });
    expect(js.drifted).toBe(js.value >= 0.01);
    const w = columnDrift('x', ref, cur, { method: 'wasserstein', threshold: 0.5 });
    expect(w.drifted).toBe(false); // a 0.05 shift of U(0,1) is 0.2 MAD
  });

  it('detectDrift applies per-column options over the default method', () => {
    const report = detectDrift(
      [
        { name: 'a', reference: ref, current: cur },
        { name: 'b', reference: ref, current: cur },
      ],
      { method: 'psi', columns: { b: { method: 'ks', threshold: 0.01 } }, maxDriftedShare: 0.4 },
    );
    expect(report.columns.a).toMatchObject({ method: 'psi', threshold: 0.2 });
    expect(report.columns.b).toMatchObject({ method: 'ks', threshold: 0.01, drifted: true });
    expect(report.dataset).toMatchObject({ drifted_share: 0.5, max_drifted_share: 0.4 });
    expect(report.dataset.drifted).toBe(true);
  });

  it.each([
    [{ threshold: 0.01 }, /threshold needs a named method/],
    [{ method: 'chi2' as const }, /'chi2' does not apply to a numeric column/],
    [{ method: 'ks' as const, threshold: 1.5 }, /out of range/],
    [{ method: 'wasserstein' as const, threshold: -1 }, /out of range/],
  ])('rejects %j with an InputError naming the column', (options, message) => {
    expect(() => columnDrift('tenure', ref, cur, options)).toThrow(InputError);
    expect(() => columnDrift('tenure', ref, cur, options)).toThrow(message);
    expect(() => columnDrift('tenure', ref, cur, options)).toThrow(/'tenure'/);
  });
});

describe('input errors', () => {
  const cat: DriftSample = { kind: 'category', codes: Int32Array.from([0, 1]), levels: ['a', 'b'] };
  it('names the column when the two sides have different kinds', () => {
    expect(() => columnDrift('age', num([1, 2]), cat)).toThrow(/'age': numeric in the reference/);
  });
  it('names the side that has no value', () => {
    expect(() => columnDrift('age', num([1, 2]), num([Number.NaN]))).toThrow(
      /'age': the current data has no non-missing value/,
    );
    const empty: DriftSample = { kind: 'category', codes: Int32Array.from([-1]), levels: [] };
    expect(() => columnDrift('city', empty, cat)).toThrow(/'city': the reference data/);
  });
  it('rejects duplicate columns, options for unknown columns, a bad share', () => {
    const col = { name: 'x', reference: num([1]), current: num([2]) };
    expect(() => detectDrift([col, col])).toThrow(/'x' is listed twice/);
    expect(() => detectDrift([col], { columns: { y: { method: 'ks' } } })).toThrow(/'y'/);
    expect(() => detectDrift([col], { maxDriftedShare: 0 })).toThrow(InputError);
  });
  it('gives an empty dataset no drift', () => {
    expect(detectDrift([]).dataset).toMatchObject({ columns: 0, drifted_share: 0, drifted: false });
  });
});

describe('PSI bands and the report.json shape', () => {
  it('bands PSI at 0.1 and 0.2', () => {
    expect([0, 0.0999, 0.1, 0.1999, 0.2, 3].map(psiBand)).toEqual([
      'none',
      'none',
      'moderate',
      'moderate',
      'significant',
      'significant',
    ]);
  });

  it('uses snake_case keys throughout (a column named __proto__ stays a column)', () => {
    const report = detectDrift([
      { name: '__proto__', reference: uniform(1, 50), current: uniform(2, 60) },
      { name: 'Contract', reference: cat3(), current: cat3() },
    ]);
    expect(Object.keys(report.columns)).toEqual(['__proto__', 'Contract']);
    const keys = (v: unknown, path: string): void => {
      if (Array.isArray(v) || v === null || typeof v !== 'object') return;
      for (const [k, child] of Object.entries(v)) {
        if (path !== 'columns') expect(k, `${path}.${k}`).toMatch(/^[a-z0-9_]+$/);
        keys(child, path === '' ? k : `${path}.${k}`);
      }
    };
    keys(JSON.parse(JSON.stringify(report)), '');
  });
});

function cat3(): DriftSample {
  return { kind: 'category', codes: Int32Array.from([0, 1, 2, 2, -1]), levels: ['a', 'b', 'c'] };
}
