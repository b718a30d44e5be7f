/**
 * `models.candidate` and `models.baseline`: a path to an ONNX model, a mapping for an ONNX model
 * that needs more (which output, how its scores are read, which columns feed which input, a
 * batch size), or a mapping for a model given as a predictions file instead of ONNX.
 *
 * One mapping schema with a check across keys, rather than a union, so that a typo or a key of
 * the other form is named as such ("id applies to predictions: entries") instead of a union's
 * "matches none of the options".
 */
import { z } from 'zod';
import { SCORE_READINGS, type ScoreReading } from '../score-reading.js';
import { columnName, filePath } from './parts.js';

export const featureList = z
  .array(columnName)
  .min(1)
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `repeats the column '${name}'` });
      }
      seen.add(name);
    });
  });

const ONNX_ONLY = ['output', 'features', 'inputs', 'batch_size'] as const;
const PREDICTIONS_ONLY = ['id', 'order', 'read_as', 'reference_predictions'] as const;

const modelObject = z
  .strictObject({
    path: filePath.optional().describe('The ONNX model (relative to the config file)'),
    predictions: filePath
      .optional()
      .describe(
        "Instead of an ONNX model: a predictions file (CSV, TSV or Parquet), or a glob of shards written by 'model-gate predict' (preds-*.parquet)",
      ),
    output: z
      .string()
      .min(1)
      .optional()
      .describe('ONNX: the output to read scores from; default: the probability output'),
    scores: z
      .union([z.string().min(1), z.array(columnName).min(1)])
      .optional()
      .describe(
        "ONNX: how the output is read, auto (default), probability or logit. Predictions: the score column, or one column per class (default for files 'model-gate predict' wrote: theirs)",
      ),
    read_as: z
      .enum(SCORE_READINGS)
      .optional()
      .describe(
        'Predictions: how the score columns are read, auto (default), probability or logit',
      ),
    features: featureList
      .optional()
      .describe("ONNX: the columns, in order, of this model's one [N, F] input"),
    inputs: z
      .record(z.string().min(1), featureList)
      .optional()
      .describe('ONNX: the columns, in order, of each [N, F] input, by input name'),
    batch_size: z
      .int()
      .min(1)
      .optional()
      .describe(
        "ONNX: rows per session.run; default: the model's fixed batch, else about 2 MB of inputs",
      ),
    id: columnName
      .optional()
      .describe('Predictions: the id column both the predictions and the holdout hold, to join on'),
    order: z
      .boolean()
      .optional()
      .describe('Predictions: true joins by row order (the row counts must match)'),
    reference_predictions: filePath
      .optional()
      .describe(
        "Predictions: the model's predictions on data.reference (joined the same way), for the drift of its scores",
      ),
  })
  .superRefine((entry, ctx) => {
    const issue = (path: string[], message: string, hint?: string) =>
      ctx.addIssue({ code: 'custom', path, message, ...(hint ? { params: { hint } } : {}) });
    const has = (key: string) => (entry as Record<string, unknown>)[key] !== undefined;
    if (has('path') === has('predictions')) {
      issue(
        [],
        has('path')
          ? "has both 'path' and 'predictions', but takes one"
          : "needs 'path' (an ONNX model) or 'predictions' (a predictions file)",
        'e.g. { path: model.onnx, scores: logit } or { predictions: preds.parquet, scores: [p0, p1], id: row_id }.',
      );
      return;
    }
    if (has('path')) {
      for (const key of PREDICTIONS_ONLY) {
        if (has(key)) issue([key], "applies to 'predictions:' entries, not to an ONNX 'path:'");
      }
      const scores = entry.scores;
      if (scores !== undefined && !SCORE_READINGS.includes(scores as ScoreReading)) {
        issue(
          ['scores'],
          `must be ${SCORE_READINGS.join(', ')} for an ONNX model (got ${JSON.stringify(scores)})`,
          "scores: names columns only for a 'predictions:' entry.",
        );
      }
      if (has('features') && has('inputs')) {
        issue(
          ['inputs'],
          "and 'features' both say which columns feed the model; give one",
          'features: for a model with one [N, F] input, inputs: { name: [columns] } for several.',
        );
      }
      return;
    }
    for (const key of ONNX_ONLY) {
      if (has(key)) issue([key], "applies to an ONNX 'path:' entry, not to 'predictions:'");
    }
    // scores: may be left out for files 'model-gate predict' wrote (predictions-input.ts).
    if (has('id') && entry.order === true) {
      issue(['order'], "and 'id' both say how to join; give one");
    }
  });

export const modelEntry = z.union([filePath, modelObject]);
export type ModelEntry = z.output<typeof modelEntry>;

export type ModelSpec =
  | {
      readonly kind: 'onnx';
      readonly path: string;
      readonly output?: string | undefined;
      readonly scores: ScoreReading;
      readonly features?: readonly string[] | undefined;
      readonly inputs?: Readonly<Record<string, readonly string[]>> | undefined;
      readonly batchSize?: number | undefined;
    }
  | {
      readonly kind: 'predictions';
      /** A file, or a glob of files (shards). */
      readonly predictions: string;
      readonly scores: readonly string[];
      readonly readAs: ScoreReading;
      readonly id?: string | undefined;
      readonly order: boolean;
      /** The same model's predictions on the reference, for score drift. */
      readonly referencePredictions?: string | undefined;
    };

/** A parsed entry in one form (the schema has checked the keys fit the form). */
export function modelSpec(entry: ModelEntry): ModelSpec {
  if (typeof entry === 'string') return { kind: 'onnx', path: entry, scores: 'auto' };
  if (entry.predictions !== undefined) {
    const scores = entry.scores ?? [];
    return {
      kind: 'predictions',
      predictions: entry.predictions,
      scores: typeof scores === 'string' ? [scores] : scores,
      readAs: entry.read_as ?? 'auto',
      id: entry.id,
      order: entry.order === true,
      referencePredictions: entry.reference_predictions,
    };
  }
  return {
    kind: 'onnx',
    path: entry.path as string,
    output: entry.output,
    scores: (entry.scores as ScoreReading | undefined) ?? 'auto',
    features: entry.features,
    inputs: entry.inputs,
    batchSize: entry.batch_size,
  };
}

/** The file an entry names: the ONNX model, or the predictions file (or glob). */
export function modelPath(entry: ModelEntry): string {
  if (typeof entry === 'string') return entry;
  return (entry.path ?? entry.predictions) as string;
}

/** The entry with its file resolved by `at` (paths are relative to the config file). */
export function resolveEntry(entry: ModelEntry, at: (path: string) => string): ModelEntry {
  if (typeof entry === 'string') return at(entry);
  if (entry.predictions !== undefined) {
    const reference = entry.reference_predictions;
    return {
      ...entry,
      predictions: at(entry.predictions),
      ...(reference !== undefined ? { reference_predictions: at(reference) } : {}),
    };
  }
  return { ...entry, path: at(entry.path as string) };
}

/**
 * The entry with its ONNX model replaced by `path` (a --candidate flag or an action input): an
 * ONNX mapping keeps its settings; a predictions entry becomes the model file.
 */
export function withModelPath(entry: ModelEntry, path: string): ModelEntry {
  if (typeof entry === 'string' || entry.predictions !== undefined || path === 'registry')
    return path;
  return { ...entry, path };
}
