/**
 * With every weight 1 the bootstrap kernels ARE the metric functions: the point estimates
 * (compensated sums, row order) equal binaryMetrics / multiclassMetrics / regressionMetrics of
 * src/domain/metrics (themselves checked against scikit-learn 1.2.1) bit for bit, on every group of
 * every slicing (the metric functions applied to that group's rows). The resample mode (plain sums)
 * gives the same numbers to 1e-12 relative. Data: the real Telco and California predictions.
 */
import { describe, expect, it } from 'vitest';
import {
  binaryMetrics,
  multiclassMetrics,
  regressionMetrics,
} from '../../../src/domain/metrics/index.js';
import {
  binaryKernel,
  binaryPoints,
  multiclassKernel,
  type PairedKernel,
  pointEstimates,
  regressionKernel,
  regressionPoints,
  type Slicing,
} from '../../../src/domain/stats/index.js';
import { expectClose, rng } from '../../support/reference.js';
import { housing, housingSlicing, type TelcoModel, telco, telcoSlicing } from './support.js';

/** Rows of a kernel group: all rows for group 0, else the rows of that slicing's group. */
function groupRows(kernel: PairedKernel, slicings: readonly Slicing[], g: number): number[] {
  const spec = kernel.groups[g];
  if (spec === undefined) throw new Error(`no group ${g}`);
  const all = Array.from({ length: kernel.rows }, (_, i) => i);
  if (spec.slicing === null) return all;
  const s = slicings.find((x) => x.name === spec.slicing) as Slicing;
  const id = s.groups.indexOf(spec.group);
  return all.filter((i) => s.ids[i] === id);
}

function pick<T extends Float64Array | Uint8Array | Int32Array>(
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

/** Checks every (group, metric, model) value of `kernel` against `reference(rows, model)`. */
function checkKernel(
  kernel: PairedKernel,
  slicings: readonly Slicing[],
  reference: (rows: number[], model: number) => Record<string, number> | null,
): void {
  const exact = pointEstimates(kernel);
  const fast = new Float64Array(exact.length);
  kernel.evaluate(new Uint8Array(kernel.rows).fill(1), fast, 0, false);
  const M = kernel.metrics.length;
  kernel.groups.forEach((spec, g) => {
    const rows = groupRows(kernel, slicings, g);
    expect(rows.length).toBe(spec.rows);
    for (let model = 0; model < 2; model++) {
      const expected = rows.length === 0 ? null : reference(rows, model);
      kernel.metrics.forEach((metric, m) => {
        const at = (g * M + m) * 2 + model;
        const want = expected === null ? Number.NaN : (expected[metric] as number);
        const what = `${spec.slicing ?? ''}/${spec.group} ${metric} model ${model}`;
        expect(exact[at], what).toBe(want);
        expectClose(fast[at] as number, Number.isNaN(want) ? null : want, `${what} (plain sums)`);
      });
    }
  });
}

/** A slicing with an empty group, a one-row group and rows in no group (id −1). */
function awkwardSlicing(n: number): Slicing {
  const ids = Int32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? -1 : i % 2));
  ids[5] = 3;
  return { name: 'awkward', groups: ['even', 'odd', 'empty', 'single'], ids };
}

describe.each<[TelcoModel, TelcoModel]>([
  ['candidate', 'baseline'],
  ['candidate', 'candidate_worse'],
  ['baseline', 'candidate'],
])('binary kernel, Telco %s vs %s', (cand, base) => {
  const { y, score: candidate } = telco(cand);
  const { score: baseline } = telco(base);
  const slicings = [
    telcoSlicing('Contract'),
    telcoSlicing('InternetService'),
    awkwardSlicing(y.length),
  ];

  it.each([0.5, 0.3])(
    'threshold %s: point estimates = binaryMetrics on each group, bit for bit',
    (t) => {
      const kernel = binaryKernel({ y, candidate, baseline, threshold: t, slicings });
      checkKernel(kernel, slicings, (rows, model) => {
        const ys = pick(y, rows);
        const s = pick(model === 0 ? candidate : baseline, rows);
        // binaryMetrics refuses nothing here; roc_auc is NaN for a one-class group, as in the kernel.
        return binaryMetrics(ys, s, t).metrics;
      });
      // The influence route's point estimates (points.ts) skip the kernel: the same bits.
      const points = binaryPoints({ y, candidate, baseline, threshold: t, slicings });
      expect(points.metrics).toEqual(kernel.metrics);
      expect(points.groups).toEqual(kernel.groups);
      expect(Array.from(points.values)).toEqual(Array.from(pointEstimates(kernel)));
    },
  );
});

describe('regression kernel, California candidate vs baseline', () => {
  const { y, pred: candidate } = housing('candidate');
  const { pred: baseline } = housing('baseline');
  const slicings = [housingSlicing('ocean_proximity'), awkwardSlicing(y.length)];

  it('point estimates = regressionMetrics on each group, bit for bit', () => {
    const kernel = regressionKernel({ y, candidate, baseline, slicings });
    checkKernel(
      kernel,
      slicings,
      (rows, model) =>
        regressionMetrics(pick(y, rows), pick(model === 0 ? candidate : baseline, rows)).metrics,
    );
    // The influence route's point estimates (points.ts) skip the kernel: the same bits.
    // (The kernel's evaluation then writes the studentized standard errors: not points.)
    const points = regressionPoints({ y, candidate, baseline, slicings });
    expect(points.metrics).toEqual(kernel.metrics);
    expect(points.groups).toEqual(kernel.groups);
    expect(Array.from(points.values)).toEqual(
      Array.from(pointEstimates(kernel).subarray(0, points.values.length)),
    );
  });

  it('r2 of a constant-target group follows force_finite (metrics/regression.ts)', () => {
    const yc = Float64Array.of(2, 2, 2, 5, 7);
    const kernel = regressionKernel({
      y: yc,
      candidate: Float64Array.of(2, 2, 2, 4, 7),
      baseline: Float64Array.of(1, 2, 3, 5, 7),
      slicings: [{ name: 'k', groups: ['const', 'rest'], ids: Int32Array.of(0, 0, 0, 1, 1) }],
    });
    const v = pointEstimates(kernel);
    const r2 = (g: number, model: number) => v[(g * 5 + 3) * 2 + model];
    expect([r2(1, 0), r2(1, 1)]).toEqual([1, 0]);
  });
});

describe('multiclass kernel, 3 and 4 classes (seeded probabilities)', () => {
  it.each([3, 4])('%s classes: point estimates = multiclassMetrics on each group', (C) => {
    const r = rng(C);
    const n = 400;
    const y = Int32Array.from({ length: n }, () => Math.floor(r() * C));
    const probs = () => {
      const p = new Float64Array(n * C);
      for (let i = 0; i < n; i++) {
        let total = 0;
        for (let c = 0; c < C; c++) {
          const v = r() + (c === y[i] ? 0.8 : 0) + (i % 13 === 0 ? 1e-20 : 0);
          p[i * C + c] = v;
          total += v;
        }
        for (let c = 0; c < C; c++) p[i * C + c] = (p[i * C + c] as number) / total;
      }
      return p;
    };
    const candidate = probs();
    const baseline = probs();
    const thirds: Slicing = {
      name: 'thirds',
      groups: ['0', '1'],
      ids: Int32Array.from({ length: n }, (_, i) => (i % 3) - 1),
    };
    const slicings = [awkwardSlicing(n), thirds];
    const kernel = multiclassKernel({ y, candidate, baseline, nClasses: C, slicings });
    checkKernel(
      kernel,
      slicings,
      (rows, model) =>
        multiclassMetrics(pick(y, rows), pick(model === 0 ? candidate : baseline, rows, C), C)
          .metrics,
    );
  });
});
