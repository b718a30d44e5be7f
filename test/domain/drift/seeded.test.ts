/** The permutation tests' shared pieces (src/domain/drift/seeded.ts). */
import { describe, expect, it } from 'vitest';
import { takeRows } from '../../../src/data/table.js';
import { sortedSample } from '../../../src/domain/drift/index.js';

describe('sortedSample', () => {
  it('draws distinct ascending indices, seeded, every index about equally often', () => {
    const a = sortedSample(1000, 100, 7);
    expect(a).toHaveLength(100);
    for (let i = 1; i < a.length; i++) expect(a[i] as number).toBeGreaterThan(a[i - 1] as number);
    expect(sortedSample(1000, 100, 7)).toEqual(a);
    expect(sortedSample(1000, 100, 8)).not.toEqual(a);
    const hits = new Float64Array(10);
    for (let s = 0; s < 2000; s++)
      for (const i of sortedSample(10, 3, s)) hits[i] = (hits[i] as number) + 1;
    // 2000 draws of 3 of 10: each index 600 times on average (sd ≈ 20).
    for (const h of hits) expect(Math.abs(h - 600)).toBeLessThan(100);
    expect(sortedSample(5, 10, 1)).toEqual(Int32Array.of(0, 1, 2, 3, 4));
  });
});

describe('takeRows', () => {
  it('keeps the rows asked for, in every column, with their missing counts', () => {
    const table = {
      rows: 4,
      header: ['x', 'c'],
      columns: new Map([
        [
          'x',
          { kind: 'number' as const, name: 'x', values: Float32Array.of(1, NaN, 3, 4), missing: 1 },
        ],
        [
          'c',
          {
            kind: 'category' as const,
            name: 'c',
            codes: Int32Array.of(0, 1, -1, 0),
            levels: ['a', 'b'],
            missing: 1,
          },
        ],
      ]),
    };
    const t = takeRows(table, Int32Array.of(1, 2));
    expect(t.rows).toBe(2);
    const x = t.columns.get('x');
    const c = t.columns.get('c');
    expect(x?.kind === 'number' && [...x.values]).toEqual([NaN, 3]);
    expect(x?.kind === 'number' && x.values).toBeInstanceOf(Float32Array);
    expect(x?.missing).toBe(1);
    expect(c?.kind === 'category' && [...c.codes]).toEqual([1, -1]);
    expect(c?.missing).toBe(1);
  });
});
