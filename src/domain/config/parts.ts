/**
 * The pieces of `.model-gate.yml`: rules, slices, drift and statistics. Each object is strict (an
 * unknown key is an error) and each output is itself a valid input, so a parsed config can be
 * overridden and validated again (see applyOverrides).
 */
import { z } from 'zod';
import { METRIC_NAMES } from './metrics.js';

/** A column of the holdout (and reference) data. */
export const columnName = z.string().min(1);

/** A file path; relative paths are resolved against the config file's folder when it is read. */
export const filePath = z.string().min(1);

const metric = z.enum(METRIC_NAMES).meta({
  id: 'gate_config.metric',
  description: 'Metric name, as scikit-learn spells it (roc_auc, f1, log_loss, rmse, r2, ...)',
});

const ruleSlices = z
  .boolean()
  .default(false)
  .describe(
    'Also apply the rule to every slice with at least min_slice_size rows (default false: slices are reported, not gated)',
  );

export const minRule = z
  .strictObject({
    metric,
    min: z.number().describe("The candidate's metric must be at least this"),
    slices: ruleSlices,
  })
  .describe('Absolute floor for a higher-is-better metric');

export const maxRule = z
  .strictObject({
    metric,
    max: z.number().describe("The candidate's metric must be at most this"),
    slices: ruleSlices,
  })
  .describe('Absolute ceiling for a lower-is-better metric');

const maxDrop = z
  .strictObject({
    max_drop: z
      .number()
      .min(0)
      .describe(
        'Non-inferiority margin: the candidate may be worse than the baseline by at most this, in the metric’s own units (for a lower-is-better metric, worse is higher)',
      ),
  })
  .describe('Pass unless the candidate is worse than the baseline by more than max_drop');

const minDelta = z
  .strictObject({
    min_delta: z
      .number()
      .min(0)
      .describe(
        'Superiority margin: the candidate must beat the baseline by at least this (0: at least as good)',
      ),
  })
  .describe('Pass only if the candidate beats the baseline by at least min_delta');

export const vsBaselineRule = z
  .strictObject({
    metric,
    vs_baseline: z
      .union([maxDrop, minDelta])
      .describe('Compare with the baseline on the same rows: one of max_drop or min_delta'),
    slices: ruleSlices,
  })
  .describe('Paired comparison of the candidate with the baseline');

export const flipsRule = z
  .strictObject({
    flips: z
      .strictObject({
        max_negative_rate: z
          .number()
          .min(0)
          .max(1)
          .describe(
            'Largest share of rows the baseline predicts right and the candidate wrong, in [0, 1]',
          ),
      })
      .describe('Rows whose predicted class changes between baseline and candidate'),
    slices: ruleSlices,
  })
  .describe('Limit on negative flips (classification)');

/** Rows per session.run of a latency or memory rule. */
const servingBatch = z
  .number()
  .int()
  .min(1)
  .max(65_536)
  .default(1)
  .describe('Rows per session.run, as the model is served (default 1)');

/** A latency or memory rule takes one limit: its own ceiling (`own: { max }`) or vs_baseline. */
function oneLimit(own: string) {
  return (limits: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = [own, 'vs_baseline'].filter((k) => limits[k] !== undefined && limits[k] !== null);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? `needs one limit: ${own}: { max } or vs_baseline: { max_ratio }`
            : `has two limits: write ${own} and vs_baseline as two rules`,
      });
    }
  };
}

const latencyLimits = z
  .strictObject({
    p95_ms: z
      .strictObject({
        max: z.number().positive().describe("The candidate's p95 run time must be at most this"),
      })
      .optional()
      .describe("Ceiling on the candidate's 95th-percentile session.run time, in milliseconds"),
    vs_baseline: z
      .strictObject({
        max_ratio: z
          .number()
          .positive()
          .describe('The candidate may be at most this many times slower (1.2: 20% slower)'),
      })
      .optional()
      .describe('Ceiling on median(candidate) / median(baseline) session.run time'),
    batch: servingBatch,
  })
  .superRefine(oneLimit('p95_ms'));

export const latencyRule = z
  .strictObject({ latency: latencyLimits })
  .describe(
    'Limit on serving latency, measured with warm-up on interleaved runs of both models at one batch size, judged on a bootstrap interval',
  );

const memoryLimits = z
  .strictObject({
    peak_mb: z
      .strictObject({
        max: z
          .number()
          .positive()
          .describe("The candidate's session may need at most this much memory at its peak (MiB)"),
      })
      .optional()
      .describe(
        "Ceiling on the memory the candidate's session adds at its peak, loading and running, in MiB",
      ),
    vs_baseline: z
      .strictObject({
        max_ratio: z
          .number()
          .positive()
          .describe('The candidate may need at most this many times the memory (1.5: 50% more)'),
      })
      .optional()
      .describe("Ceiling on the candidate's peak session memory / the baseline's"),
    batch: servingBatch,
  })
  .superRefine(oneLimit('peak_mb'));

export const memoryRule = z
  .strictObject({ memory: memoryLimits })
  .describe(
    "Limit on a session's peak memory: each model loaded and run in a process of its own, its peak resident memory over the process's before the model",
  );

export const sizeRule = z
  .strictObject({
    size_mb: z
      .strictObject({
        max: z.number().positive().describe("The candidate's file must be at most this (MiB)"),
      })
      .describe('Ceiling on the ONNX file size in MiB (2^20 bytes)'),
  })
  .describe("Limit on the candidate's file size");

/** The forms of a rule, by the key that tells them apart: a rule has exactly one of these. */
export const RULE_FORMS = {
  min: minRule,
  max: maxRule,
  vs_baseline: vsBaselineRule,
  flips: flipsRule,
  latency: latencyRule,
  memory: memoryRule,
  size_mb: sizeRule,
} as const;

export const ruleSchema = z.union([
  minRule,
  maxRule,
  vsBaselineRule,
  flipsRule,
  latencyRule,
  memoryRule,
  sizeRule,
]);

export const RULE_FORMS_HINT =
  'A rule is one of { metric, min }, { metric, max }, { metric, vs_baseline: { max_drop } }, ' +
  '{ metric, vs_baseline: { min_delta } } or { flips: { max_negative_rate } }, each with an ' +
  'optional slices: true; { latency: { p95_ms: { max } } } or ' +
  '{ latency: { vs_baseline: { max_ratio } } }, { memory: { peak_mb: { max } } } or ' +
  '{ memory: { vs_baseline: { max_ratio } } }, each with an optional batch; or { size_mb: { max } }.';

const bins = z
  .array(z.number())
  .min(2)
  .superRefine((edges, ctx) => {
    for (let i = 1; i < edges.length; i++) {
      const previous = edges[i - 1] as number;
      const edge = edges[i] as number;
      if (!(edge > previous)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be increasing, but ${edge} follows ${previous} (position ${i + 1})`,
        });
        return;
      }
    }
  })
  .describe(
    'Strictly increasing finite edges, cut as pandas.cut(right=True, include_lowest=True) does: [b0, b1], (b1, b2], ...; a value outside the edges is in no slice',
  );

const sliceObject = z.strictObject({
  column: columnName.describe('The column to slice by'),
  bins: bins.optional(),
  name: z.string().min(1).optional().describe('Name shown in the report (default: the column)'),
});

export interface SliceSpec {
  /** Unique among the slices: the column's name unless the config names it. */
  readonly name: string;
  readonly column: string;
  /** Numeric edges; absent: one slice per category (value) of the column. */
  readonly bins?: number[];
}

export const sliceSchema = z
  .union([columnName.describe('A column: one slice per value'), sliceObject])
  .transform(
    (slice): SliceSpec =>
      typeof slice === 'string'
        ? { name: slice, column: slice }
        : {
            name: slice.name ?? slice.column,
            column: slice.column,
            ...(slice.bins ? { bins: slice.bins } : {}),
          },
  );

export const DRIFT_METHODS = ['auto', 'ks', 'chi2', 'wasserstein', 'psi', 'js'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

const driftMethod = z.enum(DRIFT_METHODS).meta({
  id: 'gate_config.drift_method',
  description:
    'auto: an effect size and a test that must agree (numbers: Wasserstein/MAD ≥ 0.1 and its permutation test; categories: Jensen–Shannon distance ≥ 0.035 and chi-squared; Benjamini–Hochberg over the columns); or ks, chi2, wasserstein, psi, js alone',
});

/** Methods whose threshold is a p-value or a bounded distance, so at most 1. */
const UNIT_THRESHOLD: readonly DriftMethod[] = ['ks', 'chi2', 'js'];

const perColumn = z.strictObject({
  method: driftMethod.optional(),
  threshold: z
    .number()
    .gt(0)
    .optional()
    .describe(
      'Cut-off in the method’s unit: a p-value for ks and chi2, the index for psi, the distance for wasserstein and js',
    ),
});

export interface DriftConfig {
  readonly method: DriftMethod;
  readonly columns: 'all' | string[];
  readonly max_drifted_share: number;
  /** data.reference is the candidate's training data (score drift is then reported, not noted). */
  readonly reference_is_training: boolean;
  /** Per-column settings; `method` is filled from the drift's method when absent. */
  readonly per_column: Record<string, { method: DriftMethod; threshold?: number }>;
}

export function driftDefaults(): DriftConfig {
  return {
    method: 'auto',
    columns: 'all',
    max_drifted_share: 0.5,
    per_column: {},
    reference_is_training: true,
  };
}

const driftObject = z
  .strictObject({
    method: driftMethod.default('auto'),
    columns: z
      .union([
        z.literal('all').describe('Every column the models read'),
        z.array(columnName).min(1),
      ])
      .default('all')
      .describe("Columns to test: 'all' (every column the models read) or a list"),
    max_drifted_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'The dataset counts as drifted when at least this share of the tested columns drifted (drift is reported and noted; it does not fail the gate)',
      ),
    per_column: z
      .record(columnName, perColumn)
      .default({})
      .describe('Method and threshold for single columns, by column name'),
    reference_is_training: z
      .boolean()
      .default(true)
      .describe(
        'data.reference holds rows the candidate was trained on (default true): its scores there are more spread than on unseen rows, so the score comparison is reported but not counted as drift. Set false for held-out reference rows, to compare like with like and note score drift',
      ),
  })
  .describe('Drift settings; every key has a default')
  .superRefine((drift, ctx) => {
    for (const [column, setting] of Object.entries(drift.per_column)) {
      const method = setting.method ?? drift.method;
      const threshold = setting.threshold;
      if (threshold === undefined) continue;
      if (method === 'auto') {
        ctx.addIssue({
          code: 'custom',
          path: ['per_column', column, 'threshold'],
          message:
            'needs a method: auto combines an effect size and a test, which have no common scale',
          params: { hint: `Add method: ks, chi2, wasserstein, psi or js beside the threshold.` },
        });
      } else if (UNIT_THRESHOLD.includes(method) && threshold > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['per_column', column, 'threshold'],
          message: `must be at most 1 for ${method} (got ${threshold})`,
        });
      }
    }
  })
  .transform(
    (drift): DriftConfig => ({
      ...drift,
      per_column: Object.fromEntries(
        Object.entries(drift.per_column).map(([column, setting]) => [
          column,
          {
            method: setting.method ?? drift.method,
            ...(setting.threshold !== undefined ? { threshold: setting.threshold } : {}),
          },
        ]),
      ),
    }),
  );

export const driftSchema = z
  .union([
    z.literal(false).describe('No drift tests'),
    z.literal(true).transform(driftDefaults).describe('Drift tests with the defaults'),
    driftObject,
  ])
  .default(driftDefaults)
  .describe(
    'Drift between data.reference and data.holdout; runs only when data.reference is set. false disables it',
  );

export const statisticsSchema = z
  .strictObject({
    confidence: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.95)
      .describe('Confidence level of the intervals, in (0, 1)'),
    bootstrap: z
      .int()
      .min(100)
      .max(100_000)
      .default(1000)
      .describe('Paired bootstrap resamples, 100 to 100000'),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(42)
      .describe(
        'Seed of the resampling generator (an unsigned 32-bit integer): same seed, same verdict',
      ),
  })
  .default(() => ({ confidence: 0.95, bootstrap: 1000, seed: 42 }))
  .describe('How uncertainty is measured');
