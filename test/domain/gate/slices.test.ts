import { describe, expect, it } from 'vitest';
import { binLabels, binSlicing, categorySlicing } from '../../../src/domain/gate/slices.js';

describe('binSlicing', () => {
  // Reference: pandas.cut(x, [0, 12, 24, 72], right=True, include_lowest=True).codes
  it.each([
    [0, 0],
    [1, 0],
    [12, 0],
    [12.5, 1],
    [24, 1],
    [25, 2],
    [72, 2],
    [73, -1],
    [-1, -1],
    [Number.NaN, -1],
  ])('%d -> group %d', (value, group) => {
    const slicing = binSlicing(
      { kind: 'number', name: 'tenure', values: [value] },
      [0, 12, 24, 72],
    );
    expect(slicing.index[0]).toBe(group);
  });

  it('labels bins as pandas prints them and counts sizes', () => {
    const s = binSlicing(
      { kind: 'number', name: 'tenure', values: [0, 5, 13, 30, 99, Number.NaN] },
      [0, 12, 24, 72],
    );
    expect(s.groups).toEqual(['[0, 12]', '(12, 24]', '(24, 72]']);
    expect(s.sizes).toEqual([2, 1, 1]);
    expect(s.unassigned).toBe(2);
    expect(binLabels([0.1, 0.25])).toEqual(['[0.1, 0.25]']);
  });

  it('refuses bins that do not increase, and text columns', () => {
    expect(() => binSlicing({ kind: 'number', name: 'tenure', values: [1] }, [0, 24, 12])).toThrow(
      /must be increasing: \[0, 24, 12\]/,
    );
    expect(() =>
      binSlicing(
        { kind: 'category', name: 'Contract', codes: Int32Array.of(0), levels: ['a'] },
        [0, 1],
      ),
    ).toThrow(/holds text/);
  });
});

describe('categorySlicing', () => {
  it('one group per category, sorted by name; missing cells in none', () => {
    const s = categorySlicing({
      kind: 'category',
      name: 'Contract',
      codes: Int32Array.of(1, 0, 1, -1, 2),
      levels: ['Two year', 'Month-to-month', 'One year'],
    });
    expect(s.groups).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(Array.from(s.index)).toEqual([0, 2, 0, -1, 1]);
    expect(s.sizes).toEqual([2, 1, 1]);
    expect(s.unassigned).toBe(1);
  });

  it('a numeric column listed plainly slices by value', () => {
    const s = categorySlicing({
      kind: 'number',
      name: 'SeniorCitizen',
      values: [0, 1, 0, Number.NaN],
    });
    expect(s.groups).toEqual(['0', '1']);
    expect(Array.from(s.index)).toEqual([0, 1, 0, -1]);
  });
});
