/**
 * A weighted evaluation equals the metric functions on the explicitly expanded sample (each row
 * repeated weight times): roc_auc and average_precision from the weighted walk (ties handled as
 * scikit-learn: trapezoid / step-wise over distinct thresholds), and every other metric, to 1e-12
 * relative. Weights are real bootstrap resamples (drawResampleCounts) and random 0..5 weights;
 * scores sit on coarse grids so that ties are everywhere.
 */
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  binaryMetrics,
  multiclassMetrics,
  regressionMetrics,
  rocAuc,
} from '../../../src/domain/metrics/index.js';
import {
  binaryKernel,
  drawResampleCounts,
  multiclassKernel,
  type PairedKernel,
  regressionKernel,
  type Slicing,
} from '../../../src/domain/stats/index.js';
import { expectClose, rng } from '../../support/reference.js';
import { telco } from './support.js';

/** Row weights → the kernel's weight vector (weights[k] weighs row order[k]). */
function kernelWeights(kernel: PairedKernel, rowWeights: Uint8Array): Uint8Array {
  const { order } = kernel;
  return order === null ? rowWeights : Uint8Array.from(order, (row) => rowWeights[row] as number);
}

/** The rows of the expanded sample: row i repeated rowWeights[i] times, restricted to `keep`. */
function expand(rowWeights: Uint8Array, keep: (row: number) => boolean): number[] {
  const rows: number[] = [];
  rowWeights.forEach((w, i) => {
    if (keep(i)) for (let k = 0; k < w; k++) rows.push(i);
  });
  return rows;
}

function take<T extends Float64Array | Uint8Array | Int32Array>(
  a: T,
  rows: number[],
  width = 1,
): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length * width);
  rows.forEach((r, k) => {
    for (let j = 0; j < width; j++) out[k * width + j] = a[r * width + j] as number;
  });
  return out;
}

function gridSample(seed: number, n: number, levels: number) {
  const r = rng(seed);
  const y = Uint8Array.from({ length: n }, () => (r() < 0.35 ? 1 : 0));
  const score = (noise: number) =>
    Float64Array.from(
      y,
      (v) => Math.round(Math.min(1, 0.3 * v + 0.7 * r() * noise) * levels) / levels,
    );
  const ids = Int32Array.from({ length: n }, () => Math.floor(r() * 4) - 1);
  const slicing: Slicing = { name: 's', groups: ['a', 'b', 'c'], ids };
  return { y, candidate: score(1), baseline: score(0.9), slicing };
}

/** Compares every value of `kernel` under `rowWeights` with `reference` on the expanded rows. */
function compareExpanded(
  kernel: PairedKernel,
  slicing: Slicing,
  rowWeights: Uint8Array,
  reference: (rows: number[], model: number) => Record<string, number>,
): void {
  const M = kernel.metrics.length;
  for (const compensated of [true, false]) {
    const out = new Float64Array(kernel.groups.length * M * 2);
    kernel.evaluate(kernelWeights(kernel, rowWeights), out, 0, compensated);
    kernel.groups.forEach((spec, g) => {
      const id = slicing.groups.indexOf(spec.group);
      const rows = expand(rowWeights, (i) => spec.slicing === null || slicing.ids[i] === id);
      for (let model = 0; model < 2; model++) {
        const expected = rows.length === 0 ? null : reference(rows, model);
        kernel.metrics.forEach((metric, m) => {
          const want = expected?.[metric] ?? Number.NaN;
          const what = `${spec.group} ${metric} model ${model} compensated=${compensated}`;
          expectClose(
            out[(g * M + m) * 2 + model] as number,
            Number.isNaN(want) ? null : want,
            what,
          );
        });
      }
    });
  }
}

describe('weighted roc_auc / average_precision = metric functions on the expanded resample', () => {
  it.each([
    [1, 300, 4],
    [2, 500, 20],
    [3, 120, 2],
    [4, 800, 1000],
  ])('seed %s, n %s, %s score levels', (seed, n, levels) => {
    const { y, candidate, baseline, slicing } = gridSample(seed, n, levels);
    const kernel = binaryKernel({ y, candidate, baseline, threshold: 0.5, slicings: [slicing] });
    const r = rng(seed + 100);
    const random = Uint8Array.from({ length: n }, () => Math.floor(r() * 6));
    const resample = new Uint8Array(n);
    drawResampleCounts(resample, seed, 7);
    for (const w of [random, kernelToRows(kernel, resample)]) {
      compareExpanded(kernel, slicing, w, (rows, model) => {
        const ys = take(y, rows);
        const s = take(model === 0 ? candidate : baseline, rows);
        const all = binaryMetrics(ys, s, 0.5).metrics;
        // The plain building blocks too, as the brief asks.
        expect(rocAuc(ys, s)).toBe(all.roc_auc);
        expect(averagePrecision(ys, s)).toBe(all.average_precision);
        return all;
      });
    }
  });
});

/** A resample drawn in the kernel's index space, as row weights. */
function kernelToRows(kernel: PairedKernel, w: Uint8Array): Uint8Array {
  const rows = new Uint8Array(w.length);
  const { order } = kernel;
  w.forEach((v, k) => {
    rows[order === null ? k : (order[k] as number)] = v;
  });
  return rows;
}

describe('regression and multiclass kernels on an expanded resample', () => {
  it('regression = regressionMetrics of the expanded rows', () => {
    const r = rng(9);
    const n = 300;
    const y = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0 : Math.round(r() * 50)));
    const candidate = Float64Array.from(y, (v) => v + r() * 4 - 2);
    const baseline = Float64Array.from(y, (v) => v + r() * 8 - 4);
    const ids = Int32Array.from({ length: n }, () => Math.floor(r() * 3) - 1);
    const slicing: Slicing = { name: 's', groups: ['a', 'b'], ids };
    const kernel = regressionKernel({ y, candidate, baseline, slicings: [slicing] });
    const w = new Uint8Array(n);
    drawResampleCounts(w, 5, 0);
    compareExpanded(
      kernel,
      slicing,
      w,
      (rows, model) =>
        regressionMetrics(take(y, rows), take(model === 0 ? candidate : baseline, rows)).metrics,
    );
  });

  it("regression r2 on resamples where a group's target happens to be constant (force_finite)", () => {
    // 12 rows, few distinct targets: many resamples of a group draw one target value only.
    const y = Float64Array.of(5, 5, 5, 5, 9, 9, 1e-300, 1e-300, 1e-300, 1, 1, 2e15);
    const candidate = Float64Array.from(y, (v, i) => v + (i % 3) - 1);
    const baseline = Float64Array.from(y, (v, i) => (i % 4 === 0 ? v : v * 1.5));
    const ids = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, -1, 1, 1);
    const slicing: Slicing = { name: 's', groups: ['a', 'b'], ids };
    const kernel = regressionKernel({ y, candidate, baseline, slicings: [slicing] });
    const w = new Uint8Array(y.length);
    for (let b = 0; b < 200; b++) {
      drawResampleCounts(w, 11, b);
      compareExpanded(
        kernel,
        slicing,
        w,
        (rows, model) =>
          regressionMetrics(take(y, rows), take(model === 0 ? candidate : baseline, rows)).metrics,
      );
    }
  });

  it('multiclass = multiclassMetrics of the expanded rows', () => {
    const r = rng(10);
    const n = 250;
    const C = 3;
    const y = Int32Array.from({ length: n }, () => Math.floor(r() * C));
    const proba = () => Float64Array.from({ length: n * C }, () => Math.round(r() * 4) / 4);
    const candidate = proba();
    const baseline = proba();
    const ids = Int32Array.from({ length: n }, () => Math.floor(r() * 3) - 1);
    const slicing: Slicing = { name: 's', groups: ['a', 'b'], ids };
    const kernel = multiclassKernel({ y, candidate, baseline, nClasses: C, slicings: [slicing] });
    const w = new Uint8Array(n);
    drawResampleCounts(w, 6, 3);
    compareExpanded(
      kernel,
      slicing,
      w,
      (rows, model) =>
        multiclassMetrics(take(y, rows), take(model === 0 ? candidate : baseline, rows, C), C)
          .metrics,
    );
  });
});

describe('the Telco holdout', () => {
  it('a real resample of candidate vs baseline = binaryMetrics of the expanded rows', () => {
    const { y, score: candidate } = telco('candidate');
    const { score: baseline } = telco('baseline');
    const none: Slicing = { name: 'none', groups: [], ids: new Int32Array(y.length).fill(-1) };
    const kernel = binaryKernel({ y, candidate, baseline, threshold: 0.5, slicings: [none] });
    const w = new Uint8Array(y.length);
    drawResampleCounts(w, 2024, 999);
    compareExpanded(
      kernel,
      none,
      kernelToRows(kernel, w),
      (rows, model) =>
        binaryMetrics(take(y, rows), take(model === 0 ? candidate : baseline, rows), 0.5).metrics,
    );
  });
});
