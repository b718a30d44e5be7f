/**
 * `evaluate`: one model on one holdout. Load the model, read the columns it needs and the
 * label, run it in batches, settle the task and classes, and compute the metrics.
 */

import { readTable, type TableRead } from '../data/read-table.js';
import {
  type Column,
  type ColumnRequest,
  type MissingPolicy,
  missingCounts,
  type Table,
} from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { requireLabels } from '../domain/labels.js';
import { type EvaluateReport, REPORT_SCHEMA } from '../domain/report.js';
import { scorePredictions } from '../domain/scoring.js';
import type { Task } from '../domain/task.js';
import { columnRequests, defaultBatchSize, planInputs } from '../runtime/feeds.js';
import { type LoadedModel, loadModel } from '../runtime/model.js';
import { chooseScoreOutput } from '../runtime/outputs.js';
import { predict } from '../runtime/predict.js';
import { contractJson } from './contract-json.js';
import type { Progress } from './progress.js';
import { round } from './timing.js';

export interface EvaluateRequest {
  readonly model: string;
  readonly data: string;
  readonly label: string;
  readonly task?: Task | undefined;
  readonly positiveLabel?: string | undefined;
  readonly threshold: number;
  readonly features?: readonly string[] | undefined;
  readonly output?: string | undefined;
  readonly batchSize?: number | undefined;
  /** onnxruntime intra-op threads (see SessionOptions). */
  readonly threads: number;
  readonly missing: MissingPolicy;
}

export interface EvaluateDeps {
  readonly progress: Progress;
  readonly now: () => number;
  readonly toolVersion: string;
}

export interface Evaluation {
  readonly report: EvaluateReport;
  readonly model: LoadedModel;
  readonly table: Table;
}

function refuseMissing(table: Table, path: string): void {
  for (const column of table.columns.values()) {
    if (column.missing === 0) continue;
    throw new InputError(
      `holdout '${path}': column '${column.name}' has ${column.missing} missing cell${column.missing === 1 ? '' : 's'}, and --missing error refuses them`,
      'Fill or drop them, or use --missing allow to feed them to the model as NaN (or "" for text).',
    );
  }
}

export async function evaluate(request: EvaluateRequest, deps: EvaluateDeps): Promise<Evaluation> {
  const started = deps.now();
  deps.progress.stage(`loading model ${request.model}`);
  const model = await loadModel(request.model, 'model', { threads: request.threads });
  const loaded = deps.now();

  const plans = planInputs(model.contract.inputs, request.features);
  const data = await readHoldout(
    request,
    columnRequests(plans, model.contract.inputs),
    deps.progress,
  );
  const table = data.table;
  const read = deps.now();

  const output = chooseScoreOutput(model.outputs, request.output);
  const batchSize = request.batchSize ?? defaultBatchSize(plans, table.rows);
  deps.progress.stage(`running ${request.model} on ${table.rows.toLocaleString('en-US')} rows`);
  const predictions = await predict(model, plans, table, output.name, {
    batchSize,
    onProgress: (done, total) => deps.progress.update(done, total, 'rows'),
  });
  const inferred = deps.now();

  const scoring = scorePredictions({
    label: table.columns.get(request.label) as Column,
    values: predictions.values,
    width: predictions.width,
    output: output.name,
    modelClasses: model.contract.classLabels,
    task: request.task,
    positiveLabel: request.positiveLabel,
    threshold: request.threshold,
  });
  const done = deps.now();

  const report: EvaluateReport = {
    schema: REPORT_SCHEMA,
    tool: { name: 'model-gate', version: deps.toolVersion },
    command: 'evaluate',
    task: scoring.task.task,
    task_inferred: scoring.task.inferred,
    task_reason: scoring.task.reason,
    rows: table.rows,
    ...(scoring.task.task === 'binary' ? { threshold: request.threshold } : {}),
    label: scoring.label,
    model: {
      path: request.model,
      sha256: model.sha256,
      bytes: model.bytes,
      output: output.name,
      score: scoring.score,
      threads: request.threads,
      batch_size: batchSize,
      zipmap_stripped: model.zipmapReplaced,
      contract: contractJson(model.contract),
    },
    data: {
      path: request.data,
      sha256: data.sha256,
      bytes: data.bytes,
      format: data.format,
      rows: table.rows,
      missing: missingCounts(table),
    },
    metrics: scoring.metrics,
    ...(scoring.confusion ? { confusion: scoring.confusion } : {}),
    timings: {
      load_ms: round(loaded - started),
      read_ms: round(read - loaded),
      infer_ms: round(inferred - read),
      metrics_ms: round(done - inferred),
      total_ms: round(done - started),
    },
  };
  return { report, model, table };
}

/** The model's columns and the label; an empty holdout, or refused missing cells, are errors. */
async function readHoldout(
  request: EvaluateRequest,
  inputs: ColumnRequest[],
  progress: Progress,
): Promise<TableRead> {
  const requests = inputs.some((r) => r.name === request.label)
    ? inputs
    : [
        ...inputs,
        { name: request.label, type: 'auto' as const, purpose: 'the label column (--label)' },
      ];
  progress.stage(`reading holdout ${request.data}`);
  const data = await readTable(request.data, {
    role: 'holdout',
    columns: requests,
    onProgress: (done, total) => progress.update(done, total, 'bytes'),
  });
  if (data.table.rows === 0) {
    throw new InputError(
      `holdout '${request.data}' has a header but no rows`,
      'Evaluate on a file with data rows.',
    );
  }
  if (request.missing === 'error') refuseMissing(data.table, request.data);
  // Before inference, so a user is not kept waiting for an error scoring would raise anyway.
  requireLabels(data.table.columns.get(request.label) as Column);
  return data;
}
