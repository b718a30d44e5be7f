/**
 * From the model's inputs to the columns to read and the tensors to feed. An input of shape
 * [N,1] or [N] takes the column of the same name (as skl2onnx exports pipelines); an input of
 * shape [N,F] takes F columns, in order, from the model's feature list (or, for a model with
 * several such inputs, from its list for that input). Only the inputs the model declares are
 * fed, so a holdout may carry any other columns. A batch dimension the model fixes ([1,F] from
 * torch.onnx.export without dynamic_axes) sets the batch size; the last batch is padded.
 */
import type * as Ort from 'onnxruntime-node';
import type { Column, ColumnRequest, ColumnType, Table } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import type { ValueInfo } from './onnx/contract.js';

export interface InputPlan {
  readonly input: string;
  readonly type: string;
  readonly columns: readonly string[];
  /** 'column' feeds [n,1] (or [n] for rank-1 inputs); 'matrix' feeds [n,F]. */
  readonly layout: 'column' | 'vector' | 'matrix';
}

const READ_AS: Record<string, ColumnType> = {
  float: 'float32',
  double: 'float64',
  int64: 'float64',
  int32: 'float64',
  string: 'string',
};

/** How the reader stores the columns a plan feeds (a float input's as float32). */
export function readTypeOf(plan: InputPlan): ColumnType {
  return READ_AS[plan.type] as ColumnType;
}

export function describeInput(input: ValueInfo): string {
  const shape = input.shape ? `[${input.shape.map((d) => d ?? 'N').join(',')}]` : '';
  return `model input '${input.name}' (${input.type}${shape})`;
}

/** Which columns feed the model's multi-column inputs, and how to name the model in errors. */
export interface FeedSpec {
  /** The columns of the model's one [N, F] input. */
  readonly features?: readonly string[] | undefined;
  /** The columns of each [N, F] input, by input name. */
  readonly inputs?: Readonly<Record<string, readonly string[]>> | undefined;
  /** e.g. "the candidate model 'a.onnx'" or "model 'a.onnx'". */
  readonly model: string;
  /** Where this model's feature list is given, e.g. "--features" or "models.candidate.features". */
  readonly featuresSetting: string;
  /** Where its per-input lists are given; undefined where nothing can give them. */
  readonly inputsSetting: string;
}

function isMatrix(input: ValueInfo): boolean {
  const width = input.shape?.[1];
  return input.shape?.length === 2 && typeof width === 'number' && width > 1;
}

function inputNames(inputs: readonly ValueInfo[]): string {
  return inputs.map((i) => `'${i.name}'`).join(', ');
}

/** Plans every declared input from the feature lists in `spec`. */
export function planInputs(inputs: readonly ValueInfo[], spec: FeedSpec): InputPlan[] {
  const byInput = spec.inputs ?? {};
  for (const name of Object.keys(byInput)) {
    if (!inputs.some((i) => i.name === name)) {
      throw new InputError(
        `${spec.inputsSetting} names input '${name}', but ${spec.model} has no such input; its inputs are ${inputNames(inputs)}`,
      );
    }
  }
  const matrices = inputs.filter((i) => isMatrix(i) && byInput[i.name] === undefined);
  if (matrices.length > 1) {
    throw new InputError(
      `${spec.model} has ${matrices.length} multi-column inputs (${inputNames(matrices)}), and one feature list cannot feed them all`,
      `Give each input its columns: ${spec.inputsSetting}: { ${matrices.map((m) => `${m.name}: [...]`).join(', ')} }.`,
    );
  }
  return inputs.map((input) => planInput(input, inputs.length, spec));
}

function planInput(input: ValueInfo, count: number, spec: FeedSpec): InputPlan {
  const what = `${describeInput(input)} of ${spec.model}`;
  if (input.kind !== 'tensor' || READ_AS[input.type] === undefined) {
    throw new InputError(
      `${what} has a type model-gate cannot feed from a table`,
      'Supported input element types: float, double, int64, int32, string.',
    );
  }
  const rank = input.shape?.length ?? 2;
  const width = input.shape?.[1];
  const given = spec.inputs?.[input.name];
  const features = given ?? (count === 1 || isMatrix(input) ? spec.features : undefined);
  const setting = given ? `${spec.inputsSetting}.${input.name}` : spec.featuresSetting;
  if (rank > 2 || rank === 0) {
    throw new InputError(`${what} has a shape model-gate cannot feed from a table`);
  }
  if (rank === 2 && typeof width === 'number' && width > 1) {
    if (!features || features.length === 0) {
      throw new InputError(
        `${what} takes ${width} features in one tensor, and no feature list was given`,
        `Give the ${width} column names, in the order the model was trained on, in ${setting}.`,
      );
    }
    if (features.length !== width) {
      throw new InputError(
        `${what} takes ${width} features but ${setting} lists ${features.length}`,
      );
    }
    return { input: input.name, type: input.type, columns: features, layout: 'matrix' };
  }
  if (rank === 2 && width !== 1 && width !== null && typeof width !== 'string') {
    throw new InputError(`${what} has a shape model-gate cannot feed from a table`);
  }
  if (rank === 2 && width !== 1 && features && features.length > 0) {
    // A symbolic width: the feature list decides it.
    return { input: input.name, type: input.type, columns: features, layout: 'matrix' };
  }
  if (given && (given.length !== 1 || rank === 1)) {
    throw new InputError(
      `${spec.inputsSetting}.${input.name} lists ${given.length} columns, but ${what} takes one`,
    );
  }
  return {
    input: input.name,
    type: input.type,
    columns: given ?? [input.name],
    layout: rank === 1 ? 'vector' : 'column',
  };
}

/**
 * The batch a model's inputs fix (torch.onnx.export without dynamic_axes gives [1, F] or
 * [k, F]), or null when the batch dimension is free. Inputs that disagree cannot be fed.
 */
export function fixedBatch(inputs: readonly ValueInfo[], model: string): number | null {
  let fixed: { size: number; input: string } | null = null;
  for (const input of inputs) {
    const dim = input.shape?.[0];
    if (typeof dim !== 'number' || dim < 1) continue;
    if (fixed !== null && fixed.size !== dim) {
      throw new InputError(
        `${model} fixes different batch sizes on its inputs: ${fixed.size} on '${fixed.input}' and ${dim} on '${input.name}'`,
        'Export the model with one batch dimension shared by every input (dynamic_axes in torch.onnx.export).',
      );
    }
    fixed = { size: dim, input: input.name };
  }
  return fixed?.size ?? null;
}

/** Rows per session.run, and whether the model fixes it. */
export interface BatchPlan {
  readonly size: number;
  /** The model takes exactly `size` rows per run; a last short batch is padded. */
  readonly fixed: boolean;
}

/**
 * The batch to run: the model's fixed batch (a requested size that differs is refused), else
 * the requested size, else defaultBatchSize. `setting` names where a size was requested.
 */
export function batchPlan(
  plans: readonly InputPlan[],
  inputs: readonly ValueInfo[],
  rows: number,
  requested: { readonly size: number; readonly setting: string } | undefined,
  model: string,
): BatchPlan {
  const fixed = fixedBatch(inputs, model);
  if (fixed !== null) {
    if (requested !== undefined && requested.size !== fixed) {
      const input = inputs.find((i) => i.shape?.[0] === fixed) as ValueInfo;
      throw new InputError(
        `${model} takes batches of exactly ${fixed} row${fixed === 1 ? '' : 's'} (${describeInput(input)}), so ${requested.setting} ${requested.size} cannot be fed to it`,
        `Remove ${requested.setting}, or set it to ${fixed}; model-gate runs a fixed-batch model ${fixed} rows at a time and pads the last batch.`,
      );
    }
    return { size: fixed, fixed: true };
  }
  if (requested !== undefined) return { size: requested.size, fixed: false };
  return { size: defaultBatchSize(plans, rows), fixed: false };
}

/** The column reads the plans need, each with the purpose an error message will name. */
export function columnRequests(
  plans: readonly InputPlan[],
  inputs: readonly ValueInfo[],
): ColumnRequest[] {
  const out = new Map<string, ColumnRequest>();
  for (const plan of plans) {
    const input = inputs.find((i) => i.name === plan.input) as ValueInfo;
    for (const name of plan.columns) {
      const type = readTypeOf(plan);
      const previous = out.get(name);
      if (previous && previous.type !== type) {
        throw new InputError(
          `column '${name}' feeds inputs of different types (${previous.purpose} and ${describeInput(input)})`,
        );
      }
      out.set(name, { name, type, purpose: describeInput(input) });
    }
  }
  return [...out.values()];
}

/**
 * One list of column reads for several models: a column two models read as float32 and
 * float64 is read once as float64 (the float32 feed is converted per batch), and so is a model's
 * float32 column that is also read as `auto` (a slice or the label); a column one model reads as
 * text and another as numbers is an error naming both inputs.
 */
export function mergeColumnRequests(lists: readonly (readonly ColumnRequest[])[]): ColumnRequest[] {
  const out = new Map<string, ColumnRequest>();
  for (const list of lists) {
    for (const request of list) {
      const previous = out.get(request.name);
      if (!previous || previous.type === request.type) {
        if (!previous) out.set(request.name, request);
        continue;
      }
      // 'auto' (a label or slice column) takes whatever type a model needs — but exact numbers
      // over a model's float32: a slice's bin edges are compared with the values as written (29.85
      // is above the edge 29.85 in float32), and the float32 feed is converted per batch.
      if (request.type === 'auto' || previous.type === 'auto') {
        const model = request.type === 'auto' ? previous : request;
        out.set(request.name, model.type === 'float32' ? { ...model, type: 'float64' } : model);
        continue;
      }
      if (previous.type === 'string' || request.type === 'string') {
        throw new InputError(
          `column '${request.name}' feeds ${previous.purpose ?? 'one input'} as text and ${request.purpose ?? 'another'} as numbers`,
          'Both models must agree on the type of a column they share.',
        );
      }
      out.set(request.name, { ...previous, type: 'float64' });
    }
  }
  return [...out.values()];
}

function int64Batch(column: Column, start: number, end: number, plan: InputPlan): BigInt64Array {
  if (column.kind !== 'number') throw new Error(`bug: column '${column.name}' should be numeric`);
  const out = new BigInt64Array(end - start);
  for (let i = start; i < end; i++) {
    const v = column.values[i] as number;
    if (!Number.isInteger(v)) {
      throw new InputError(
        `row ${i + 1}, column '${column.name}': ${Number.isNaN(v) ? 'a missing cell' : `'${v}'`} cannot be fed to model input '${plan.input}' (${plan.type}), which takes whole numbers`,
        'Fill missing cells, or export the model with a float input that it imputes.',
      );
    }
    out[i - start] = BigInt(v);
  }
  return out;
}

function stringBatch(column: Column, start: number, end: number): string[] {
  if (column.kind !== 'category') throw new Error(`bug: column '${column.name}' should be text`);
  const out = new Array<string>(end - start);
  const { codes, levels } = column;
  for (let i = start; i < end; i++) {
    const code = codes[i] as number;
    out[i - start] = code < 0 ? '' : (levels[code] as string);
  }
  return out;
}

/**
 * Rows [start, end) as float32: a view when the column is stored so, else a converted copy.
 * onnxruntime refuses memory shared between threads (a CSV read on several threads stores its
 * columns so): such rows are copied.
 */
function float32View(column: Column, start: number, end: number): Float32Array {
  const values = numberColumn(column).subarray(start, end);
  if (!(values instanceof Float32Array)) return new Float32Array(values);
  return values.buffer instanceof SharedArrayBuffer ? values.slice() : values;
}

function float64View(column: Column, start: number, end: number): Float64Array {
  const values = numberColumn(column).subarray(start, end);
  if (!(values instanceof Float64Array)) return new Float64Array(values);
  return values.buffer instanceof SharedArrayBuffer ? values.slice() : values;
}

function numberColumn(column: Column): Float32Array | Float64Array {
  if (column.kind !== 'number') throw new Error(`bug: column '${column.name}' should be numeric`);
  return column.values;
}

type Batch = Float32Array | Float64Array | BigInt64Array | Int32Array | string[];

/**
 * `rows` values, `per` to a row, padded to `size` rows by repeating the last row: a model with a
 * fixed batch of k takes exactly k rows, and the padding's outputs are dropped (predict.ts).
 */
function pad<T extends Batch>(values: T, per: number, size: number): T {
  const rows = values.length / per;
  if (rows >= size) return values;
  const last = (rows - 1) * per;
  if (Array.isArray(values)) {
    const out = values.slice();
    for (let r = rows; r < size; r++)
      for (let j = 0; j < per; j++) out.push(values[last + j] as string);
    return out as T;
  }
  const typed = values as Exclude<Batch, string[]>;
  const out = new (typed.constructor as new (n: number) => typeof typed)(size * per);
  // biome-ignore lint/suspicious/noExplicitAny: one copy for every typed array kind
  (out as any).set(typed);
  for (let r = rows; r < size; r++) out.copyWithin(r * per, last, last + per);
  return out as T;
}

/**
 * The feeds for rows [start, end), padded to `size` rows for a model with a fixed batch. Float
 * columns are fed as views, without copying, when no padding is needed.
 */
export function buildFeeds(
  plans: readonly InputPlan[],
  table: Table,
  start: number,
  end: number,
  ort: Pick<typeof Ort, 'Tensor'>,
  size = end - start,
): Record<string, Ort.Tensor> {
  const feeds: Record<string, Ort.Tensor> = {};
  for (const plan of plans) {
    const columns = plan.columns.map((name) => table.columns.get(name) as Column);
    const dims = plan.layout === 'vector' ? [size] : [size, columns.length];
    if (plan.layout !== 'matrix') {
      const column = columns[0] as Column;
      if (plan.type === 'float')
        feeds[plan.input] = new ort.Tensor(
          'float32',
          pad(float32View(column, start, end), 1, size),
          dims,
        );
      else if (plan.type === 'double')
        feeds[plan.input] = new ort.Tensor(
          'float64',
          pad(float64View(column, start, end), 1, size),
          dims,
        );
      else if (plan.type === 'string')
        feeds[plan.input] = new ort.Tensor(
          'string',
          pad(stringBatch(column, start, end), 1, size),
          dims,
        );
      else if (plan.type === 'int64')
        feeds[plan.input] = new ort.Tensor(
          'int64',
          pad(int64Batch(column, start, end, plan), 1, size),
          dims,
        );
      else
        feeds[plan.input] = new ort.Tensor(
          'int32',
          pad(Int32Array.from(int64Batch(column, start, end, plan), Number), 1, size),
          dims,
        );
      continue;
    }
    feeds[plan.input] = matrixTensor(plan, columns, start, end, size, ort);
  }
  return feeds;
}

function matrixTensor(
  plan: InputPlan,
  columns: Column[],
  start: number,
  end: number,
  size: number,
  ort: Pick<typeof Ort, 'Tensor'>,
): Ort.Tensor {
  const n = end - start;
  const width = columns.length;
  const dims = [size, width];
  if (plan.type === 'string') {
    const parts = columns.map((c) => stringBatch(c, start, end));
    const data = new Array<string>(n * width);
    for (let j = 0; j < width; j++) {
      const part = parts[j] as string[];
      for (let i = 0; i < n; i++) data[i * width + j] = part[i] as string;
    }
    return new ort.Tensor('string', pad(data, width, size), dims);
  }
  if (plan.type === 'int64' || plan.type === 'int32') {
    const parts = columns.map((c) => int64Batch(c, start, end, plan));
    const data = new BigInt64Array(n * width);
    for (let j = 0; j < width; j++) {
      const part = parts[j] as BigInt64Array;
      for (let i = 0; i < n; i++) data[i * width + j] = part[i] as bigint;
    }
    return plan.type === 'int64'
      ? new ort.Tensor('int64', pad(data, width, size), dims)
      : new ort.Tensor('int32', pad(Int32Array.from(data, Number), width, size), dims);
  }
  const data =
    plan.type === 'float' ? new Float32Array(size * width) : new Float64Array(size * width);
  for (let j = 0; j < width; j++) {
    const values = numberColumn(columns[j] as Column);
    for (let i = 0; i < n; i++) data[i * width + j] = values[start + i] as number;
  }
  for (let r = n; r < size; r++) data.copyWithin(r * width, (n - 1) * width, n * width);
  return plan.type === 'float'
    ? new ort.Tensor('float32', data as Float32Array, dims)
    : new ort.Tensor('float64', data as Float64Array, dims);
}

/**
 * Rows per batch: about 2 MB of inputs, between 1,024 and 65,536 rows. onnxruntime copies each
 * batch into intermediate tensors (Concat, the tree traversal) that its arena keeps, so large
 * batches cost memory without buying speed: on the 1M-row bench, 16k-row batches ran a
 * 100-tree ensemble as fast as 262k-row ones with 70 MB less peak RSS.
 */
export function defaultBatchSize(plans: readonly InputPlan[], rows: number): number {
  let bytesPerRow = 0;
  for (const plan of plans) {
    const size =
      plan.type === 'string' ? 64 : plan.type === 'float' || plan.type === 'int32' ? 4 : 8;
    bytesPerRow += size * plan.columns.length;
  }
  const byMemory = Math.floor((2 * 1024 * 1024) / Math.max(bytesPerRow, 1));
  return Math.max(1, Math.min(rows, Math.max(1024, Math.min(65_536, byMemory))));
}
