/**
 * Rules once the task is known: the defaults when the config gives none, and the check that
 * every metric a rule names is computed for the task (which may have been inferred).
 */
import { InputError } from '../errors.js';
import type { Task } from '../task.js';
import { closest } from '../text.js';
import { FLIP_TASKS, METRICS, metricsFor } from './metrics.js';
import type { GateConfig, Rule } from './schema.js';

export type RuleKind =
  | 'min'
  | 'max'
  | 'max_drop'
  | 'min_delta'
  | 'flips'
  | 'latency_p95'
  | 'latency_ratio'
  | 'memory_peak'
  | 'memory_ratio'
  | 'size';

export function ruleKind(rule: Rule): RuleKind {
  if ('min' in rule) return 'min';
  if ('max' in rule) return 'max';
  if ('flips' in rule) return 'flips';
  if ('latency' in rule) return rule.latency.p95_ms ? 'latency_p95' : 'latency_ratio';
  if ('memory' in rule) return rule.memory.peak_mb ? 'memory_peak' : 'memory_ratio';
  if ('size_mb' in rule) return 'size';
  return 'max_drop' in rule.vs_baseline ? 'max_drop' : 'min_delta';
}

/** A rule on what serving the model costs (latency, memory, size) rather than on its predictions. */
export type ServingRule = Extract<
  Rule,
  { latency: unknown } | { memory: unknown } | { size_mb: unknown }
>;

export function isServingRule(rule: Rule): rule is ServingRule {
  return 'latency' in rule || 'memory' in rule || 'size_mb' in rule;
}

/**
 * Without rules, the candidate must not be worse than the baseline by more than 0.01 on one
 * threshold-free, scale-free metric of the task.
 */
export function defaultRules(task: Task): Rule[] {
  const metric = task === 'binary' ? 'roc_auc' : task === 'multiclass' ? 'f1_macro' : 'r2';
  return [{ metric, vs_baseline: { max_drop: 0.01 }, slices: false }];
}

/** The rules to apply for `task`; throws when a rule names a metric the task does not compute. */
export function rulesFor(config: GateConfig, task: Task, source: string): Rule[] {
  if (config.rules === undefined) return defaultRules(task);
  const names = metricsFor(task);
  config.rules.forEach((rule, i) => {
    if (isServingRule(rule)) return;
    if (!('metric' in rule)) {
      if (!FLIP_TASKS.includes(task)) {
        throw new InputError(
          `${source}: rules[${i}] limits flips, but the task is ${task}: flips need class predictions`,
          'Remove the flips rule for a regression model.',
        );
      }
      return;
    }
    if (METRICS[rule.metric].tasks.includes(task)) return;
    const near = closest(rule.metric, names, 1)[0];
    throw new InputError(
      `${source}: rules[${i}].metric '${rule.metric}' is not computed for a ${task} model${near ? `; did you mean '${near}'?` : ''}`,
      `The ${task} metrics: ${names.join(', ')}.`,
    );
  });
  return config.rules;
}
