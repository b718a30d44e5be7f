/**
 * Serving latency of a model, for the contract diff: session.run on one batch of holdout rows,
 * repeated, after warm-up runs (the first run allocates and plans). p50 and p95 are the
 * 'linear' percentiles (numpy.percentile's default) of the timed runs, in milliseconds. A model
 * with a fixed batch is timed on the batch it takes (padded when the table has fewer rows).
 */
import type { Table } from '../data/table.js';
import { type LatencyRounds, percentile } from '../domain/stats/index.js';
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

/**
 * The feeds of one batch of the table's first rows, as the model takes it: `batchRows` rows (fewer
 * when the table has fewer), or a fixed batch's own size, padded. Null for an empty table.
 */
export function firstBatch(
  model: LoadedModel,
  plans: readonly InputPlan[],
  batch: BatchPlan,
  table: Table,
  batchRows: number,
): { readonly feeds: ReturnType<typeof buildFeeds>; readonly fed: number } | null {
  const rows = Math.min(batch.fixed ? batch.size : batchRows, table.rows);
  if (rows === 0) return null;
  const fed = batch.fixed ? batch.size : rows;
  return { feeds: buildFeeds(plans, table, 0, rows, model.ort, fed), fed };
}

export async function measureLatency(
  model: LoadedModel,
  plans: readonly InputPlan[],
  table: Table,
  output: string,
  options: LatencyOptions & { readonly batch: BatchPlan },
): Promise<Latency | null> {
  const { batch } = options;
  const first = options.runs < 1 ? null : firstBatch(model, plans, batch, table, options.batchRows);
  if (first === null) return null;
  const { feeds, fed } = first;
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

/** A model as a latency rule times it: its session, its inputs' plans, the output it reads. */
export interface TimedModel {
  readonly model: LoadedModel;
  readonly plans: readonly InputPlan[];
  readonly output: string;
  readonly batch: BatchPlan;
}

export interface RoundsOptions {
  /** Rows per session.run (a model with a fixed batch takes its own). */
  readonly batchRows: number;
  readonly warmup: number;
  readonly minRounds: number;
  readonly maxRounds: number;
  /** Time the rounds may take, about; between minRounds and maxRounds. */
  readonly budgetMs: number;
  readonly now: () => number;
  /** Called after each round, for progress lines on slow models. */
  readonly onRound?: (done: number, total: number) => void;
}

/** Distinct batches of holdout rows the rounds cycle through, so no one row's path is timed alone. */
const BATCHES = 32;

/**
 * Interleaved timings of two models at one batch size: after `warmup` runs of each, rounds of one
 * session.run of each back to back — candidate first in even rounds, baseline first in odd ones —
 * on the same rows, cycling through up to 32 batches of the holdout. As many rounds as fit the
 * budget (estimated from the warm-up), within [minRounds, maxRounds]. Times in milliseconds.
 */
export async function measureRounds(
  candidate: TimedModel,
  baseline: TimedModel,
  table: Table,
  options: RoundsOptions,
): Promise<LatencyRounds & { readonly batchRows: number; readonly warmupMs: number }> {
  const rows = Math.max(1, Math.min(options.batchRows, table.rows));
  const batches = Math.max(1, Math.min(BATCHES, Math.floor(table.rows / rows)));
  const feedsOf = (m: TimedModel) =>
    Array.from({ length: batches }, (_, k) => {
      const size = m.batch.fixed ? m.batch.size : rows;
      const start = k * rows;
      const end = Math.min(table.rows, start + Math.min(rows, size));
      return buildFeeds(m.plans, table, start, end, m.model.ort, size);
    });
  const feeds = { candidate: feedsOf(candidate), baseline: feedsOf(baseline) };
  type Feeds = ReturnType<typeof buildFeeds>;
  const run = async (m: TimedModel, f: Feeds) => {
    const t = options.now();
    await m.model.session.run(f, [m.output]);
    return options.now() - t;
  };
  let warm = 0;
  for (let i = 0; i < options.warmup; i++) {
    warm += await run(candidate, feeds.candidate[i % batches] as Feeds);
    warm += await run(baseline, feeds.baseline[i % batches] as Feeds);
  }
  const perRound = options.warmup > 0 ? warm / options.warmup : 1;
  const total = Math.max(
    options.minRounds,
    Math.min(options.maxRounds, Math.floor(options.budgetMs / Math.max(perRound, 1e-3))),
  );
  const c = new Float64Array(total);
  const b = new Float64Array(total);
  for (let r = 0; r < total; r++) {
    const k = r % batches;
    if (r % 2 === 0) {
      c[r] = await run(candidate, feeds.candidate[k] as Feeds);
      b[r] = await run(baseline, feeds.baseline[k] as Feeds);
    } else {
      b[r] = await run(baseline, feeds.baseline[k] as Feeds);
      c[r] = await run(candidate, feeds.candidate[k] as Feeds);
    }
    options.onRound?.(r + 1, total);
  }
  return { candidate: c, baseline: b, batchRows: rows, warmupMs: warm };
}
