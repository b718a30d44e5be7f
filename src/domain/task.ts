/**
 * The task (binary, multiclass or regression), from the user when given, else inferred from the
 * score output's width and the label column; and for classification, which probability column
 * belongs to which class.
 */
import { InputError } from './errors.js';
import { labelKey, quoteList } from './labels.js';

export type Task = 'binary' | 'multiclass' | 'regression';
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

export interface TaskEvidence {
  readonly requested: Task | undefined;
  /** Values per row of the score output: 1 for a single column, C for probabilities. */
  readonly scoreWidth: number;
  readonly output: string;
  readonly labelName: string;
  readonly labelKind: 'number' | 'category';
  readonly distinct: readonly (string | number)[];
  /** The distinct values were cut off at their limit: there are more. */
  readonly distinctTruncated?: boolean;
}

export interface ResolvedTask {
  readonly task: Task;
  readonly inferred: boolean;
  readonly reason: string;
}

export function resolveTask(e: TaskEvidence): ResolvedTask {
  const width = `output '${e.output}' has ${e.scoreWidth} value${e.scoreWidth === 1 ? '' : 's'} per row`;
  if (e.requested) {
    const fits =
      (e.requested === 'binary' && e.scoreWidth <= 2) ||
      (e.requested === 'multiclass' && e.scoreWidth >= 3) ||
      (e.requested === 'regression' && e.scoreWidth === 1);
    if (!fits) {
      throw new InputError(
        `--task ${e.requested} does not fit the model: ${width}`,
        'binary reads [N,2] probabilities or one score per row, multiclass [N,C] with C >= 3, regression one value per row.',
      );
    }
    if (e.requested === 'regression' && e.labelKind !== 'number') {
      throw new InputError(
        `--task regression needs a numeric label, but column '${e.labelName}' holds text (${quoteList(e.distinct, 5)})`,
      );
    }
    return { task: e.requested, inferred: false, reason: 'given' };
  }
  if (e.scoreWidth === 2)
    return { task: 'binary', inferred: true, reason: `${width} (class probabilities)` };
  if (e.scoreWidth >= 3)
    return { task: 'multiclass', inferred: true, reason: `${width} (class probabilities)` };
  if (e.distinct.length === 2) {
    return {
      task: 'binary',
      inferred: true,
      reason: `${width} and label '${e.labelName}' takes two values`,
    };
  }
  if (e.labelKind !== 'number') {
    throw new InputError(
      `cannot tell the task: ${width} and label '${e.labelName}' holds text with ${e.distinct.length} values`,
      'Pass --task, or check --label names the right column.',
    );
  }
  return {
    task: 'regression',
    inferred: true,
    reason: `${width} and label '${e.labelName}' is numeric with ${e.distinctTruncated ? `more than ${e.distinct.length}` : e.distinct.length} values`,
  };
}

export interface BinaryClasses {
  /** [negative, positive] label keys. */
  readonly classes: [string, string];
  /** Probability column of the positive class (for two-column outputs), or whether a single score is P(positive). */
  readonly column: number;
  readonly positiveInferred: boolean;
}

/**
 * Which label is positive and where its probability is. With the model's class labels, the
 * columns follow them; without, they follow scikit-learn's sorted classes_ (column 1 = the
 * greater label). The default positive class is the second class, as scikit-learn's is.
 */
export function resolveBinary(
  labelName: string,
  distinct: readonly (string | number)[],
  modelClasses: readonly (string | number)[] | null,
  positive: string | undefined,
): BinaryClasses {
  if (distinct.length !== 2) {
    throw new InputError(
      `binary labels must take exactly two values, but column '${labelName}' has ${distinct.length}: ${quoteList(distinct)}`,
      distinct.length < 2
        ? 'The holdout needs rows of both classes.'
        : 'Check --label, or pass --task multiclass or regression.',
    );
  }
  const labels = distinct.map(labelKey);
  let classes = labels;
  if (modelClasses && modelClasses.length === 2) {
    classes = modelClasses.map(labelKey);
    const strangers = labels.filter((l) => !classes.includes(l));
    if (strangers.length > 0) {
      throw new InputError(
        `label column '${labelName}' holds ${quoteList(labels)} but the model's classes are ${quoteList(classes)}`,
        'Map the labels to the values the model was trained on.',
      );
    }
  }
  let positiveKey = classes[1] as string;
  if (positive !== undefined) {
    const numeric = Number(positive);
    const key = labels.includes(positive)
      ? positive
      : Number.isFinite(numeric) && positive.trim() !== ''
        ? labelKey(numeric)
        : positive;
    if (!labels.includes(key)) {
      throw new InputError(
        `--positive-label '${positive}' is not a value of column '${labelName}' (${quoteList(labels)})`,
      );
    }
    positiveKey = key;
  }
  const column = classes.indexOf(positiveKey);
  const negative = classes[1 - column] as string;
  return { classes: [negative, positiveKey], column, positiveInferred: positive === undefined };
}

/** Class order for [N,C] probabilities: the model's labels, else the sorted label values. */
export function resolveMulticlass(
  labelName: string,
  distinct: readonly (string | number)[],
  modelClasses: readonly (string | number)[] | null,
  width: number,
): string[] {
  if (modelClasses) {
    if (modelClasses.length !== width) {
      throw new InputError(
        `the model lists ${modelClasses.length} class labels but its probabilities have ${width} columns`,
      );
    }
    return modelClasses.map(labelKey);
  }
  if (distinct.length !== width) {
    throw new InputError(
      `the model outputs ${width} class probabilities, does not name its classes, and label column '${labelName}' holds ${distinct.length} values`,
      'Export the model with its class labels (skl2onnx does), or evaluate on a holdout that holds every class.',
    );
  }
  return distinct.map(labelKey);
}
