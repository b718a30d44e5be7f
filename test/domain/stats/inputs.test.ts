/**
 * What the statistics refuse (InputError names the input at fault; RangeError for a programming
 * error), and the radix sort every walk relies on: descending scores, ties by ascending row,
 * −0 tied with 0, negative and extreme values in order.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/errors.js';
import { byClassFromOrder, sortByClass } from '../../../src/domain/metrics/ranking.js';
import {
  asymptoticComparison,
  binaryKernel,
  delongTest,
  mcnemarExact,
  multiclassKernel,
  pairedBootstrap,
  regressionKernel,
  rowsOfGroups,
} from '../../../src/domain/stats/index.js';
import { descendingOrder, groupOrders } from '../../../src/domain/stats/order.js';
import { rng } from '../../support/reference.js';

const y = Uint8Array.of(0, 1, 1, 0);
const p = Float64Array.of(0.1, 0.8, 0.6, 0.3);

describe('refused inputs', () => {
  it.each([
    [
      'length mismatch',
      () => binaryKernel({ y, candidate: p.subarray(1), baseline: p, threshold: 0.5 }),
    ],
    [
      'label 2',
      () =>
        binaryKernel({ y: Uint8Array.of(0, 2, 1, 0), candidate: p, baseline: p, threshold: 0.5 }),
    ],
    [
      'score above 1',
      () =>
        binaryKernel({ y, candidate: Float64Array.of(0, 1.5, 0, 0), baseline: p, threshold: 0.5 }),
    ],
    [
      'NaN score',
      () =>
        binaryKernel({ y, candidate: p, baseline: Float64Array.of(0, NaN, 0, 0), threshold: 0.5 }),
    ],
    [
      'slicing of other length',
      () =>
        binaryKernel({
          y,
          candidate: p,
          baseline: p,
          threshold: 0.5,
          slicings: [{ name: 'x', groups: ['a'], ids: Int32Array.of(0) }],
        }),
    ],
    [
      'group id out of range',
      () =>
        binaryKernel({
          y,
          candidate: p,
          baseline: p,
          threshold: 0.5,
          slicings: [{ name: 'x', groups: ['a'], ids: Int32Array.of(0, 1, 0, -1) }],
        }),
    ],
    [
      'regression NaN target',
      () =>
        regressionKernel({
          y: Float64Array.of(1, NaN),
          candidate: Float64Array.of(1, 2),
          baseline: Float64Array.of(1, 2),
        }),
    ],
    [
      'multiclass probabilities of the wrong size',
      () =>
        multiclassKernel({
          y: Int32Array.of(0, 2),
          candidate: new Float64Array(5),
          baseline: new Float64Array(6),
          nClasses: 3,
        }),
    ],
    ['DeLong infinite score', () => delongTest(y, Float64Array.of(0, Infinity, 0, 0), p)],
    // The influence route (large holdouts) refuses what the bootstrap's kernels refuse.
    [
      'influence route: NaN score',
      () =>
        asymptoticComparison(
          {
            task: 'binary',
            input: { y, candidate: p, baseline: Float64Array.of(0, NaN, 0, 0), threshold: 0.5 },
          },
          1,
        ),
    ],
    [
      'influence route: label 2',
      () =>
        asymptoticComparison(
          {
            task: 'binary',
            input: { y: Uint8Array.of(0, 2, 1, 0), candidate: p, baseline: p, threshold: 0.5 },
          },
          1,
        ),
    ],
    [
      'influence route: regression NaN target',
      () =>
        asymptoticComparison(
          {
            task: 'regression',
            input: {
              y: Float64Array.of(1, NaN),
              candidate: Float64Array.of(1, 2),
              baseline: Float64Array.of(1, 2),
            },
          },
          1,
        ),
    ],
    [
      'influence route: multiclass probabilities of the wrong size',
      () =>
        asymptoticComparison(
          {
            task: 'multiclass',
            input: {
              y: Int32Array.of(0, 2),
              candidate: new Float64Array(5),
              baseline: new Float64Array(6),
              nClasses: 3,
            },
          },
          1,
        ),
    ],
    [
      'influence route: group id out of range',
      () =>
        asymptoticComparison(
          {
            task: 'binary',
            input: {
              y,
              candidate: p,
              baseline: p,
              threshold: 0.5,
              slicings: [{ name: 'x', groups: ['a'], ids: Int32Array.of(0, 1, 0, -1) }],
            },
          },
          1,
        ),
    ],
  ])('%s → InputError', (_, f) => {
    expect(f).toThrow(InputError);
  });

  it.each([
    ['threshold NaN', () => binaryKernel({ y, candidate: p, baseline: p, threshold: NaN })],
    [
      '0 resamples',
      () =>
        pairedBootstrap(binaryKernel({ y, candidate: p, baseline: p, threshold: 0.5 }), {
          resamples: 0,
          seed: 1,
        }),
    ],
    [
      'negative seed',
      () =>
        pairedBootstrap(binaryKernel({ y, candidate: p, baseline: p, threshold: 0.5 }), {
          resamples: 1,
          seed: -1,
        }),
    ],
    [
      'weights of another length',
      () =>
        binaryKernel({ y, candidate: p, baseline: p, threshold: 0.5 }).evaluate(
          new Uint8Array(3),
          new Float64Array(64),
          0,
          false,
        ),
    ],
    ['McNemar negative count', () => mcnemarExact(-1, 3)],
    ['DeLong confidence 1', () => delongTest(y, p, p, 1)],
  ])('%s → RangeError', (_, f) => {
    expect(f).toThrow(RangeError);
  });
});

describe('descendingOrder (LSD radix sort of float64 keys)', () => {
  it.each([1, 2, 3])('equals a stable comparator sort, seed %s', (seed) => {
    const r = rng(seed);
    const pool = [0, -0, 1, -1, 0.5, 1e-300, -1e-300, 5e-324, 1e300, -1e300, Infinity, -Infinity];
    const score = Float64Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0
        ? (pool[Math.floor(r() * pool.length)] as number)
        : (r() - 0.5) * 10 ** Math.floor(r() * 20 - 10),
    );
    const expected = Array.from(score.keys()).sort((a, b) => {
      const d = (score[b] as number) - (score[a] as number);
      return d !== 0 && !Number.isNaN(d) ? d : a - b;
    });
    expect(Array.from(descendingOrder(score))).toEqual(expected);
  });

  it('sorts probabilities that share their top bits (digits skipped)', () => {
    const score = Float64Array.of(0.5, 0.25, 0.75, 0.5, 0.125);
    expect(Array.from(descendingOrder(score))).toEqual([2, 0, 3, 1, 4]);
    expect(Array.from(descendingOrder(new Float64Array(0)))).toEqual([]);
  });
});

describe('groupOrders (each group’s order filtered from the whole’s)', () => {
  it.each([4, 5, 6])('equals descendingOrder of each group’s gathered scores, seed %s', (seed) => {
    const r = rng(seed);
    const n = 5000;
    // Coarse scores (many ties), signed zeros, and rows in no group (−1).
    const score = Float64Array.from({ length: n }, () =>
      r() < 0.05 ? (r() < 0.5 ? -0 : 0) : Math.round(r() * 40) / 40,
    );
    const groups = 4;
    const ids = Int32Array.from({ length: n }, () => Math.floor(r() * (groups + 1)) - 1);
    const byGroup = groupOrders(descendingOrder(score), ids, groups);
    for (let g = 0; g < groups; g++) {
      const rows = rowsOfGroups(ids, groups)[g] as Int32Array;
      const gathered = Float64Array.from(rows, (row) => score[row] as number);
      expect(Array.from(byGroup[g] as Int32Array)).toEqual(Array.from(descendingOrder(gathered)));
    }
  });

  it('lays scores out by class as sortByClass does (byClassFromOrder)', () => {
    const r = rng(8);
    const y = Uint8Array.from({ length: 3000 }, () => (r() < 0.3 ? 1 : 0));
    const score = Float64Array.from(y, () => Math.round(r() * 100) / 100);
    const sorted = sortByClass(y, score);
    const laid = byClassFromOrder(y, score, descendingOrder(score));
    expect(Array.from(laid.pos)).toEqual(Array.from(sorted.pos));
    expect(Array.from(laid.neg)).toEqual(Array.from(sorted.neg));
  });
});
