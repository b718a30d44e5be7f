/**
 * Compensated summation, NaN / zero conventions for undefined values, and InputError on bad input
 * (where scikit-learn raises ValueError).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/errors.js';
import {
  averagePrecision,
  binaryMetrics,
  expectedCalibrationError,
  mean,
  multiclassMetrics,
  NeumaierSum,
  regressionMetrics,
  rocAuc,
  rocAucOvr,
  sum,
} from '../../../src/domain/metrics/index.js';

describe('compensated summation (sum.ts)', () => {
  it('sums 1M copies of 0.1 to the correctly rounded 100000 (naive summation drifts)', () => {
    const values = new Float64Array(1_000_000).fill(0.1);
    let naive = 0;
    for (const v of values) naive += v;
    expect(naive).not.toBe(100000);
    expect(sum(values)).toBe(100000);
    expect(mean(values)).toBe(0.1);
  });

  it('keeps small terms next to cancelling large ones (Neumaier, not plain Kahan)', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
    const acc = new NeumaierSum();
    for (const v of [1, 1e100, 1, -1e100]) acc.add(v);
    expect(acc.value()).toBe(2);
  });

  it('returns an infinite partial sum as is and NaN for an empty mean', () => {
    expect(sum([1, Number.POSITIVE_INFINITY, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(mean([])).toBeNaN();
  });
});

describe('conventions for undefined values', () => {
  it('roc_auc is NaN when y holds one class (sklearn roc_auc_score raises)', () => {
    const score = Float64Array.from([0.1, 0.4, 0.8]);
    expect(rocAuc(Uint8Array.from([0, 0, 0]), score)).toBeNaN();
    expect(rocAuc(Uint8Array.from([1, 1, 1]), score)).toBeNaN();
    expect(binaryMetrics(Uint8Array.from([1, 1, 1]), score, 0.5).metrics.roc_auc).toBeNaN();
  });

  it('average_precision is 0 with no positive row (sklearn warns and returns 0)', () => {
    expect(averagePrecision(Uint8Array.from([0, 0]), Float64Array.from([0.2, 0.9]))).toBe(0);
  });

  it('roc_auc_ovr is NaN when a class has no row in y (sklearn raises)', () => {
    const proba = Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1]);
    expect(rocAucOvr(Int32Array.from([0, 1]), proba, 3)).toBeNaN();
  });

  it('ece is NaN for no rows', () => {
    expect(expectedCalibrationError(new Uint8Array(0), new Float64Array(0))).toBeNaN();
  });

  it('r2 is NaN for a single row (sklearn warns and returns nan)', () => {
    const r = regressionMetrics(Float64Array.from([1]), Float64Array.from([2]));
    expect(r.metrics.r2).toBeNaN();
  });
});

describe('InputError on invalid input', () => {
  const y = Uint8Array.from([0, 1, 1]);
  const p = Float64Array.from([0.2, 0.6, 0.9]);
  it.each([
    ['length mismatch', () => binaryMetrics(y, p.subarray(0, 2), 0.5)],
    ['no rows', () => binaryMetrics(new Uint8Array(0), new Float64Array(0), 0.5)],
    ['label 2', () => binaryMetrics(Uint8Array.from([0, 2, 1]), p, 0.5)],
    ['score NaN', () => binaryMetrics(y, Float64Array.from([0.2, Number.NaN, 0.9]), 0.5)],
    ['score above 1', () => binaryMetrics(y, Float64Array.from([0.2, 1.5, 0.9]), 0.5)],
    ['nClasses 1', () => multiclassMetrics(Int32Array.from([0]), Float64Array.from([1]), 1)],
    [
      'class out of range',
      () => multiclassMetrics(Int32Array.from([0, 3]), new Float64Array(6), 3),
    ],
    ['proba length', () => multiclassMetrics(Int32Array.from([0, 1]), new Float64Array(5), 3)],
    [
      'regression NaN',
      () => regressionMetrics(Float64Array.from([1, Number.NaN]), p.subarray(0, 2)),
    ],
    ['regression length', () => regressionMetrics(Float64Array.from([1, 2]), p)],
  ])('%s', (_, fn) => {
    expect(fn).toThrow(InputError);
  });
});
