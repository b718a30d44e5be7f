/**
 * Property tests that catch sorting and tie bugs: ROC AUC and average precision depend only on
 * the order of the scores (monotone transforms and row permutations leave them unchanged),
 * AUC(1 − s) = 1 − AUC(s), and both equal O(n²) brute-force definitions with ties
 * (Mann–Whitney with ties = 1/2, the step-wise AP of sklearn.metrics.average_precision_score).
 */
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  expectedCalibrationError,
  medianAbsoluteError,
  rocAuc,
  rocAucOvr,
} from '../../../src/domain/metrics/index.js';
import { expectClose, permutation, rng } from '../../support/reference.js';

interface Sample {
  name: string;
  y: Uint8Array;
  score: Float64Array;
}

/** Scores on a grid of `levels` values k/levels (exact in float64): many ties when levels is small. */
function sample(seed: number, n: number, levels: number, positiveRate: number): Sample {
  const r = rng(seed);
  const y = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = r() < positiveRate ? 1 : 0;
    const noisy = Math.min(1, 0.25 * (y[i] as number) + 0.75 * r());
    score[i] = Math.round(noisy * levels) / levels;
  }
  return { name: `seed ${seed}, n ${n}, ${levels} levels, rate ${positiveRate}`, y, score };
}

const samples: Sample[] = [
  sample(1, 500, 4, 0.3),
  sample(2, 1000, 16, 0.5),
  sample(3, 300, 64, 0.1),
  sample(4, 2000, 1024, 0.4),
  sample(5, 50, 2, 0.5),
  sample(6, 120, 1, 0.2),
];

function bruteAuc(y: Uint8Array, s: Float64Array): number {
  let u = 0;
  let np = 0;
  let nn = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) np++;
    else nn++;
  }
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const a = s[i] as number;
      const b = s[j] as number;
      u += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return u / (np * nn);
}

function bruteAp(y: Uint8Array, s: Float64Array): number {
  const thresholds = [...new Set(s)].sort((a, b) => b - a);
  let positives = 0;
  for (const v of y) positives += v;
  let ap = 0;
  let prevRecall = 0;
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < y.length; i++) {
      if ((s[i] as number) >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    }
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

const transforms: [string, (x: number) => number][] = [
  ['x ↦ 2x', (x) => 2 * x],
  ['x ↦ x³ − 7', (x) => x * x * x - 7],
  ['x ↦ exp(3x)', (x) => Math.exp(3 * x)],
  ['x ↦ 1 / (2 − x)', (x) => 1 / (2 - x)],
];

describe.each(samples)('ranking properties: $name', ({ y, score }) => {
  const auc = rocAuc(y, score);
  const ap = averagePrecision(y, score);

  it('rocAuc equals the O(n²) Mann–Whitney U with ties counting 1/2', () => {
    expectClose(auc, bruteAuc(y, score), 'brute-force AUC');
  });

  it('averagePrecision equals the brute-force step-wise sum over distinct thresholds', () => {
    expectClose(ap, bruteAp(y, score), 'brute-force AP');
  });

  it.each(transforms)('AUC and AP are invariant under the monotone transform %s', (_, f) => {
    const t = score.map(f);
    expect(rocAuc(y, t)).toBe(auc);
    expectClose(averagePrecision(y, t), ap, 'AP after transform');
  });

  it.each([11, 12, 13])('AUC, AP and ECE are invariant under row permutation (seed %i)', (seed) => {
    const p = permutation(y.length, rng(seed));
    const yp = y.map((_, i) => y[p[i] as number] as number);
    const sp = score.map((_, i) => score[p[i] as number] as number);
    expect(rocAuc(yp, sp)).toBe(auc);
    expectClose(averagePrecision(yp, sp), ap, 'AP after permutation');
    expectClose(
      expectedCalibrationError(yp, sp),
      expectedCalibrationError(y, score),
      'ECE after permutation',
    );
  });

  it('AUC(1 − s) = 1 − AUC(s)', () => {
    expectClose(
      rocAuc(
        y,
        score.map((x) => 1 - x),
      ),
      1 - auc,
      'reversed AUC',
    );
  });

  it('does not modify its inputs, with or without a work buffer', () => {
    const y0 = y.slice();
    const s0 = score.slice();
    rocAuc(y, score, new Float64Array(y.length));
    averagePrecision(y, score);
    expect(y).toEqual(y0);
    expect(score).toEqual(s0);
  });
});

describe('multiclass and regression properties', () => {
  it('rocAucOvr of two classes equals the binary AUC of column 1', () => {
    const { y, score } = sample(21, 400, 8, 0.4);
    const proba = new Float64Array(2 * y.length);
    score.forEach((s, i) => {
      proba[2 * i] = 1 - s;
      proba[2 * i + 1] = s;
    });
    expectClose(rocAucOvr(Int32Array.from(y), proba, 2), rocAuc(y, score), 'ovr vs binary');
  });

  it('medianAbsoluteError equals the middle of a sorted copy, and reuses its work buffer', () => {
    const r = rng(31);
    for (const n of [1, 2, 7, 8, 101, 1000]) {
      const y = Float64Array.from({ length: n }, () => Math.round(r() * 20));
      const pred = Float64Array.from({ length: n }, () => Math.round(r() * 20));
      const sorted = y.map((v, i) => Math.abs(v - (pred[i] as number))).sort();
      const mid = n >> 1;
      const expected =
        n % 2 === 1
          ? (sorted[mid] as number)
          : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
      expect(medianAbsoluteError(y, pred, new Float64Array(n + 3))).toBe(expected);
      expect(medianAbsoluteError(y, pred)).toBe(expected);
    }
  });
});
