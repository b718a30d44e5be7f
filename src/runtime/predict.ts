/**
 * Runs a model over a table in batches and collects one output as float64, row-major
 * (`width` values per row). Progress is reported after each batch.
 */
import type { Table } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { buildFeeds, type InputPlan } from './feeds.js';
import type { LoadedModel } from './model.js';

export interface Predictions {
  readonly output: string;
  readonly width: number;
  /** In the output's own precision: float32 outputs stay Float32Array (half the memory). */
  readonly values: Float32Array | Float64Array;
}

export interface PredictOptions {
  readonly batchSize: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function predict(
  model: LoadedModel,
  plans: readonly InputPlan[],
  table: Table,
  output: string,
  options: PredictOptions,
): Promise<Predictions> {
  const rows = table.rows;
  let values: Float32Array | Float64Array | null = null;
  let width = 0;
  for (let start = 0; start < rows; start += options.batchSize) {
    const end = Math.min(rows, start + options.batchSize);
    const feeds = buildFeeds(plans, table, start, end, model.ort);
    let result: Awaited<ReturnType<typeof model.session.run>>;
    try {
      result = await model.session.run(feeds, [output]);
    } catch (error) {
      throw new InputError(
        `onnxruntime could not run model '${model.path}' on rows ${start + 1}-${end}: ${(error as Error).message}`,
        'Check that the columns feeding each input hold what the model was trained on.',
      );
    }
    const tensor = result[output];
    if (!tensor) throw new Error(`bug: onnxruntime returned no '${output}'`);
    const dims = tensor.dims;
    const n = end - start;
    const batchWidth = dims.length === 1 ? 1 : dims.length === 2 ? (dims[1] as number) : -1;
    if (dims[0] !== n || batchWidth < 1) {
      throw new InputError(
        `output '${output}' of model '${model.path}' has shape [${dims.join(',')}] for ${n} rows; model-gate reads [N], [N,1] or [N,C] outputs`,
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
    values.set(data, start * width);
    options.onProgress?.(end, rows);
  }
  return { output, width, values: values ?? new Float32Array(0) };
}
