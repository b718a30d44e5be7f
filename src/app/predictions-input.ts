/**
 * A model given as predictions instead of ONNX (`models.<side>: { predictions, scores, id }`, or
 * `evaluate --predictions`): its files read (one, or a glob of shards), checked against each
 * other, and joined to the holdout's rows — on an id column, on the row numbers `model-gate
 * predict` wrote, or by row order — so that everything downstream sees one value row per
 * holdout row, exactly as if the model had run here.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { expandGlob } from '../data/glob.js';
import { PREDICT_COLUMNS } from '../data/predictions-file.js';
import { readTable, type TableRead } from '../data/read-table.js';
import type { Column, ColumnRequest } from '../data/table.js';
import type { ModelSpec } from '../domain/config/index.js';
import { InputError } from '../domain/errors.js';
import { idKeys, matchIds, matchRowNumbers, someKeys } from '../domain/join.js';
import type { GraphEvidence } from '../domain/score-reading.js';
import type { Progress } from './progress.js';

export type PredictionsSpec = Extract<ModelSpec, { kind: 'predictions' }>;

export interface PredictionFileJson {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly rows: number;
}

export interface JoinedPredictions {
  /** One row per holdout row, `width` values each, in holdout order. */
  readonly values: Float64Array;
  readonly width: number;
  readonly columns: readonly string[];
  readonly files: readonly PredictionFileJson[];
  /** The model's sha256 when `model-gate predict` wrote the files, else one over the files. */
  readonly sha256: string;
  readonly modelSha256: string | null;
  readonly bytes: number;
  readonly join: 'id' | 'row' | 'order';
  /** Prediction rows in all files, and those no holdout row took (id joins only). */
  readonly rows: number;
  readonly unmatched: number;
  /** What the model's graph said about its output, as `model-gate predict` recorded it. */
  readonly graph: GraphEvidence | null;
  /** The model output the scores came from, when recorded. */
  readonly output: string | null;
}

/** What the report says of predictions: everything but their values. */
export type PredictionsMeta = Omit<JoinedPredictions, 'values'>;

export interface PredictionsContext {
  readonly spec: PredictionsSpec;
  /** e.g. "the candidate's predictions". */
  readonly role: string;
  /** The config key of this model, e.g. "models.candidate" or "--predictions". */
  readonly setting: string;
  readonly progress: Progress;
}

export interface ReadFile {
  readonly read: TableRead;
  readonly scores: readonly string[];
}

const SCORE_COLUMN = /^score(_\d+)?$/;

/** The holdout column an id join needs, to read with the holdout. */
export function holdoutIdRequest(spec: PredictionsSpec, role: string): ColumnRequest[] {
  return spec.id === undefined
    ? []
    : [{ name: spec.id, type: 'auto', purpose: `the id ${role} are joined on` }];
}

async function readOne(path: string, context: PredictionsContext): Promise<ReadFile> {
  const { spec, role } = context;
  const given = spec.scores.length > 0;
  const requests: ColumnRequest[] | undefined = given
    ? [
        ...spec.scores.map(
          (name): ColumnRequest => ({
            name,
            type: 'float64',
            purpose: `a score column (${context.setting}.scores)`,
          }),
        ),
        ...(spec.id !== undefined
          ? [{ name: spec.id, type: 'auto' as const, purpose: `the id (${context.setting}.id)` }]
          : []),
        ...Object.values(PREDICT_COLUMNS).map(
          (name): ColumnRequest => ({ name, type: 'auto', optional: true }),
        ),
      ]
    : undefined;
  context.progress.stage(`reading ${role} ${path}`);
  const read = await readTable(path, {
    role: `${role} file`,
    ...(requests ? { columns: requests } : {}),
    onProgress: (d, t) => context.progress.update(d, t, 'bytes'),
  });
  if (given) return { read, scores: spec.scores };
  const scores = read.table.header.filter((name) => SCORE_COLUMN.test(name));
  if (scores.length === 0 || !read.table.columns.has(PREDICT_COLUMNS.model)) {
    throw new InputError(
      `${context.setting} gives no scores: and '${path}' was not written by model-gate predict`,
      `Name the score column (scores: p1), or one column per class in class order (scores: [p0, p1]), in ${context.setting}.`,
    );
  }
  if (spec.id !== undefined && !read.table.columns.has(spec.id)) {
    throw new InputError(
      `${role} file '${path}' has no column '${spec.id}' (${context.setting}.id); its columns are ${read.table.header.map((h) => `'${h}'`).join(', ')}`,
    );
  }
  return { read, scores };
}

/** A column every row of which holds the same text, or null when the files lack it. */
function constantOf(files: readonly ReadFile[], name: string, role: string): string | null {
  let value: string | null = null;
  let from = '';
  for (const { read } of files) {
    const column = read.table.columns.get(name);
    if (!column) return null;
    const levels =
      column.kind === 'category'
        ? column.levels.slice()
        : [...new Set(Array.from(column.values, String))];
    const distinct = column.missing > 0 ? [...levels, ''] : levels;
    if (read.table.rows === 0) continue;
    if (distinct.length !== 1 || (value !== null && distinct[0] !== value)) {
      const seen = value === null ? distinct : [value, ...distinct.filter((d) => d !== value)];
      const what =
        name === PREDICT_COLUMNS.model
          ? 'come from different models'
          : name === PREDICT_COLUMNS.holdout
            ? 'were made on different holdouts'
            : `disagree on '${name}'`;
      throw new InputError(
        `${role} ${what}: column '${name}' holds ${someKeys(
          seen.slice(0, 2).map((s) => s.slice(0, 16)),
          seen.length,
        )}${from ? ` (${from} and '${read.path}')` : ` in '${read.path}'`}`,
        name === PREDICT_COLUMNS.model
          ? 'Every shard must come from one model: re-run the predict jobs from one build of the model.'
          : 'Re-run every predict job on the same holdout file.',
      );
    }
    value = distinct[0] as string;
    from = `'${read.path}'`;
  }
  return value;
}

function scoresOf(file: ReadFile, context: PredictionsContext): Float64Array[] {
  return file.scores.map((name) => {
    const column = file.read.table.columns.get(name) as Column;
    if (column.kind !== 'number') throw new Error(`bug: score column '${name}' is not numeric`);
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i] as number)) {
        throw new InputError(
          `${context.role} file '${file.read.path}': score column '${name}' is empty in row ${i + 1}`,
          'Every prediction row needs its scores; drop the rows the model did not score.',
        );
      }
    }
    return values instanceof Float64Array ? values : Float64Array.from(values);
  });
}

function locate(files: readonly ReadFile[]): (i: number) => string {
  const starts: number[] = [];
  let at = 0;
  for (const f of files) {
    starts.push(at);
    at += f.read.table.rows;
  }
  return (i: number) => {
    let k = files.length - 1;
    while (k > 0 && (starts[k] as number) > i) k--;
    return `row ${i - (starts[k] as number) + 1} of '${basename((files[k] as ReadFile).read.path)}'`;
  };
}

function concatNumbers(files: readonly ReadFile[], name: string): Float64Array {
  const total = files.reduce((n, f) => n + f.read.table.rows, 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const f of files) {
    const column = f.read.table.columns.get(name) as Column;
    if (column.kind !== 'number') {
      throw new InputError(`column '${name}' of '${f.read.path}' should hold row numbers`);
    }
    out.set(column.values, at);
    at += column.values.length;
  }
  return out;
}

function concatKeys(files: readonly ReadFile[], name: string): (string | null)[] {
  return files.flatMap((f) => idKeys({ ...(f.read.table.columns.get(name) as Column), name }));
}

/** The prediction files of one model, read and checked against each other, not yet joined. */
export interface LoadedPredictions {
  readonly paths: readonly string[];
  readonly files: readonly ReadFile[];
  readonly columns: readonly string[];
  readonly width: number;
  /** Score columns over all files, in file order. */
  readonly scores: readonly Float64Array[];
  readonly rows: number;
  readonly modelSha256: string | null;
  readonly holdoutSha256: string | null;
  readonly output: string | null;
  readonly graph: GraphEvidence | null;
  /** Names row i of all files, e.g. "row 3 of 'preds-2.parquet'". */
  readonly where: (i: number) => string;
  /** The files in messages. */
  readonly whole: string;
}

export async function loadPredictions(context: PredictionsContext): Promise<LoadedPredictions> {
  const { spec, role } = context;
  const paths = expandGlob(spec.predictions, `${context.setting}.predictions`);
  const files: ReadFile[] = [];
  for (const path of paths) files.push(await readOne(path, context));
  const widths = new Set(files.map((f) => f.scores.join(',')));
  if (widths.size > 1) {
    throw new InputError(
      `${role} files have different score columns: ${[...widths].map((w) => `[${w}]`).join(' and ')}`,
      'Every shard must come from the same model output.',
    );
  }
  const columns = (files[0] as ReadFile).scores;
  const parts = files.map((f) => scoresOf(f, context));
  const rows = files.reduce((n, f) => n + f.read.table.rows, 0);
  const scores = columns.map((_, j) => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const part of parts) {
      out.set(part[j] as Float64Array, at);
      at += (part[j] as Float64Array).length;
    }
    return out;
  });
  return {
    paths,
    files,
    columns,
    width: columns.length,
    scores,
    rows,
    modelSha256: constantOf(files, PREDICT_COLUMNS.model, role),
    holdoutSha256: constantOf(files, PREDICT_COLUMNS.holdout, role),
    output: constantOf(files, PREDICT_COLUMNS.output, role),
    graph: graphOf(constantOf(files, PREDICT_COLUMNS.reads, role)),
    where: locate(files),
    whole:
      paths.length === 1
        ? `${role} '${paths[0]}'`
        : `${role} '${spec.predictions}' (${paths.length} files)`,
  };
}

/** The id keys of every prediction row, in file order. */
export function predictionKeys(loaded: LoadedPredictions, id: string): (string | null)[] {
  return concatKeys(loaded.files, id);
}

/** Rows `index` (one per result row) of the scores, row-major. */
export function pickRows(loaded: LoadedPredictions, index: Int32Array): Float64Array {
  const { width, scores } = loaded;
  const values = new Float64Array(index.length * width);
  for (let i = 0; i < index.length; i++) {
    const j = index[i] as number;
    for (let c = 0; c < width; c++)
      values[i * width + c] = (scores[c] as Float64Array)[j] as number;
  }
  return values;
}

export function filesJson(loaded: LoadedPredictions): PredictionFileJson[] {
  return loaded.files.map((f) => ({
    path: f.read.path,
    sha256: f.read.sha256,
    bytes: f.read.bytes,
    rows: f.read.table.rows,
  }));
}

/** The model's sha256 as predict recorded it, else one sha256 over the files'. */
export function predictionsSha256(loaded: LoadedPredictions): string {
  if (loaded.modelSha256 !== null) return loaded.modelSha256;
  const files = filesJson(loaded);
  if (files.length === 1) return (files[0] as PredictionFileJson).sha256;
  return createHash('sha256')
    .update(files.map((f) => f.sha256).join('\n'))
    .digest('hex');
}

/** Reads the predictions of one model and joins them to the holdout's rows. */
export async function readPredictions(
  context: PredictionsContext,
  holdout: TableRead,
): Promise<JoinedPredictions> {
  const { spec, role } = context;
  const loaded = await loadPredictions(context);
  const { whole, where } = loaded;
  const rows = holdout.table.rows;
  let index: Int32Array;
  let join: JoinedPredictions['join'];
  let unmatched = 0;
  if (spec.id !== undefined) {
    const match = matchIds(
      {
        keys: idKeys(holdout.table.columns.get(spec.id) as Column),
        name: `holdout '${holdout.path}'`,
        where: (i) => `row ${i + 1} of holdout '${basename(holdout.path)}'`,
      },
      { keys: predictionKeys(loaded, spec.id), name: whole, where },
      spec.id,
    );
    if (match.leftUnmatched > 0) {
      throw new InputError(
        `${match.leftUnmatched} holdout row${match.leftUnmatched === 1 ? ' has' : 's have'} no prediction in ${whole}: id${match.leftUnmatched === 1 ? '' : 's'} ${someKeys(match.leftUnmatchedKeys, match.leftUnmatched)} (column '${spec.id}')`,
        'Both models are scored on every holdout row: predict every row, or drop the rows from the holdout.',
      );
    }
    index = match.right;
    unmatched = match.rightUnmatched;
    join = 'id';
  } else if (spec.order) {
    if (loaded.rows !== rows) {
      throw new InputError(
        `${whole} has ${loaded.rows} rows but holdout '${holdout.path}' has ${rows}; order: true joins by row order and needs the same rows in the same order`,
        `Join on an id column both files hold instead (${context.setting}.id).`,
      );
    }
    index = Int32Array.from({ length: rows }, (_, i) => i);
    join = 'order';
  } else if (
    loaded.holdoutSha256 !== null &&
    loaded.files.every((f) => f.read.table.columns.has(PREDICT_COLUMNS.row))
  ) {
    if (loaded.holdoutSha256 !== holdout.sha256) {
      throw new InputError(
        `${whole} scored a different holdout (sha256 ${loaded.holdoutSha256.slice(0, 12)}…) than '${holdout.path}' (sha256 ${holdout.sha256.slice(0, 12)}…): its row numbers do not name these rows`,
        'Run model-gate predict on the same holdout file the gate reads.',
      );
    }
    index = matchRowNumbers(concatNumbers(loaded.files, PREDICT_COLUMNS.row), rows, where, whole);
    join = 'row';
  } else {
    throw new InputError(
      `${context.setting} does not say how ${role} match the holdout's rows`,
      `Set ${context.setting}.id to a column both files hold, or ${context.setting}.order: true when the predictions are in the holdout's row order.`,
    );
  }
  return {
    values: pickRows(loaded, index),
    width: loaded.width,
    columns: loaded.columns,
    files: filesJson(loaded),
    sha256: predictionsSha256(loaded),
    modelSha256: loaded.modelSha256,
    bytes: loaded.files.reduce((n, f) => n + f.read.bytes, 0),
    join,
    rows: loaded.rows,
    unmatched,
    graph: loaded.graph,
    output: loaded.output,
  };
}

/** `score_reads` as `model-gate predict` writes it: "probability (Sigmoid)", "logit (LogSoftmax)" or "". */
export function graphOf(reads: string | null): GraphEvidence | null {
  const match = /^(probability|logit) \((.+)\)$/.exec(reads ?? '');
  if (!match) return null;
  return { reads: match[1] as 'probability' | 'logit', op: match[2] as string };
}

export function readsText(graph: GraphEvidence | null): string {
  return graph?.reads ? `${graph.reads} (${graph.op})` : '';
}
