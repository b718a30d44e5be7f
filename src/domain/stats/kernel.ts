/**
 * The contract between the bootstrap driver and a task's metric kernel, and the metric catalogue.
 *
 * A kernel evaluates every metric of both models on every group under one vector of integer
 * weights and writes the values into a flat array, candidate and baseline side by side. weights[k]
 * is the weight of holdout row order[k] (the kernel's own index space, which lets the binary kernel
 * read weights in score order without a gather; identity when `order` is null); the weighted sample
 * is the holdout with that row repeated weights[k] times. Output:
 *   out[offset + (g·M + m)·2 + 0] = candidate's metric m on group g
 *   out[offset + (g·M + m)·2 + 1] = baseline's  metric m on group g
 * NaN where the metric is undefined on that weighted sample (empty group, one class for roc_auc,
 * fewer than 2 rows for r2). Then, for the kernel's `studentized` metrics — means of per-row losses
 * — the standard error of the oriented delta on the same weighted sample, S = their number:
 *   out[offset + G·M·2 + g·S + s] = √(var_w(d) / W),  d_i = the row's oriented loss difference,
 *   var_w(d) = (Σ w·d² − W·d̄²)/(W − 1), W = Σ w over the group (NaN for W < 2)
 * which the studentized bootstrap (bootstrap-t, interval.ts) divides each resample's delta by.
 *
 * Delta orientation: delta = candidate − baseline for a metric where higher is better, and
 * baseline − candidate where lower is better (log_loss, brier, mae, mse, rmse, mape), so a positive
 * delta always means the candidate is better.
 */
import type { GroupSpec } from './groups.js';

export type Task = 'binary' | 'multiclass' | 'regression';

export interface PairedKernel {
  readonly task: Task;
  /** Rows of the holdout (= length of a weight vector). */
  readonly rows: number;
  /** weights[k] weighs holdout row order[k]; null means row k. A bijection of 0..rows−1. */
  readonly order: Int32Array | null;
  /** Metric names (scikit-learn's), in output order. */
  readonly metrics: readonly string[];
  /** Groups, in output order; groups[0] is the overall group. */
  readonly groups: readonly GroupSpec[];
  /** Metrics that are means of per-row losses, whose delta's standard error follows (above). */
  readonly studentized: readonly string[];
  /**
   * Writes groups·metrics·2 values at `offset` (layout above) for row weights `weights`.
   * `compensated` = true sums every float term with Neumaier's algorithm in row order, as the
   * metric functions do (with all weights 1 the values are theirs, bit for bit); false lets a kernel
   * use plain sums where that is faster (relative difference ~1e-13 at 1M rows).
   */
  evaluate(weights: Uint8Array, out: Float64Array, offset: number, compensated: boolean): void;
}

/** Metrics whose smaller value is better; their delta is baseline − candidate. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  'log_loss',
  'brier',
  'mae',
  'mse',
  'rmse',
  'mape',
]);

export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** The delta of a metric, oriented so that positive means the candidate is better. */
export function orientedDelta(metric: string, candidate: number, baseline: number): number {
  return higherIsBetter(metric) ? candidate - baseline : baseline - candidate;
}

/** Metrics each kernel bootstraps, in output order. */
export const BINARY_BOOTSTRAP_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier',
] as const;

export const MULTICLASS_BOOTSTRAP_METRICS = [
  'accuracy',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'log_loss',
] as const;

export const REGRESSION_BOOTSTRAP_METRICS = ['mae', 'mse', 'rmse', 'r2', 'mape'] as const;

/** Number of values one evaluation writes: metric values, then studentized standard errors. */
export function valuesPerResample(kernel: PairedKernel): number {
  return kernel.groups.length * (kernel.metrics.length * 2 + kernel.studentized.length);
}

/** Where group g's standard error of studentized metric s sits in one evaluation's output. */
export function studentizedIndex(kernel: PairedKernel, g: number, s: number): number {
  return kernel.groups.length * kernel.metrics.length * 2 + g * kernel.studentized.length + s;
}
