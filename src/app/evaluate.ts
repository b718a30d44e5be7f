/**
 * `evaluate`: one model on one holdout. Load the model, read the columns it needs and the
 * label, run it in batches, settle the task and classes, and compute the metrics.
 */
import { readTable } from '../data/read-table.js';
import { type Column, type MissingPolicy, missingCounts, type Table } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { distinctLabels, encodeBinary, encodeClasses, requireLabels } from '../domain/labels.js';
import { binaryMetrics, multiclassMetrics, regressionMetrics } from '../domain/metrics/index.js';
import { type EvaluateReport, REPORT_SCHEMA } from '../domain/report.js';
import { binaryScores, requireFinite } from '../domain/scores.js';
import { resolveBinary, resolveMulticlass, resolveTask, type Task } from '../domain/task.js';
import { columnRequests, defaultBatchSize, planInputs } from '../runtime/feeds.js';
import { type LoadedModel, loadModel } from '../runtime/model.js';
import { chooseScoreOutput } from '../runtime/outputs.js';
import { predict } from '../runtime/predict.js';
import { contractJson } from './contract-json.js';
import type { Progress } from './progress.js';

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
  const inputColumns = columnRequests(plans, model.contract.inputs);
  const requests = inputColumns.some((r) => r.name === request.label)
    ? inputColumns
    : [
        ...inputColumns,
        { name: request.label, type: 'auto' as const, purpose: 'the label column (--label)' },
      ];
  deps.progress.stage(`reading holdout ${request.data}`);
  const data = await readTable(request.data, {
    role: 'holdout',
    columns: requests,
    onProgress: (done, total) => deps.progress.update(done, total, 'bytes'),
  });
  const table = data.table;
  if (table.rows === 0) {
    throw new InputError(
      `holdout '${request.data}' has a header but no rows`,
      'Evaluate on a file with data rows.',
    );
  }
  if (request.missing === 'error') refuseMissing(table, request.data);
  const labelColumn = table.columns.get(request.label) as Column;
  requireLabels(labelColumn);
  const read = deps.now();

  const output = chooseScoreOutput(model.outputs, request.output);
  const batchSize = request.batchSize ?? defaultBatchSize(plans, table.rows);
  deps.progress.stage(`running ${request.model} on ${table.rows.toLocaleString('en-US')} rows`);
  const predictions = await predict(model, plans, table, output.name, {
    batchSize,
    onProgress: (done, total) => deps.progress.update(done, total, 'rows'),
  });
  const inferred = deps.now();
  requireFinite(predictions.values, predictions.width, `model output '${output.name}'`);

  const distinct = distinctLabels(labelColumn, 1000);
  const resolved = resolveTask({
    requested: request.task,
    scoreWidth: predictions.width,
    output: output.name,
    labelName: request.label,
    labelKind: labelColumn.kind,
    distinct: distinct.values,
    distinctTruncated: distinct.truncated,
  });
  const classes = model.contract.classLabels;
  let metrics: Record<string, number>;
  let confusion: EvaluateReport['confusion'];
  let label: EvaluateReport['label'] = { column: request.label };
  let score: EvaluateReport['model']['score'] = 'value';
  if (resolved.task === 'binary') {
    const binary = resolveBinary(request.label, distinct.values, classes, request.positiveLabel);
    const scores = binaryScores(predictions.values, predictions.width, binary.column);
    score = scores.kind;
    const result = binaryMetrics(
      encodeBinary(labelColumn, binary.classes[1]),
      scores.score,
      request.threshold,
    );
    metrics = result.metrics;
    confusion = { ...result.confusion };
    label = {
      column: request.label,
      classes: binary.classes,
      positive_label: binary.classes[1],
      positive_label_inferred: binary.positiveInferred,
    };
  } else if (resolved.task === 'multiclass') {
    const order = resolveMulticlass(request.label, distinct.values, classes, predictions.width);
    const result = multiclassMetrics(
      encodeClasses(labelColumn, order),
      Float64Array.from(predictions.values),
      order.length,
    );
    metrics = result.metrics;
    confusion = { labels: order, matrix: result.confusion };
    label = { column: request.label, classes: order };
    score = 'probability';
  } else {
    if (labelColumn.kind !== 'number') throw new Error('bug: regression with a text label');
    metrics = regressionMetrics(
      Float64Array.from(labelColumn.values),
      Float64Array.from(predictions.values),
    ).metrics;
  }
  const done = deps.now();

  const report: EvaluateReport = {
    schema: REPORT_SCHEMA,
    tool: { name: 'model-gate', version: deps.toolVersion },
    command: 'evaluate',
    task: resolved.task,
    task_inferred: resolved.inferred,
    task_reason: resolved.reason,
    rows: table.rows,
    ...(resolved.task === 'binary' ? { threshold: request.threshold } : {}),
    label,
    model: {
      path: request.model,
      sha256: model.sha256,
      bytes: model.bytes,
      output: output.name,
      score,
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
    metrics,
    ...(confusion ? { confusion } : {}),
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

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
