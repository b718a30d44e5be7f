/**
 * One model as a command runs it: an ONNX model (loaded, its inputs planned, its score output
 * chosen, its batch settled) or a predictions file (read and joined to the holdout). Both end
 * as raw values, `width` per holdout row, with what is known about how to read them — so
 * scoring, comparison, slices, flips and drift never ask which it was.
 */
import type { TableRead } from '../data/read-table.js';
import type { ColumnRequest } from '../data/table.js';
import type { ModelSpec } from '../domain/config/index.js';
import type { GraphEvidence, ScoreReading } from '../domain/score-reading.js';
import {
  type BatchPlan,
  batchPlan,
  columnRequests,
  type FeedSpec,
  type InputPlan,
  planInputs,
} from '../runtime/feeds.js';
import { type LoadedModel, loadModel } from '../runtime/model.js';
import type { ValueInfo } from '../runtime/onnx/contract.js';
import { chooseScoreOutput } from '../runtime/outputs.js';
import { predict } from '../runtime/predict.js';
import {
  holdoutIdRequest,
  type PredictionsMeta,
  type PredictionsSpec,
  readPredictions,
} from './predictions-input.js';
import type { Progress } from './progress.js';

export type OnnxSpec = Extract<ModelSpec, { kind: 'onnx' }>;

/** Where a model's settings are given, for messages that say what to change. */
export interface Settings {
  /** e.g. "the candidate model" or "model". */
  readonly role: string;
  /** The config key of the model, e.g. "models.candidate"; null for `evaluate`. */
  readonly key: string | null;
  /** The flags or inputs that exist where the model runs, e.g. { features: '--features' }. */
  readonly flags: {
    readonly features?: string;
    readonly inputs?: string;
    readonly batchSize?: string;
    readonly output?: string;
    readonly scores?: string;
    readonly readAs?: string;
  };
}

function setting(settings: Settings, key: string, flag: string | undefined): string {
  const inConfig = settings.key === null ? null : `${settings.key}.${key}`;
  if (inConfig && flag) return `${inConfig} (or ${flag})`;
  return inConfig ?? flag ?? key;
}

export interface OpenedOnnx {
  readonly kind: 'onnx';
  readonly spec: OnnxSpec;
  readonly model: LoadedModel;
  readonly plans: InputPlan[];
  readonly output: ValueInfo;
  readonly settings: Settings;
}

export interface OpenedPredictions {
  readonly kind: 'predictions';
  readonly spec: PredictionsSpec;
  readonly settings: Settings;
}

export type OpenedModel = OpenedOnnx | OpenedPredictions;

export interface OpenOnnxOptions {
  readonly threads: number;
  /** The feature list for a model whose entry gives none (the config's top-level features). */
  readonly features?: readonly string[] | undefined;
  /** An output named by a flag, for a model whose entry names none. */
  readonly output?: string | undefined;
}

export async function openModel(
  spec: ModelSpec,
  settings: Settings,
  options: OpenOnnxOptions,
): Promise<OpenedModel> {
  if (spec.kind === 'predictions') return { kind: 'predictions', spec, settings };
  const model = await loadModel(spec.path, settings.role, { threads: options.threads });
  const feed: FeedSpec = {
    features: spec.features ?? options.features,
    inputs: spec.inputs,
    model: `${settings.role} '${spec.path}'`,
    featuresSetting: setting(settings, 'features', settings.flags.features),
    inputsSetting: setting(settings, 'inputs', settings.flags.inputs),
  };
  const plans = planInputs(model.contract.inputs, feed);
  const output = chooseScoreOutput(model.outputs, spec.output ?? options.output);
  return { kind: 'onnx', spec, model, plans, output, settings };
}

/** The holdout columns a model needs: its inputs' columns, or a predictions join's id. */
export function requestsOf(opened: OpenedModel): ColumnRequest[] {
  if (opened.kind === 'onnx') return columnRequests(opened.plans, opened.model.contract.inputs);
  return holdoutIdRequest(opened.spec, `the ${opened.settings.role}'s predictions`);
}

/** A model's raw values on the holdout, and what is known about reading them. */
export interface ModelValues {
  readonly values: Float32Array | Float64Array;
  readonly width: number;
  readonly output: string;
  readonly reading: ScoreReading;
  readonly graph: GraphEvidence | null;
  /** Where `reading` is set, for messages. */
  readonly readingSetting: string;
  readonly onnx: {
    readonly model: LoadedModel;
    readonly plans: InputPlan[];
    readonly batch: BatchPlan;
    readonly paddedRows: number;
  } | null;
  readonly predictions: PredictionsMeta | null;
}

export interface RunOptions {
  /** A batch size given by a flag or input, with its name. */
  readonly batchSize?: { readonly size: number; readonly setting: string } | undefined;
  readonly progress: Progress;
  readonly label: string;
}

export function graphOfOutput(model: LoadedModel, output: string): GraphEvidence | null {
  const producer = model.contract.producers[output];
  return producer ? { op: producer.op, reads: producer.reads } : null;
}

/** Runs an ONNX model on the holdout, or joins its predictions to it. */
export async function modelValues(
  opened: OpenedModel,
  holdout: TableRead,
  options: RunOptions,
): Promise<ModelValues> {
  const { settings } = opened;
  if (opened.kind === 'predictions') {
    const predictionsSetting = settings.key ?? '--predictions';
    const joined = await readPredictions(
      {
        spec: opened.spec,
        role: `the ${settings.role}'s predictions`,
        setting: predictionsSetting,
        progress: options.progress,
      },
      holdout,
    );
    return {
      values: joined.values,
      width: joined.width,
      output: joined.output ?? joined.columns.join(', '),
      reading: opened.spec.readAs,
      graph: joined.graph,
      readingSetting: setting(settings, 'read_as', settings.flags.readAs),
      onnx: null,
      predictions: joined,
    };
  }
  const { model, plans, output, spec } = opened;
  const rows = holdout.table.rows;
  const requested =
    spec.batchSize !== undefined
      ? { size: spec.batchSize, setting: `${settings.key ?? 'the model entry'}.batch_size` }
      : options.batchSize;
  const batch = batchPlan(
    plans,
    model.contract.inputs,
    rows,
    requested,
    `${settings.role} '${spec.path}'`,
  );
  options.progress.stage(
    `running ${options.label} on ${rows.toLocaleString('en-US')} rows${batch.fixed ? ` (${batch.size} at a time: the model fixes its batch)` : ''}`,
  );
  const predicted = await predict(model, plans, holdout.table, output.name, {
    batch,
    onProgress: (d, t) => options.progress.update(d, t, 'rows'),
  });
  return {
    values: predicted.values,
    width: predicted.width,
    output: output.name,
    reading: spec.scores,
    graph: graphOfOutput(model, output.name),
    readingSetting: setting(settings, 'scores', settings.flags.scores),
    onnx: { model, plans, batch, paddedRows: predicted.paddedRows },
    predictions: null,
  };
}
