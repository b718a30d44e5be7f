/**
 * The paired bootstrap driver: resamples [from, to) of a run, merging, and the summary.
 *
 * Resample b (0 <= b < B) weights the rows with drawResampleCounts(seed, b) (random.ts: the classic
 * multinomial bootstrap, n draws with replacement, made in the kernel's index space — a bijection of
 * the rows, so still uniform draws of rows; kernel.ts) and evaluates the kernel on both models at
 * once, so every resample is paired. Because resample b depends only on (seed, b) and the data, any
 * split of 0..B into shards (threads, processes) merges into exactly the numbers of a single run.
 *
 * Point estimates are the kernel on all weights 1 with compensated sums: exactly the metric
 * functions' values. Resamples use plain sums where the kernel offers them (kernel.ts).
 */
import type { GroupSpec } from './groups.js';
import {
  higherIsBetter,
  orientedDelta,
  type PairedKernel,
  studentizedIndex,
  type Task,
  valuesPerResample,
} from './kernel.js';
import { drawResampleCounts } from './random.js';

/** The raw values of resamples [from, to): values[(b − from)·width + j], j as in kernel.ts. */
export interface BootstrapShard {
  from: number;
  to: number;
  /** Values per resample: groups · metrics · 2. */
  width: number;
  values: Float64Array;
}

/** Resampled values of one metric; index b is resample b; NaN where the metric is undefined. */
export interface PairedSamples {
  candidate: Float64Array;
  baseline: Float64Array;
  /** Oriented: positive = candidate better (kernel.ts). NaN if either side is NaN. */
  delta: Float64Array;
}

export interface MetricBootstrap {
  metric: string;
  higherIsBetter: boolean;
  /** Point estimates on the holdout rows of the group (every weight 1). */
  candidate: number;
  baseline: number;
  delta: number;
  samples: PairedSamples;
  /** Resamples whose delta is NaN (excluded from intervals and p-values). */
  undefinedResamples: number;
  /**
   * A studentized metric's (kernel.ts) standard error of the delta: on the holdout rows, and in
   * each resample (index b). Absent for the others.
   */
  deltaSe?: { point: number; samples: Float64Array };
  /**
   * Large holdouts (asymptotic.ts): no resamples; the standard errors of the candidate's value,
   * the baseline's and the delta from the metric's influence function (influence.ts).
   */
  influence?: { candidate: number; baseline: number; delta: number };
}

export interface GroupBootstrap extends GroupSpec {
  metrics: Record<string, MetricBootstrap>;
}

export interface PairedBootstrap {
  task: Task;
  seed: number;
  resamples: number;
  /** groups[0] is the overall group, then each slicing's groups (groups.ts). */
  groups: GroupBootstrap[];
}

export interface BootstrapOptions {
  /** Number of resamples B (>= 1). */
  resamples: number;
  /** Integer in [0, 2^32). */
  seed: number;
}

/** A metric's point estimates, oriented delta and orientation: what every route shares. */
export function metricHead(
  metric: string,
  candidate: number,
  baseline: number,
): Pick<MetricBootstrap, 'metric' | 'higherIsBetter' | 'candidate' | 'baseline' | 'delta'> {
  return {
    metric,
    higherIsBetter: higherIsBetter(metric),
    candidate,
    baseline,
    delta: orientedDelta(metric, candidate, baseline),
  };
}

/** Computes resamples [from, to) of the run `seed`. */
export function bootstrapShard(
  kernel: PairedKernel,
  seed: number,
  from: number,
  to: number,
): BootstrapShard {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to)) {
    throw new RangeError(`bootstrap shard [${from}, ${to}) is not a range of resample indices`);
  }
  const width = valuesPerResample(kernel);
  const values = new Float64Array((to - from) * width);
  const weights = new Uint8Array(kernel.rows);
  for (let b = from; b < to; b++) {
    drawResampleCounts(weights, seed, b);
    kernel.evaluate(weights, values, (b - from) * width, false);
  }
  return { from, to, width, values };
}

/** Concatenates shards that together cover one contiguous range of resamples (any order). */
export function mergeShards(shards: readonly BootstrapShard[]): BootstrapShard {
  const sorted = [...shards].sort((a, b) => a.from - b.from);
  const first = sorted[0];
  if (first === undefined) throw new RangeError('no bootstrap shard to merge');
  let end = first.from;
  for (const s of sorted) {
    if (s.from !== end) {
      throw new RangeError(`bootstrap shards leave a gap or overlap at resample ${end}`);
    }
    if (s.width !== first.width) throw new RangeError('bootstrap shards of different kernels');
    end = s.to;
  }
  const values = new Float64Array((end - first.from) * first.width);
  for (const s of sorted) values.set(s.values, (s.from - first.from) * first.width);
  return { from: first.from, to: end, width: first.width, values };
}

/** Point estimates (every weight 1, compensated sums), in the kernel's layout. */
export function pointEstimates(kernel: PairedKernel): Float64Array {
  const out = new Float64Array(valuesPerResample(kernel));
  kernel.evaluate(new Uint8Array(kernel.rows).fill(1), out, 0, true);
  return out;
}

/** The per-group, per-metric result of resamples 0..B−1 (`all` must start at resample 0). */
export function summarizeBootstrap(
  kernel: PairedKernel,
  all: BootstrapShard,
  seed: number,
): PairedBootstrap {
  if (all.from !== 0) throw new RangeError('the merged shards must start at resample 0');
  if (all.width !== valuesPerResample(kernel)) throw new RangeError('shards of another kernel');
  const points = pointEstimates(kernel);
  const B = all.to;
  const M = kernel.metrics.length;
  const groups = kernel.groups.map((spec): GroupBootstrap => {
    const metrics: Record<string, MetricBootstrap> = {};
    kernel.metrics.forEach((metric, m) => {
      const j = (spec.index * M + m) * 2;
      const samples: PairedSamples = {
        candidate: new Float64Array(B),
        baseline: new Float64Array(B),
        delta: new Float64Array(B),
      };
      let undefinedResamples = 0;
      for (let b = 0; b < B; b++) {
        const c = all.values[b * all.width + j] as number;
        const r = all.values[b * all.width + j + 1] as number;
        const d = orientedDelta(metric, c, r);
        samples.candidate[b] = c;
        samples.baseline[b] = r;
        samples.delta[b] = d;
        if (Number.isNaN(d)) undefinedResamples++;
      }
      const candidate = points[j] as number;
      const baseline = points[j + 1] as number;
      const s = kernel.studentized.indexOf(metric);
      const k = s < 0 ? -1 : studentizedIndex(kernel, spec.index, s);
      metrics[metric] = {
        ...metricHead(metric, candidate, baseline),
        samples,
        undefinedResamples,
        ...(k < 0
          ? {}
          : {
              deltaSe: {
                point: points[k] as number,
                samples: Float64Array.from(
                  { length: B },
                  (_, b) => all.values[b * all.width + k] as number,
                ),
              },
            }),
      };
    });
    return { ...spec, metrics };
  });
  return { task: kernel.task, seed, resamples: B, groups };
}

/** All B resamples in this thread: bootstrapShard(0, B), then the summary. */
export function pairedBootstrap(kernel: PairedKernel, options: BootstrapOptions): PairedBootstrap {
  const { resamples, seed } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  return summarizeBootstrap(kernel, bootstrapShard(kernel, seed, 0, resamples), seed);
}
