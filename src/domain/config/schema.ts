/**
 * `.model-gate.yml` (or `.json`), version 1: the zod schema and the type of a parsed config.
 *
 * Keys stay snake_case in the parsed config, as in the file and in report.json, so that a key
 * path in an error, in the docs and in code is spelled the same way. Every key but `label` and
 * `models` has a default; the defaults that depend on the task (which may be inferred from the
 * model) are left absent and filled later: `task`, `positive_label`, `features`, `rules` (see
 * rules.ts), `data.holdout` (may come from a flag).
 */
import { z } from 'zod';
import { TASKS } from '../task.js';
import { FLIP_TASKS, METRICS, type MetricName, metricsFor } from './metrics.js';
import { featureList, modelEntry } from './models.js';
import {
  columnName,
  type DriftConfig,
  driftSchema,
  filePath,
  ruleSchema,
  type SliceSpec,
  sliceSchema,
  statisticsSchema,
} from './parts.js';

export const CONFIG_VERSION = 1;

/** `models.baseline: registry` is reserved for the registry's production model; never a path. */
export const REGISTRY_BASELINE = 'registry';

export const ON_INCONCLUSIVE = ['fail', 'pass', 'warn'] as const;
export type OnInconclusive = (typeof ON_INCONCLUSIVE)[number];

const shape = {
  version: z
    .literal(CONFIG_VERSION)
    .default(CONFIG_VERSION)
    .describe('Version of this file’s format; 1'),
  task: z
    .enum(TASKS)
    .optional()
    .describe("binary, multiclass or regression; inferred from the model's outputs when absent"),
  label: columnName.describe('Column of the holdout holding the true label or target'),
  positive_label: z
    .union([z.string().min(1), z.number()])
    .optional()
    .describe("Label value of the positive class (binary); default: the model's second class"),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Predict positive when P(positive) >= threshold (binary), in [0, 1]'),
  features: featureList
    .optional()
    .describe(
      "Column order for a model with one [N, F] input, for both models unless models.<side>.features says otherwise; default: the model's input names",
    ),
  models: z
    .strictObject({
      candidate: modelEntry.describe(
        'The candidate: an ONNX model path, { path, output, scores, features, inputs, batch_size }, or { predictions, scores, id | order, read_as }',
      ),
      baseline: modelEntry.describe(
        "The production model, in the same forms ('registry' is reserved for the registry's production model)",
      ),
    })
    .describe('Paths are relative to the config file'),
  data: z
    .strictObject({
      holdout: filePath
        .optional()
        .describe('Holdout rows (CSV, TSV or Parquet) both models are scored on'),
      reference: filePath
        .optional()
        .describe('Training rows (CSV, TSV or Parquet); enables drift tests'),
    })
    .default(() => ({}))
    .describe('Paths are relative to the config file; the holdout may also come from a flag'),
  cards: z
    .strictObject({
      candidate: filePath.optional().describe("The candidate's model card (model-card.yml)"),
      baseline: filePath.optional().describe("The baseline's model card (model-card.yml)"),
    })
    .default(() => ({}))
    .describe(
      'Model cards (YAML) for the card diff; default: <model>.card.yml beside each model, if it exists',
    ),
  rules: z
    .array(ruleSchema)
    .min(1)
    .optional()
    .describe(
      'What the candidate must satisfy; default: a non-inferiority margin of 0.01 on roc_auc (binary), f1_macro (multiclass) or r2 (regression)',
    ),
  slices: z
    .array(sliceSchema)
    .default(() => [])
    .describe('Subgroups to report: a column name (one slice per value) or { column, bins, name }'),
  min_slice_size: z
    .int()
    .min(1)
    .default(100)
    .describe(
      'Slices with fewer holdout rows are reported as too small and never gated (metrics with a bootstrap interval need 300)',
    ),
  drift: driftSchema,
  statistics: statisticsSchema,
  on_inconclusive: z
    .enum(ON_INCONCLUSIVE)
    .default('fail')
    .describe("Verdict when an interval straddles a rule's bound: fail, pass or warn"),
};

type Shape = z.output<z.ZodObject<typeof shape>>;
type AddIssue = (path: (string | number)[], message: string, hint?: string) => void;

/** A rule's bound points the metric's way; slices: true needs slices. */
function checkRules(config: Shape, issue: AddIssue): void {
  (config.rules ?? []).forEach((rule, i) => {
    if ('slices' in rule && rule.slices && config.slices.length === 0) {
      issue(
        ['rules', i, 'slices'],
        'is true, but the config lists no slices',
        'List them at the top level (slices: [Contract, ...]), or remove slices: true.',
      );
    }
    if ('min' in rule && METRICS[rule.metric].better === 'lower') {
      issue(
        ['rules', i, 'min'],
        `is a floor, but ${rule.metric} is lower-is-better`,
        `Write max: ${rule.min} for a ceiling.`,
      );
    }
    if ('max' in rule && METRICS[rule.metric].better === 'higher') {
      issue(
        ['rules', i, 'max'],
        `is a ceiling, but ${rule.metric} is higher-is-better`,
        `Write min: ${rule.max} for a floor.`,
      );
    }
  });
}

/** Every rule's metric is computed for the task given, or, with none given, for one task. */
function checkTask(config: Shape, issue: AddIssue): void {
  const rules = config.rules ?? [];
  const tasks = rules.map((rule) =>
    'metric' in rule ? METRICS[rule.metric].tasks : 'flips' in rule ? FLIP_TASKS : TASKS,
  );
  const common = TASKS.filter((task) => tasks.every((t) => t.includes(task)));
  const task = config.task;
  if (task !== undefined && !common.includes(task)) {
    const index = tasks.findIndex((t) => !t.includes(task));
    const rule = rules[index];
    if (rule && 'metric' in rule) {
      issue(
        ['rules', index, 'metric'],
        `'${rule.metric}' is not a ${task} metric (it is computed for ${METRICS[rule.metric].tasks.join(' and ')})`,
        `The ${task} metrics: ${metricsFor(task).join(', ')}.`,
      );
    } else {
      issue(['rules', index, 'flips'], 'apply to classification, but task is regression');
    }
  } else if (common.length === 0) {
    const named = rules.map((rule, i) => {
      const what =
        'metric' in rule ? rule.metric : 'flips' in rule ? 'flips' : Object.keys(rule)[0];
      return `${what} (${(tasks[i] ?? []).join(' or ')}) in rules[${i}]`;
    });
    issue(['rules'], `name metrics that no one task computes: ${named.join(', ')}`);
  }
}

/** Slice names are unique: the report and per-slice verdicts are keyed by them. */
function checkSliceNames(config: Shape, issue: AddIssue): void {
  const names = new Map<string, number>();
  config.slices.forEach((slice, i) => {
    const first = names.get(slice.name);
    if (first === undefined) names.set(slice.name, i);
    else {
      issue(
        ['slices', i],
        `repeats the slice name '${slice.name}' of slices[${first}]`,
        'Give one of them its own name, e.g. { column: tenure, bins: [0, 12, 72], name: tenure_band }.',
      );
    }
  });
}

/** Checks across keys; zod runs them once every key has the right shape. */
function crossCheck(config: Shape, ctx: z.RefinementCtx): void {
  const issue: AddIssue = (path, message, hint) =>
    ctx.addIssue({ code: 'custom', path, message, ...(hint ? { params: { hint } } : {}) });
  checkRules(config, issue);
  checkTask(config, issue);
  checkSliceNames(config, issue);
}

export const gateConfigSchema = z
  .strictObject(shape)
  .superRefine(crossCheck)
  .describe('model-gate configuration (.model-gate.yml)');

/** A parsed config with its defaults filled in; keys are snake_case, as in the file. */
export type GateConfig = z.output<typeof gateConfigSchema>;
/** What a config file may hold (before defaults). */
export type GateConfigInput = z.input<typeof gateConfigSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type { DriftConfig, MetricName, SliceSpec };
export type StatisticsConfig = GateConfig['statistics'];
