import { describe, expect, it } from 'vitest';
import { binaryCorrect, countFlips, multiclassCorrect } from '../../../src/domain/gate/flips.js';
import { categorySlicing } from '../../../src/domain/gate/slices.js';

describe('countFlips', () => {
  it('counts both directions, keeps the first rows and ranks slices by negative flips', () => {
    const y = Uint8Array.of(1, 0, 1, 0, 1, 0);
    const baseline = binaryCorrect(y, Float64Array.of(0.9, 0.2, 0.8, 0.7, 0.4, 0.1), 0.5); // 1 1 1 0 0 1
    const candidate = binaryCorrect(y, Float64Array.of(0.4, 0.6, 0.9, 0.2, 0.6, 0.3), 0.5); // 0 0 1 1 1 1
    const slicing = categorySlicing({
      kind: 'category',
      name: 'g',
      codes: Int32Array.of(0, 1, 0, 1, 1, 0),
      levels: ['a', 'b'],
    });
    const flips = countFlips(baseline, candidate, [{ ...slicing, name: 'by g' }]);
    expect(flips.negative).toBe(2);
    expect(flips.positive).toBe(2);
    expect(flips.negative_rate).toBeCloseTo(2 / 6, 15);
    expect(flips.first_negative_rows).toEqual([1, 2]);
    expect(flips.first_positive_rows).toEqual([4, 5]);
    expect(flips.top_slices).toEqual([
      { slicing: 'by g', column: 'g', slice: 'a', negative: 1, share: 0.5 },
      { slicing: 'by g', column: 'g', slice: 'b', negative: 1, share: 0.5 },
    ]);
  });

  it('argmax correctness takes the first maximum, as numpy.argmax', () => {
    const proba = Float64Array.of(0.5, 0.5, 0, 0.2, 0.3, 0.5);
    expect(Array.from(multiclassCorrect(Int32Array.of(0, 2), proba, 3))).toEqual([1, 1]);
    expect(Array.from(multiclassCorrect(Int32Array.of(1, 1), proba, 3))).toEqual([0, 0]);
  });
});
