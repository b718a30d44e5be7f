/**
 * Floors and ceilings on one model's metrics (`evaluate --min roc_auc=0.8 --max log_loss=0.5`),
 * for a scheduled job that must fail when a model in production got worse, e.g. outcome
 * tracking once labels arrive. Judged on the point estimate: the report says on how many rows.
 */
import { METRICS, type MetricName } from './config/metrics.js';
import { InputError } from './errors.js';
import { closest } from './text.js';

export interface MetricCheck {
  readonly metric: string;
  readonly bound: 'min' | 'max';
  readonly limit: number;
  /** null when the metric is undefined on these rows (e.g. roc_auc with one class). */
  readonly value: number | null;
  readonly passed: boolean;
}

/** "roc_auc=0.8,f1=0.5" → [metric, limit] pairs; `flag` names the flag in errors. */
export function parseBounds(raw: string, flag: string): [string, number][] {
  return raw
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [name = '', value = ''] = part.split('=').map((s) => s.trim());
      const limit = Number(value);
      if (name === '' || value === '' || !Number.isFinite(limit)) {
        throw new InputError(
          `${flag} '${raw}': '${part.trim()}' is not METRIC=VALUE`,
          `e.g. ${flag} roc_auc=0.8,f1=0.5`,
        );
      }
      return [name, limit];
    });
}

export function checkMetrics(
  metrics: Readonly<Record<string, number>>,
  bounds: { readonly min: readonly [string, number][]; readonly max: readonly [string, number][] },
): MetricCheck[] {
  const check =
    (bound: 'min' | 'max') =>
    ([metric, limit]: [string, number]): MetricCheck => {
      const flag = `--${bound}`;
      if (!Object.hasOwn(METRICS, metric)) {
        const near = closest(metric, Object.keys(metrics), 1)[0];
        throw new InputError(
          `${flag} names '${metric}', which is not a metric`,
          near ? `Did you mean '${near}'?` : `Metrics: ${Object.keys(metrics).join(', ')}.`,
        );
      }
      if (!Object.hasOwn(metrics, metric)) {
        throw new InputError(
          `${flag} names '${metric}', which this task does not compute (it computes ${Object.keys(metrics).join(', ')})`,
        );
      }
      const better = METRICS[metric as MetricName].better;
      if ((bound === 'min') !== (better === 'higher')) {
        throw new InputError(
          `${flag} ${metric}=${limit}: ${metric} is ${better}-is-better, so a ${bound === 'min' ? 'floor' : 'ceiling'} on it never fails a worse model`,
          `Use --${bound === 'min' ? 'max' : 'min'} ${metric}=${limit}.`,
        );
      }
      const raw = metrics[metric] as number;
      const value = Number.isFinite(raw) ? raw : null;
      const passed = value !== null && (bound === 'min' ? value >= limit : value <= limit);
      return { metric, bound, limit, value, passed };
    };
  return [...bounds.min.map(check('min')), ...bounds.max.map(check('max'))];
}

/** Names and directions checked before any model runs (the task is not known yet). */
export function validateBounds(bounds: Parameters<typeof checkMetrics>[1]): void {
  checkMetrics(Object.fromEntries(Object.keys(METRICS).map((name) => [name, Number.NaN])), bounds);
}
