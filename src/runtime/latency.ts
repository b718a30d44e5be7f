/**
 * Serving latency of a model, for the contract diff: session.run on one batch of holdout rows,
 * repeated, after warm-up runs (the first run allocates and plans). p50 and p95 are the
 * 'linear' percentiles (numpy.percentile's default) of the timed runs, in milliseconds. A model
 * with a fixed batch is timed on the batch it takes (padded when the table has fewer rows).
 */
import type { Table } from '../data/table.js';
import { percentile } from '../domain/stats/index.js';
import { type BatchPlan, buildFeeds, type InputPlan } from './feeds.js';
import type { LoadedModel } from './model.js';

export interface Latency {
  readonly batchRows: number;
  /** The batch is the model's fixed one. */
  readonly fixed: boolean;
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface LatencyOptions {
  /** Rows per batch: the first rows of the table (fewer if it has fewer). */
  readonly batchRows: number;
  readonly runs: number;
  readonly warmup: number;
  readonly now: () => number;
}

export const DEFAULT_LATENCY: Omit<LatencyOptions, 'now'> = { batchRows: 256, runs: 30, warmup: 3 };

export async function measureLatency(
  model: LoadedModel,
  plans: readonly InputPlan[],
  table: Table,
  output: string,
  options: LatencyOptions & { readonly batch: BatchPlan },
): Promise<Latency | null> {
  const { batch } = options;
  const rows = Math.min(batch.fixed ? batch.size : options.batchRows, table.rows);
  if (rows === 0 || options.runs < 1) return null;
  const fed = batch.fixed ? batch.size : rows;
  const feeds = buildFeeds(plans, table, 0, rows, model.ort, fed);
  for (let i = 0; i < options.warmup; i++) await model.session.run(feeds, [output]);
  const times = new Float64Array(options.runs);
  for (let i = 0; i < options.runs; i++) {
    const t = options.now();
    await model.session.run(feeds, [output]);
    times[i] = options.now() - t;
  }
  return {
    batchRows: fed,
    fixed: batch.fixed,
    runs: options.runs,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
  };
}
