/**
 * The metrics a gate rule may name: scikit-learn's names, as the metrics module computes them,
 * with the tasks that compute each and the direction that counts as better. The direction gives
 * `max_drop` and `min_delta` their sign: for a lower-is-better metric such as log_loss, a drop
 * is an increase.
 */
import type { Task } from '../task.js';

export interface MetricInfo {
  readonly tasks: readonly Task[];
  readonly better: 'higher' | 'lower';
}

const CLASSIFICATION: readonly Task[] = ['binary', 'multiclass'];

const DEFINITIONS = {
  accuracy: { tasks: CLASSIFICATION, better: 'higher' },
  precision: { tasks: ['binary'], better: 'higher' },
  recall: { tasks: ['binary'], better: 'higher' },
  f1: { tasks: ['binary'], better: 'higher' },
  roc_auc: { tasks: ['binary'], better: 'higher' },
  average_precision: { tasks: ['binary'], better: 'higher' },
  log_loss: { tasks: CLASSIFICATION, better: 'lower' },
  brier: { tasks: ['binary'], better: 'lower' },
  ece: { tasks: ['binary'], better: 'lower' },
  precision_macro: { tasks: ['multiclass'], better: 'higher' },
  recall_macro: { tasks: ['multiclass'], better: 'higher' },
  f1_macro: { tasks: ['multiclass'], better: 'higher' },
  precision_weighted: { tasks: ['multiclass'], better: 'higher' },
  recall_weighted: { tasks: ['multiclass'], better: 'higher' },
  f1_weighted: { tasks: ['multiclass'], better: 'higher' },
  roc_auc_ovr: { tasks: ['multiclass'], better: 'higher' },
  mae: { tasks: ['regression'], better: 'lower' },
  mse: { tasks: ['regression'], better: 'lower' },
  rmse: { tasks: ['regression'], better: 'lower' },
  r2: { tasks: ['regression'], better: 'higher' },
  mape: { tasks: ['regression'], better: 'lower' },
  max_error: { tasks: ['regression'], better: 'lower' },
  median_absolute_error: { tasks: ['regression'], better: 'lower' },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof DEFINITIONS;

export const METRICS: Readonly<Record<MetricName, MetricInfo>> = DEFINITIONS;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function metricsFor(task: Task): MetricName[] {
  return METRIC_NAMES.filter((name) => METRICS[name].tasks.includes(task));
}

/** Flips (rows whose prediction went from right to wrong) need a class prediction per row. */
export const FLIP_TASKS: readonly Task[] = CLASSIFICATION;

/** Deltas are oriented so that positive means the candidate is better: candidate − baseline, or the reverse for lower-is-better metrics. */
export function orientedDelta(metric: MetricName, candidate: number, baseline: number): number {
  return METRICS[metric].better === 'lower' ? baseline - candidate : candidate - baseline;
}

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}
