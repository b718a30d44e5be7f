/**
 * `evaluate`: one model on one holdout. The model is an ONNX file (loaded and run in batches)
 * or a predictions file joined to the holdout; or, for outcome tracking, logged predictions
 * joined to labels that arrived later, on an id, where metrics cover the rows that have a label.
 */

import { basename } from 'node:path';
import { readTable, type TableRead } from '../data/read-table.js';
import {
  type Column,
  type ColumnRequest,
  type MissingPolicy,
  missingCounts,
  type Table,
} from '../data/table.js';
import { mapInto } from '../domain/arrays.js';
import type { ModelSpec } from '../domain/config/index.js';
import { InputError } from '../domain/errors.js';
import { idKeys, matchIds } from '../domain/join.js';
import { requireLabels } from '../domain/labels.js';
import { type EvaluateReport, type OutcomesJson, REPORT_SCHEMA } from '../domain/report.js';
import type { ScoreReading } from '../domain/score-reading.js';
import { scorePredictions } from '../domain/scoring.js';
import type { Task } from '../domain/task.js';
import { mergeColumnRequests } from '../runtime/feeds.js';
import type { LoadedModel } from '../runtime/model.js';
import { modelJsonOf } from './model-json.js';
import {
  type ModelValues,
  modelValues,
  openModel,
  requestsOf,
  type Settings,
} from './model-side.js';
import {
  filesJson,
  loadPredictions,
  type PredictionsSpec,
  pickRows,
  predictionKeys,
  predictionsSha256,
} from './predictions-input.js';
import type { Progress } from './progress.js';
import { round } from './timing.js';

export interface EvaluateRequest {
  /** An ONNX model, or predictions (exactly one). */
  readonly model?: string | undefined;
  readonly predictions?: Omit<PredictionsSpec, 'kind'> | undefined;
  /** The holdout (features and label); for outcome tracking, the labels file. */
  readonly data: string;
  readonly label: string;
  /** Outcome tracking: join predictions to `data` (labels) on this column; unlabeled rows are counted. */
  readonly on?: string | undefined;
  readonly task?: Task | undefined;
  readonly positiveLabel?: string | undefined;
  readonly threshold: number;
  readonly features?: readonly string[] | undefined;
  readonly inputs?: Readonly<Record<string, readonly string[]>> | undefined;
  readonly output?: string | undefined;
  /** How an ONNX model's output is read. */
  readonly scores?: ScoreReading | undefined;
  readonly batchSize?: number | undefined;
  /** onnxruntime intra-op threads (see SessionOptions). */
  readonly threads: number;
  readonly missing: MissingPolicy;
}

export interface EvaluateDeps {
  readonly progress: Progress;
  readonly now: () => number;
  readonly toolVersion: string;
  /** The compiled worker entry (worker-script.ts), to read a large CSV on `threads` threads. */
  readonly worker?: URL | null | undefined;
}

export interface Evaluation {
  readonly report: EvaluateReport;
  /** The ONNX model when one ran (null for predictions). */
  readonly model: LoadedModel | null;
  readonly table: Table;
}

/** The flags `evaluate` has, for messages that say what to set. */
const FLAGS: Settings['flags'] = {
  features: '--features',
  inputs: '--inputs',
  batchSize: '--batch-size',
  output: '--output',
  scores: '--scores',
  readAs: '--read-as',
};

function refuseMissing(table: Table, path: string): void {
  for (const column of table.columns.values()) {
    if (column.missing === 0) continue;
    throw new InputError(
      `holdout '${path}': column '${column.name}' has ${column.missing} missing cell${column.missing === 1 ? '' : 's'}, and --missing error refuses them`,
      'Fill or drop them, or use --missing allow to feed them to the model as NaN (or "" for text).',
    );
  }
}

function specOf(request: EvaluateRequest): ModelSpec {
  if ((request.model === undefined) === (request.predictions === undefined)) {
    throw new InputError(
      request.model === undefined
        ? "'evaluate' needs --model FILE (an ONNX model) or --predictions FILE"
        : "'evaluate' takes --model or --predictions, not both",
      "See 'model-gate evaluate --help'.",
    );
  }
  if (request.predictions !== undefined) {
    return { kind: 'predictions', ...request.predictions };
  }
  return {
    kind: 'onnx',
    path: request.model as string,
    output: request.output,
    scores: request.scores ?? 'auto',
    features: request.features,
    inputs: request.inputs,
    batchSize: undefined,
  };
}

export async function evaluate(request: EvaluateRequest, deps: EvaluateDeps): Promise<Evaluation> {
  const started = deps.now();
  const spec = specOf(request);
  if (request.on !== undefined && spec.kind !== 'predictions') {
    throw new InputError(
      '--on joins logged predictions to their labels: it needs --predictions, not --model',
      'model-gate evaluate --predictions logs.parquet --scores score --labels outcomes.csv --on request_id --label outcome',
    );
  }
  const settings: Settings = { role: 'model', key: null, flags: FLAGS };
  deps.progress.stage(
    spec.kind === 'onnx' ? `loading model ${spec.path}` : `opening predictions ${spec.predictions}`,
  );
  const opened = await openModel(spec, settings, { threads: request.threads });
  const loaded = deps.now();

  if (request.on !== undefined && spec.kind === 'predictions') {
    return outcomes(request, spec, request.on, deps, started, loaded);
  }
  const data = await readHoldout(request, requestsOf(opened), deps);
  const table = data.table;
  const read = deps.now();
  const values = await modelValues(opened, data, {
    batchSize:
      request.batchSize !== undefined
        ? { size: request.batchSize, setting: '--batch-size' }
        : undefined,
    progress: deps.progress,
    label: spec.kind === 'onnx' ? spec.path : 'the predictions',
  });
  const inferred = deps.now();
  const report = scoreReport(request, values, table.columns.get(request.label) as Column, {
    deps,
    path: spec.kind === 'onnx' ? spec.path : spec.predictions,
    id: spec.kind === 'predictions' ? spec.id : undefined,
    data,
    outcomes: null,
    timings: { started, loaded, read, inferred },
  });
  return { report, model: values.onnx?.model ?? null, table };
}

interface ReportParts {
  readonly deps: EvaluateDeps;
  readonly path: string;
  readonly id: string | undefined;
  readonly data: TableRead;
  readonly outcomes: OutcomesJson | null;
  readonly timings: {
    readonly started: number;
    readonly loaded: number;
    readonly read: number;
    readonly inferred: number;
  };
}

function scoreReport(
  request: EvaluateRequest,
  values: ModelValues,
  label: Column,
  parts: ReportParts,
): EvaluateReport {
  const scoring = scorePredictions({
    label: { ...label, name: request.label },
    values: values.values,
    width: values.width,
    output: values.output,
    modelClasses: values.onnx ? values.onnx.model.contract.classLabels : null,
    task: request.task,
    positiveLabel: request.positiveLabel,
    threshold: request.threshold,
    reading: values.reading,
    graph: values.graph,
    what: `output '${values.output}'`,
    setting: values.readingSetting,
  });
  const done = parts.deps.now();
  const t = parts.timings;
  const rows = values.values.length / values.width;
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'model-gate', version: parts.deps.toolVersion },
    command: 'evaluate',
    task: scoring.task.task,
    task_inferred: scoring.task.inferred,
    task_reason: scoring.task.reason,
    rows,
    ...(scoring.task.task === 'binary' ? { threshold: request.threshold } : {}),
    label: scoring.label,
    model: modelJsonOf(values, scoring, parts.path, request.threads, parts.id),
    data: {
      path: request.data,
      sha256: parts.data.sha256,
      bytes: parts.data.bytes,
      format: parts.data.format,
      rows: parts.data.table.rows,
      missing: missingCounts(parts.data.table),
    },
    ...(parts.outcomes ? { outcomes: parts.outcomes } : {}),
    metrics: scoring.metrics,
    ...(scoring.confusion ? { confusion: scoring.confusion } : {}),
    timings: {
      load_ms: round(t.loaded - t.started),
      read_ms: round(t.read - t.loaded),
      infer_ms: round(t.inferred - t.read),
      metrics_ms: round(done - t.inferred),
      total_ms: round(done - t.started),
    },
  };
}

/**
 * Outcome tracking: logged predictions joined to labels that arrived later, on `on`. Metrics
 * cover the predictions that have a label; those without one, and labels without a
 * prediction, are counted. An id twice on either side is an error naming both rows.
 */
async function outcomes(
  given: EvaluateRequest,
  spec: PredictionsSpec,
  on: string,
  deps: EvaluateDeps,
  started: number,
  loadedAt: number,
): Promise<Evaluation> {
  let request = given;
  const predictions = await loadPredictions({
    spec: { ...spec, id: on },
    role: 'the predictions',
    setting: '--predictions',
    progress: deps.progress,
  });
  // Without --label, the labels file's one column besides --on is the label.
  const labels =
    request.label !== ''
      ? await readHoldout(
          request,
          [{ name: on, type: 'auto', purpose: 'the id labels are joined on (--on)' }],
          deps,
          'labels',
        )
      : await readTable(request.data, { role: 'labels' });
  const labelName = request.label !== '' ? request.label : onlyLabel(labels, on);
  if (!labels.table.columns.has(on)) {
    throw new InputError(
      `labels '${request.data}' has no column '${on}' (--on); its columns are ${labels.table.header.map((h) => `'${h}'`).join(', ')}`,
    );
  }
  request = { ...request, label: labelName };
  const read = deps.now();
  const match = matchIds(
    {
      keys: predictionKeys(predictions, on),
      name: predictions.whole,
      where: predictions.where,
    },
    {
      keys: idKeys(labels.table.columns.get(on) as Column),
      name: `labels '${labels.path}'`,
      where: (i) => `row ${i + 1} of labels '${basename(labels.path)}'`,
    },
    on,
  );
  // A label row whose outcome is still empty is a request not yet labeled, like one not listed.
  const labelColumn = labels.table.columns.get(request.label) as Column;
  const hasLabel = (j: number) =>
    labelColumn.kind === 'number'
      ? !Number.isNaN(labelColumn.values[j] as number)
      : (labelColumn.codes[j] as number) >= 0;
  const pairs: [number, number][] = [];
  match.right.forEach((j, i) => {
    if (j >= 0 && hasLabel(j)) pairs.push([i, j]);
  });
  const labeled = pairs.length;
  if (labeled === 0) {
    throw new InputError(
      `no prediction in ${predictions.whole} has a label in '${labels.path}' (joined on '${on}')`,
      `Check --on names the id both files hold, spelled the same way (e.g. '17' in one and 'A17' in the other never match).`,
    );
  }
  const predictionRows = Int32Array.from(pairs, ([i]) => i);
  const label = subset(
    labelColumn,
    Int32Array.from(pairs, ([, j]) => j),
  );
  const values: ModelValues = {
    values: pickRows(predictions, predictionRows),
    width: predictions.width,
    output: predictions.output ?? predictions.columns.join(', '),
    reading: spec.readAs,
    graph: predictions.graph,
    readingSetting: '--read-as',
    onnx: null,
    predictions: {
      width: predictions.width,
      columns: predictions.columns,
      files: filesJson(predictions),
      sha256: predictionsSha256(predictions),
      modelSha256: predictions.modelSha256,
      bytes: predictions.files.reduce((n, f) => n + f.read.bytes, 0),
      join: 'id',
      rows: predictions.rows,
      unmatched: match.leftUnmatched,
      graph: predictions.graph,
      output: predictions.output,
    },
  };
  const outcomesJson: OutcomesJson = {
    on,
    predictions: predictions.rows,
    labeled,
    unlabeled: predictions.rows - labeled,
    labels_without_prediction: match.rightUnmatched,
  };
  const report = scoreReport(request, values, label, {
    deps,
    path: spec.predictions,
    id: on,
    data: labels,
    outcomes: outcomesJson,
    timings: { started, loaded: loadedAt, read, inferred: read },
  });
  return { report, model: null, table: labels.table };
}

function onlyLabel(labels: TableRead, on: string): string {
  const others = labels.table.header.filter((h) => h !== on);
  if (others.length !== 1) {
    throw new InputError(
      `labels '${labels.path}' has ${others.length} columns besides '${on}' (${others.map((h) => `'${h}'`).join(', ')}): which is the label?`,
      'Name it with --label COLUMN.',
    );
  }
  return others[0] as string;
}

/** Rows `rows` of a column, in that order. */
function subset(column: Column, rows: Int32Array): Column {
  if (column.kind === 'number') {
    const values = mapInto(new Float64Array(rows.length), rows, (i) => column.values[i] as number);
    return { ...column, values, missing: values.filter(Number.isNaN).length };
  }
  const codes = mapInto(new Int32Array(rows.length), rows, (i) => column.codes[i] as number);
  return { ...column, codes, missing: codes.filter((c) => c < 0).length };
}

/** The columns asked for and the label; an empty file, or refused missing cells, are errors. */
async function readHoldout(
  request: EvaluateRequest,
  inputs: ColumnRequest[],
  deps: EvaluateDeps,
  role: 'holdout' | 'labels' = 'holdout',
): Promise<TableRead> {
  const { progress, worker } = deps;
  const requests = mergeColumnRequests([
    inputs,
    [{ name: request.label, type: 'auto', purpose: 'the label column (--label)' }],
  ]);
  progress.stage(`reading ${role} ${request.data}`);
  const data = await readTable(request.data, {
    role,
    columns: requests,
    onProgress: (done, total) => progress.update(done, total, 'bytes'),
    parallel: worker ? { worker, threads: request.threads } : undefined,
  });
  if (data.table.rows === 0) {
    throw new InputError(
      `${role} '${request.data}' has a header but no rows`,
      'Evaluate on a file with data rows.',
    );
  }
  if (request.missing === 'error' && role === 'holdout') refuseMissing(data.table, request.data);
  // Before inference, so a user is not kept waiting for an error scoring would raise anyway.
  if (role === 'holdout') requireLabels(data.table.columns.get(request.label) as Column);
  return data;
}
