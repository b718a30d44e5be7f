/**
 * Runs a model over a table in batches and collects one output, row-major (`width` values per
 * row). A model with a fixed batch of k runs k rows at a time; the last batch is padded with
 * copies of its last row and the padding's outputs are dropped. Progress is reported after
 * each batch.
 */
import type { Table } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { type BatchPlan, buildFeeds, type InputPlan } from './feeds.js';
import type { LoadedModel } from './model.js';

export interface Predictions {
  readonly output: string;
  readonly width: number;
  /** In the output's own precision: float32 outputs stay Float32Array (half the memory). */
  readonly values: Float32Array | Float64Array;
  /** Rows added to fill a fixed-batch model's last batch (their outputs were dropped). */
  readonly paddedRows: number;
}

export interface PredictOptions {
  readonly batch: BatchPlan;
  /** Rows [start, end) of the table; all rows when absent. */
  readonly range?: { readonly start: number; readonly end: number } | undefined;
  readonly onProgress?: (done: number, total: number) => void;
}

/** onnxruntime's words for a batch the graph cannot take (a Reshape or shape fixed inside it). */
const SHAPE_FAILURE = /dimension|shape|reshape|broadcast|invalid_argument|got invalid/i;

export async function predict(
  model: LoadedModel,
  plans: readonly InputPlan[],
  table: Table,
  output: string,
  options: PredictOptions,
): Promise<Predictions> {
  const first = options.range?.start ?? 0;
  const last = options.range?.end ?? table.rows;
  const rows = last - first;
  const { size, fixed } = options.batch;
  let values: Float32Array | Float64Array | null = null;
  let width = 0;
  let paddedRows = 0;
  for (let start = first; start < last; start += size) {
    const end = Math.min(last, start + size);
    const n = end - start;
    const fed = fixed ? size : n;
    const feeds = buildFeeds(plans, table, start, end, model.ort, fed);
    let result: Awaited<ReturnType<typeof model.session.run>>;
    try {
      result = await model.session.run(feeds, [output]);
    } catch (error) {
      throw runFailure(model, error as Error, start, end, fed, options.batch);
    }
    paddedRows += fed - n;
    const tensor = result[output];
    if (!tensor) throw new Error(`bug: onnxruntime returned no '${output}'`);
    const dims = tensor.dims;
    const batchWidth = dims.length === 1 ? 1 : dims.length === 2 ? (dims[1] as number) : -1;
    if (dims[0] !== fed || batchWidth < 1) {
      throw new InputError(
        `output '${output}' of model '${model.path}' has shape [${dims.join(',')}] for a batch of ${fed} rows; model-gate reads [N], [N,1] or [N,C] outputs, one row per input row`,
        'Read another output (output: in the model entry, or --output).',
      );
    }
    const data = tensor.data;
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new InputError(`output '${output}' is ${tensor.type}, not float`);
    }
    if (values === null) {
      width = batchWidth;
      values =
        data instanceof Float32Array
          ? new Float32Array(rows * width)
          : new Float64Array(rows * width);
    } else if (batchWidth !== width) {
      throw new InputError(
        `output '${output}' changed width between batches (${width} then ${batchWidth})`,
      );
    }
    // The padding's outputs, past the n real rows, are dropped.
    values.set(n === fed ? data : data.subarray(0, n * width), (start - first) * width);
    options.onProgress?.(end - first, rows);
  }
  return { output, width, values: values ?? new Float32Array(0), paddedRows };
}

function runFailure(
  model: LoadedModel,
  error: Error,
  start: number,
  end: number,
  fed: number,
  batch: BatchPlan,
): InputError {
  const message = `onnxruntime could not run model '${model.path}' on rows ${start + 1}-${end}: ${error.message}`;
  if (!batch.fixed && fed > 1 && SHAPE_FAILURE.test(error.message)) {
    return new InputError(
      `${message} (a batch of ${fed} rows)`,
      'The graph may fix the batch inside it (torch.onnx.export without dynamic_axes): try batch_size: 1 in the model entry (or --batch-size 1); otherwise check the columns feeding each input.',
    );
  }
  return new InputError(
    message,
    'Check that the columns feeding each input hold what the model was trained on.',
  );
}
