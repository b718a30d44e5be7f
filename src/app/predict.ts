/**
 * `predict`: one model on a holdout — or on one shard of it, for inference spread over a CI
 * matrix — written as a predictions file the gate reads instead of the model
 * (data/predictions-file.ts). Shards are whole batches: shard i of N runs the same batches,
 * from the same rows, as the unsharded run, so its scores are the same to the last bit (a tree
 * ensemble's float32 sums depend on the batch), and N shards make the same gate as one run.
 */
import { type PredictFile, writePredictFile } from '../data/predictions-file.js';
import { readTable } from '../data/read-table.js';
import type { Column } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { batchPlan, mergeColumnRequests } from '../runtime/feeds.js';
import { predict } from '../runtime/predict.js';
import { graphOfOutput, openModel, requestsOf } from './model-side.js';
import { readsText } from './predictions-input.js';
import type { Progress } from './progress.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface PredictRequest {
  readonly model: string;
  readonly data: string;
  readonly out: string;
  readonly shard?: Shard | undefined;
  /** A holdout column to copy into the file, for joins on an id. */
  readonly id?: string | undefined;
  readonly output?: string | undefined;
  readonly features?: readonly string[] | undefined;
  readonly inputs?: Readonly<Record<string, readonly string[]>> | undefined;
  readonly batchSize?: number | undefined;
  readonly threads: number;
  /** The compiled worker entry (worker-script.ts), to read a large holdout on `threads` threads. */
  readonly worker?: URL | null | undefined;
}

export interface PredictSummary {
  readonly out: string;
  readonly modelSha256: string;
  readonly holdoutSha256: string;
  readonly output: string;
  /** Holdout rows [start, end) this shard scored (0-based, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly holdoutRows: number;
  readonly batchSize: number;
  readonly paddedRows: number;
}

/**
 * The rows of shard `index` of `count`: whole batches of `batch` rows, split as evenly as
 * whole batches allow (a shard may be empty when there are more shards than batches).
 */
export function shardRows(
  rows: number,
  batch: number,
  shard: Shard,
): { start: number; end: number } {
  const batches = Math.ceil(rows / batch);
  const first = Math.floor(((shard.index - 1) * batches) / shard.count);
  const last = Math.floor((shard.index * batches) / shard.count);
  return { start: Math.min(rows, first * batch), end: Math.min(rows, last * batch) };
}

function idValues(column: Column, start: number, end: number): (string | number | null)[] {
  const out: (string | number | null)[] = [];
  for (let i = start; i < end; i++) {
    if (column.kind === 'number') {
      const v = column.values[i] as number;
      out.push(Number.isNaN(v) ? null : v);
    } else {
      const code = column.codes[i] as number;
      out.push(code < 0 ? null : (column.levels[code] as string));
    }
  }
  return out;
}

export async function predictToFile(
  request: PredictRequest,
  progress: Progress,
): Promise<PredictSummary> {
  progress.stage(`loading model ${request.model}`);
  const opened = await openModel(
    {
      kind: 'onnx',
      path: request.model,
      output: request.output,
      scores: 'auto',
      features: request.features,
      inputs: request.inputs,
    },
    {
      role: 'model',
      key: null,
      flags: {
        features: '--features',
        inputs: '--inputs',
        batchSize: '--batch-size',
        output: '--output',
      },
    },
    { threads: request.threads },
  );
  if (opened.kind !== 'onnx') throw new Error('bug: predict opened predictions');
  progress.stage(`reading holdout ${request.data}`);
  const holdout = await readTable(request.data, {
    role: 'holdout',
    columns: mergeColumnRequests([
      requestsOf(opened),
      request.id === undefined
        ? []
        : [{ name: request.id, type: 'auto', purpose: 'the id column (--id)' }],
    ]),
    onProgress: (d, t) => progress.update(d, t, 'bytes'),
    parallel: request.worker ? { worker: request.worker, threads: request.threads } : undefined,
  });
  const rows = holdout.table.rows;
  if (rows === 0) {
    throw new InputError(`holdout '${request.data}' has a header but no rows`);
  }
  const { model, plans, output } = opened;
  const batch = batchPlan(
    plans,
    model.contract.inputs,
    rows,
    request.batchSize === undefined
      ? undefined
      : { size: request.batchSize, setting: '--batch-size' },
    `model '${request.model}'`,
  );
  const range = request.shard
    ? shardRows(rows, batch.size, request.shard)
    : { start: 0, end: rows };
  const shardText = request.shard
    ? ` (shard ${request.shard.index} of ${request.shard.count})`
    : '';
  progress.stage(
    `running ${request.model} on rows ${range.start + 1}-${range.end} of ${rows.toLocaleString('en-US')}${shardText}`,
  );
  const predicted =
    range.end > range.start
      ? await predict(model, plans, holdout.table, output.name, {
          batch,
          range,
          onProgress: (d, t) => progress.update(d, t, 'rows'),
        })
      : { values: new Float32Array(0), width: 1, paddedRows: 0 };
  const file: PredictFile = {
    rows: Int32Array.from({ length: range.end - range.start }, (_, i) => range.start + i + 1),
    id:
      request.id === undefined
        ? null
        : {
            name: request.id,
            values: idValues(
              holdout.table.columns.get(request.id) as Column,
              range.start,
              range.end,
            ),
          },
    scores: predicted.values,
    width: predicted.width,
    modelSha256: model.sha256,
    holdoutSha256: holdout.sha256,
    output: output.name,
    reads: readsText(graphOfOutput(model, output.name)),
  };
  progress.stage(`writing ${request.out}`);
  writePredictFile(request.out, file, '--out');
  return {
    out: request.out,
    modelSha256: model.sha256,
    holdoutSha256: holdout.sha256,
    output: output.name,
    start: range.start,
    end: range.end,
    holdoutRows: rows,
    batchSize: batch.size,
    paddedRows: predicted.paddedRows,
  };
}
