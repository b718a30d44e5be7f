/**
 * Conventions of the bootstrap summaries (interval.ts): NaN resamples are left out and counted,
 * bootstrapPValue = (1 + #wrong side) / (B + 1) with ties on the wrong side, and the interval of a
 * group whose metric is undefined in some resamples (roc_auc of a tiny slice).
 * numpy.percentile agreement itself is in reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  binaryKernel,
  bootstrapPValue,
  pairedBootstrap,
  percentile,
  percentileInterval,
} from '../../../src/domain/stats/index.js';

const NaN_ = Number.NaN;

describe('bootstrapPValue(delta, bound, side)', () => {
  const deltas = Float64Array.of(-0.02, -0.01, 0, 0.01, 0.02, 0.03, NaN_, 0.04, 0.05, 0.06);
  it.each([
    // 9 finite samples; 'greater' counts δ <= bound, 'less' counts δ >= bound.
    ['greater', -0.01, (1 + 2) / 10],
    ['less', -0.01, (1 + 8) / 10],
    ['greater', -0.05, 1 / 10],
    ['less', 0.1, 1 / 10],
    ['two-sided', -0.01, Math.min(1, 2 * (3 / 10))],
    ['two-sided', 0.02, Math.min(1, 2 * Math.min(6 / 10, 6 / 10))],
  ] as const)('side %s, bound %s', (side, bound, expected) => {
    expect(bootstrapPValue(deltas, bound, side)).toBeCloseTo(expected, 15);
  });

  it('is NaN without a finite sample', () => {
    expect(bootstrapPValue(Float64Array.of(NaN_, NaN_), 0, 'greater')).toBeNaN();
  });
});

describe('percentileInterval(samples, confidence)', () => {
  it('leaves NaN out and reports how many samples it used', () => {
    const r = percentileInterval(Float64Array.of(NaN_, 4, 1, NaN_, 3, 2, 5), 0.5);
    expect(r).toEqual({ lower: 2, upper: 4, used: 5 });
    expect(percentile(Float64Array.of(3, NaN_, 1), 50)).toBe(2);
  });

  it('is NaN when every sample is NaN, and refuses a confidence outside (0, 1)', () => {
    expect(percentileInterval(Float64Array.of(NaN_), 0.95)).toEqual({
      lower: NaN_,
      upper: NaN_,
      used: 0,
    });
    expect(() => percentileInterval(Float64Array.of(1), 1)).toThrow(RangeError);
    expect(() => percentileInterval(Float64Array.of(1), 0)).toThrow(RangeError);
  });
});

describe('undefined resampled metrics', () => {
  it('roc_auc of a slice with one positive is NaN in the resamples that miss it, and counted', () => {
    const n = 60;
    const rare = (i: number) => i >= 5 && i < 10;
    const y = Uint8Array.from({ length: n }, (_, i) =>
      i === 7 || (i % 4 === 0 && !rare(i)) ? 1 : 0,
    );
    const candidate = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101);
    const baseline = Float64Array.from({ length: n }, (_, i) => ((i * 53) % 97) / 97);
    // Group 'rare' holds rows 5..9: one positive (row 7) among 5 rows.
    const ids = Int32Array.from({ length: n }, (_, i) => (rare(i) ? 0 : 1));
    const kernel = binaryKernel({
      y,
      candidate,
      baseline,
      threshold: 0.5,
      slicings: [{ name: 'k', groups: ['rare', 'rest'], ids }],
    });
    const r = pairedBootstrap(kernel, { resamples: 400, seed: 3 });
    const auc = r.groups[1]?.metrics.roc_auc;
    if (auc === undefined) throw new Error('missing group');
    const missing = auc.samples.candidate.filter((v) => Number.isNaN(v)).length;
    // P(row 7 not drawn) = (1 − 1/60)^60 ≈ 0.364, plus resamples with no negative of the group.
    expect(missing).toBeGreaterThan(100);
    expect(auc.undefinedResamples).toBe(missing);
    expect(auc.samples.delta.filter((v) => Number.isNaN(v)).length).toBe(missing);
    expect(percentileInterval(auc.samples.delta, 0.95).used).toBe(400 - missing);
    expect(r.groups[0]?.metrics.roc_auc?.undefinedResamples).toBe(0);
  });
});
