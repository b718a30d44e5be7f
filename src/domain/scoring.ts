/**
 * From a model's raw outputs and the label column to the task, the classes and the metrics:
 * the pure heart of `evaluate`, shared by every command that scores a model.
 */

import { InputError } from './errors.js';
import {
  distinctLabels,
  encodeBinary,
  encodeClasses,
  type LabelColumn,
  requireLabels,
  textAmongNumbers,
} from './labels.js';
import { binaryMetrics, multiclassMetrics, regressionMetrics } from './metrics/index.js';
import type { EvaluateReport, LabelJson, ModelJson } from './report.js';
import {
  type GraphEvidence,
  positiveColumn,
  readScores,
  type ScoreReading,
} from './score-reading.js';
import { requireFinite } from './scores.js';
import {
  type ResolvedTask,
  resolveBinary,
  resolveMulticlass,
  resolveTask,
  type Task,
} from './task.js';

export interface ScoringInput {
  readonly label: LabelColumn;
  /** Row-major model output, `width` values per row. */
  readonly values: Float32Array | Float64Array;
  readonly width: number;
  readonly output: string;
  readonly modelClasses: readonly (string | number)[] | null;
  readonly task: Task | undefined;
  readonly positiveLabel: string | undefined;
  readonly threshold: number;
  /** How a classifier's output is read (score-reading.ts); `auto` when absent. */
  readonly reading?: ScoreReading | undefined;
  /** What the model's graph says about the output; null for predictions without a graph. */
  readonly graph?: GraphEvidence | null | undefined;
  /** Names the model in messages (e.g. "the candidate's output 'logit'"); default the output. */
  readonly what?: string | undefined;
  /** Where this model's reading is set, for messages (e.g. "models.candidate.scores"). */
  readonly setting?: string | undefined;
}

/** What the metrics were computed from, for paired statistics on the same rows. */
export type ScoredRows =
  | {
      readonly kind: 'binary';
      readonly y: Uint8Array;
      readonly score: Float64Array;
      readonly threshold: number;
      /** The positive class's probability column in the raw output (see binaryScores). */
      readonly column: number;
    }
  | {
      readonly kind: 'multiclass';
      readonly y: Int32Array;
      readonly proba: Float64Array;
      readonly classes: number;
    }
  | { readonly kind: 'regression'; readonly y: Float64Array; readonly pred: Float64Array };

export interface Scoring {
  readonly task: ResolvedTask;
  readonly rows: ScoredRows;
  readonly metrics: Record<string, number>;
  readonly confusion?: EvaluateReport['confusion'];
  readonly label: LabelJson;
  readonly score: ModelJson['score'];
  /** Why the output was read so (the graph, the values, or the config). */
  readonly scoreReason: string;
}

export function scorePredictions(input: ScoringInput): Scoring {
  requireLabels(input.label);
  const stray = input.width === 1 ? textAmongNumbers(input.label) : null;
  if (stray && input.task !== 'binary' && input.task !== 'multiclass') {
    throw new InputError(
      `label column '${input.label.name}' holds numbers but row ${stray.row + 1} holds '${stray.value}', which is not a number`,
      'A regression target must be numbers in every row: fix or drop that row (thousands separators and units are not numbers).',
    );
  }
  requireFinite(input.values, input.width, input.what ?? `model output '${input.output}'`);
  const distinct = distinctLabels(input.label, 1000);
  const task = resolveTask({
    requested: input.task,
    scoreWidth: input.width,
    output: input.output,
    labelName: input.label.name,
    labelKind: input.label.kind,
    distinct: distinct.values,
    distinctTruncated: distinct.truncated,
  });
  if (task.task === 'binary') return { task, ...scoreBinary(input, distinct.values) };
  if (task.task === 'multiclass') return { task, ...scoreMulticlass(input, distinct.values) };
  return { task, ...scoreRegression(input) };
}

type TaskScoring = Omit<Scoring, 'task'>;

function scoreBinary(input: ScoringInput, distinct: readonly (string | number)[]): TaskScoring {
  const classes = resolveBinary(
    input.label.name,
    distinct,
    input.modelClasses,
    input.positiveLabel,
  );
  const read = readScores(readingInput(input));
  const score = positiveColumn(read.probabilities, input.width, classes.column);
  const y = encodeBinary(input.label, classes.classes[1]);
  const result = binaryMetrics(y, score, input.threshold);
  return {
    rows: {
      kind: 'binary',
      y,
      score,
      threshold: input.threshold,
      column: classes.column,
    },
    metrics: result.metrics,
    confusion: { ...result.confusion },
    label: {
      column: input.label.name,
      classes: classes.classes,
      positive_label: classes.classes[1],
      positive_label_inferred: classes.positiveInferred,
    },
    score: read.kind,
    scoreReason: read.why,
  };
}

function readingInput(input: ScoringInput) {
  return {
    values: input.values,
    width: input.width,
    requested: input.reading ?? 'auto',
    graph: input.graph ?? null,
    what: input.what ?? `model output '${input.output}'`,
    setting: input.setting ?? 'scores',
  };
}

function scoreMulticlass(input: ScoringInput, distinct: readonly (string | number)[]): TaskScoring {
  const order = resolveMulticlass(input.label.name, distinct, input.modelClasses, input.width);
  const y = encodeClasses(input.label, order);
  const read = readScores(readingInput(input));
  const proba = read.probabilities;
  const result = multiclassMetrics(y, proba, order.length);
  return {
    rows: { kind: 'multiclass', y, proba, classes: order.length },
    metrics: result.metrics,
    confusion: { labels: order, matrix: result.confusion },
    label: { column: input.label.name, classes: order },
    score: read.kind,
    scoreReason: read.why,
  };
}

function scoreRegression(input: ScoringInput): TaskScoring {
  if (input.label.kind !== 'number') throw new Error('bug: regression with a text label');
  const y = Float64Array.from(input.label.values);
  const pred = Float64Array.from(input.values);
  return {
    rows: { kind: 'regression', y, pred },
    metrics: regressionMetrics(y, pred).metrics,
    label: { column: input.label.name },
    score: 'value',
    scoreReason: 'a regression model: its values are the predictions',
  };
}
