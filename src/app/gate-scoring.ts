/**
 * Both models on the holdout, once each, batched; their outputs turned into scores against the
 * labels; and the check that the two can be compared row by row (same task, same classes).
 */
import { InputError } from '../domain/errors.js';
import { binaryScores } from '../domain/scores.js';
import { type Scoring, scorePredictions } from '../domain/scoring.js';
import { defaultBatchSize } from '../runtime/feeds.js';
import type { LoadedModel } from '../runtime/model.js';
import { chooseScoreOutput } from '../runtime/outputs.js';
import { predict } from '../runtime/predict.js';
import type { BySide, GateInputs, Side } from './gate-inputs.js';
import type { Progress } from './progress.js';

export interface Scored {
  readonly model: LoadedModel;
  readonly scoring: Scoring;
  /** The output the scores were read from. */
  readonly output: string;
  readonly batchSize: number;
}

export async function scoreModels(
  inputs: GateInputs,
  output: string | undefined,
  progress: Progress,
): Promise<BySide<Scored>> {
  const { config, holdout } = inputs;
  const rows = holdout.table.rows;
  const run = async (which: Side) => {
    const model = inputs.models[which];
    const chosen = chooseScoreOutput(model.outputs, output);
    const plan = inputs.plans[which];
    const batchSize = defaultBatchSize(plan, rows);
    progress.stage(`running the ${which} on ${rows.toLocaleString('en-US')} rows`);
    const predictions = await predict(model, plan, holdout.table, chosen.name, {
      batchSize,
      onProgress: (d, t) => progress.update(d, t, 'rows'),
    });
    return { model, output: chosen.name, batchSize, predictions };
  };
  const ran = { candidate: await run('candidate'), baseline: await run('baseline') };
  const widths = { c: ran.candidate.predictions.width, b: ran.baseline.predictions.width };
  if (widths.c !== widths.b) {
    throw new InputError(
      `the candidate's output '${ran.candidate.output}' has ${widths.c} values per row but the baseline's '${ran.baseline.output}' has ${widths.b}: the models differ in task or class count`,
      'A gate compares two models of the same task and classes, row by row.',
    );
  }
  const score = (which: Side): Scored => {
    const { model, output: name, batchSize, predictions } = ran[which];
    const scoring = scorePredictions({
      label: inputs.label,
      values: predictions.values,
      width: predictions.width,
      output: name,
      modelClasses: model.contract.classLabels,
      task: config.task,
      positiveLabel:
        config.positive_label === undefined ? undefined : String(config.positive_label),
      threshold: config.threshold,
    });
    return { model, scoring, output: name, batchSize };
  };
  const scored = { candidate: score('candidate'), baseline: score('baseline') };
  requireSameTask(scored.candidate.scoring, scored.baseline.scoring);
  return scored;
}

/** A model's positive-class score (binary) or value (regression) from raw outputs. */
export function scoresOf(
  values: Float32Array | Float64Array,
  width: number,
  scoring: Scoring,
): Float64Array {
  if (scoring.rows.kind === 'binary') return binaryScores(values, width, scoring.rows.column).score;
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
