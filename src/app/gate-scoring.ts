/**
 * Both models on the holdout, once each (an ONNX model run in batches, or predictions joined to
 * the holdout's rows); their outputs turned into scores against the labels; and the check that
 * the two can be compared row by row. Tasks are compared once each model's is resolved, not
 * output widths: one logit per row and [N,2] probabilities are both binary.
 */
import { InputError } from '../domain/errors.js';
import { positiveColumn, probabilitiesAs } from '../domain/score-reading.js';
import { type Scoring, scorePredictions } from '../domain/scoring.js';
import type { BySide, GateInputs, Side } from './gate-inputs.js';
import { type ModelValues, modelValues, type OpenedModel } from './model-side.js';
import type { Progress } from './progress.js';

export interface Scored {
  readonly values: ModelValues;
  readonly scoring: Scoring;
}

export interface ScoreOptions {
  /** A batch size given by a flag or input, with its name. */
  readonly batchSize?: { readonly size: number; readonly setting: string } | undefined;
  readonly progress: Progress;
}

export async function scoreModels(
  inputs: GateInputs,
  options: ScoreOptions,
): Promise<BySide<Scored>> {
  const { config, holdout } = inputs;
  const run = (which: Side) =>
    modelValues(inputs.models[which], holdout, {
      batchSize: options.batchSize,
      progress: options.progress,
      label: `the ${which}`,
    });
  const ran = { candidate: await run('candidate'), baseline: await run('baseline') };
  const score = (which: Side): Scored => {
    const values = ran[which];
    const model = inputs.models[which];
    const scoring = named(which, model, () =>
      scorePredictions({
        label: inputs.label,
        values: values.values,
        width: values.width,
        output: values.output,
        modelClasses: model.kind === 'onnx' ? model.model.contract.classLabels : null,
        task: config.task,
        positiveLabel:
          config.positive_label === undefined ? undefined : String(config.positive_label),
        threshold: config.threshold,
        reading: values.reading,
        graph: values.graph,
        what: `the ${which}'s output '${values.output}'`,
        setting: values.readingSetting,
      }),
    );
    return { values, scoring };
  };
  const scored = { candidate: score('candidate'), baseline: score('baseline') };
  requireSameTask(scored.candidate.scoring, scored.baseline.scoring);
  return scored;
}

/** Runs `score`, naming the model in any input error it raises (two models are in play). */
function named<T>(which: Side, model: OpenedModel, score: () => T): T {
  try {
    return score();
  } catch (error) {
    if (!(error instanceof InputError) || error.message.includes(`the ${which}`)) throw error;
    const file = model.kind === 'onnx' ? model.spec.path : model.spec.predictions;
    throw new InputError(`the ${which} model '${file}': ${error.message}`, error.hint);
  }
}

/** A model's positive-class score (binary) or value (regression) from raw outputs read as `scoring` read them. */
export function scoresOf(
  values: Float32Array | Float64Array,
  width: number,
  scoring: Scoring,
): Float64Array {
  if (scoring.rows.kind === 'binary') {
    if (scoring.score === 'value') throw new Error('bug: a binary scoring read as values');
    return positiveColumn(
      probabilitiesAs(values, width, scoring.score),
      width,
      scoring.rows.column,
    );
  }
  return Float64Array.from(values);
}

function requireSameTask(candidate: Scoring, baseline: Scoring): void {
  if (candidate.task.task !== baseline.task.task) {
    throw new InputError(
      `the candidate is a ${candidate.task.task} model (${candidate.task.reason}) but the baseline is ${baseline.task.task} (${baseline.task.reason})`,
      'Compare models of the same task; set task: in the config if one was inferred wrongly.',
    );
  }
  const a = candidate.label.classes ?? [];
  const b = baseline.label.classes ?? [];
  if (a.length !== b.length || a.some((c, i) => c !== b[i])) {
    throw new InputError(
      `the candidate's classes (${a.join(', ')}) differ from the baseline's (${b.join(', ')})`,
      'Both models must predict the same classes, in the same order, to be compared row by row.',
    );
  }
}
