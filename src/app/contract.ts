/**
 * `model-gate contract` and `validate` (issue 13): the serving contract of an ONNX model — the
 * columns its inputs read (with --features / --inputs as evaluate takes them), typed by the
 * input, with ranges, categories and nullability seen in a reference sample when one is given —
 * and the rows of a file (prediction logs, a new holdout) that break one.
 */
import { readFileSync } from 'node:fs';
import { parseNumberText } from '../data/csv/number.js';
import { readTable } from '../data/read-table.js';
import type { Column, ColumnRequest, ParallelRead, Table } from '../data/table.js';
import {
  baseType,
  buildContract,
  type CheckedColumn,
  type ContractColumn,
  type ContractMeta,
  type ContractType,
  checkContract,
  type ServingContract,
  type ValidationResult,
  validateColumns,
} from '../domain/contract/index.js';
import { compareCodePoints } from '../domain/drift/index.js';
import { InputError } from '../domain/errors.js';
import { type InputPlan, planInputs } from '../runtime/feeds.js';
import { inspectModel } from '../runtime/inspect.js';
import type { Progress } from './progress.js';

export interface ContractRequest {
  readonly model: string;
  readonly reference?: string | undefined;
  readonly features?: readonly string[] | undefined;
  readonly inputs?: Readonly<Record<string, readonly string[]>> | undefined;
  readonly parallel?: ParallelRead | undefined;
}

const TYPE_OF_INPUT: Record<string, ContractType> = {
  float: 'number',
  double: 'number',
  int64: 'integer',
  int32: 'integer',
  string: 'string',
};

/** The columns the model's inputs read, each once, typed by the first input that reads it. */
export function contractColumns(
  plans: readonly InputPlan[],
): { name: string; type: ContractType; input: string }[] {
  const seen = new Map<string, { name: string; type: ContractType; input: string }>();
  for (const plan of plans) {
    const type = TYPE_OF_INPUT[plan.type] ?? 'number';
    for (const name of plan.columns) {
      const before = seen.get(name);
      // A column one input reads as integers and another as floats: any number.
      if (before && before.type !== type && before.type !== 'string' && type !== 'string') {
        seen.set(name, { ...before, type: 'number' });
      } else if (!before) seen.set(name, { name, type, input: plan.input });
    }
  }
  return [...seen.values()];
}

/** The largest relative error of rounding a double to the nearest float32. */
const FLOAT32_EPSILON = 2 ** -24;

type Facts = NonNullable<ContractColumn['reference']>;

function referenceFacts(column: Column): Facts {
  if (column.kind === 'category') {
    const used = new Uint8Array(column.levels.length);
    for (let i = 0; i < column.codes.length; i++) {
      const code = column.codes[i] as number;
      if (code >= 0) used[code] = 1;
    }
    const categories = column.levels.filter((_, k) => used[k] === 1).sort(compareCodePoints);
    return { missing: column.missing, categories };
  }
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < column.values.length; i++) {
    const v = column.values[i] as number;
    // A number beyond float32 reads as ±Infinity there: no bound can hold it (JSON has none).
    if (!Number.isFinite(v)) continue;
    if (v < minimum) minimum = v;
    if (v > maximum) maximum = v;
  }
  if (column.values instanceof Float32Array && minimum <= maximum) {
    // A float32 copy (the gate's holdout) is within 2^-24 of each value the file holds, a share
    // that rounding to nearest never exceeds: widened by it, the range holds the file's own
    // values, read again as float64, even when the margin is zero (a constant column).
    minimum -= Math.abs(minimum) * FLOAT32_EPSILON;
    maximum += Math.abs(maximum) * FLOAT32_EPSILON;
  }
  return {
    missing: column.missing,
    ...(minimum <= maximum ? { minimum, maximum } : {}),
  };
}

export async function contractOf(
  request: ContractRequest,
  deps: { readonly progress: Progress; readonly toolVersion: string },
): Promise<ServingContract> {
  const model = inspectModel(request.model, 'model');
  const plans = planInputs(model.contract.inputs, {
    features: request.features,
    inputs: request.inputs,
    model: `model '${request.model}'`,
    featuresSetting: '--features',
    inputsSetting: '--inputs',
  });
  const columns = contractColumns(plans);
  if (request.reference === undefined) {
    return buildContract(columns, {
      model: { path: request.model, sha256: model.sha256 },
      reference: null,
      tool: deps.toolVersion,
    });
  }
  deps.progress.stage(`reading reference ${request.reference}`);
  const read = await readTable(request.reference, {
    role: 'reference',
    columns: columns.map(
      (c): ColumnRequest => ({
        name: c.name,
        type: c.type === 'string' ? 'string' : 'float64',
        purpose: `model input '${c.input}' (${c.type})`,
      }),
    ),
    onProgress: (d, t) => deps.progress.update(d, t, 'bytes'),
    parallel: request.parallel,
  });
  return contractFromTable(columns, read.table, {
    model: { path: request.model, sha256: model.sha256 },
    reference: { path: request.reference, sha256: read.sha256, rows: read.table.rows },
    tool: deps.toolVersion,
  });
}

/**
 * The contract of `columns` with each one's range, categories and empty cells as `table` holds
 * them (`meta.reference` names it). A column the table lacks gets types only.
 */
export function contractFromTable(
  columns: readonly ContractColumn[],
  table: Table,
  meta: ContractMeta,
): ServingContract {
  const facts = columns.map((c): ContractColumn => {
    const column = table.columns.get(c.name);
    return column === undefined ? c : { ...c, reference: referenceFacts(column) };
  });
  return buildContract(facts, meta);
}

/** A contract file as `contract` writes it; anything else is refused, naming what is wrong. */
export function readContract(path: string): ServingContract {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `contract '${path}' cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`contract '${path}' is not JSON: ${(error as Error).message}`);
  }
  return checkContract(value, `contract '${path}'`);
}

export async function validateFile(
  contract: ServingContract,
  data: string,
  options: { readonly progress: Progress; readonly parallel?: ParallelRead | undefined },
): Promise<ValidationResult & { readonly sha256: string }> {
  options.progress.stage(`reading ${data}`);
  const read = await readTable(data, {
    role: 'data',
    columns: Object.entries(contract.properties).map(
      ([name, p]): ColumnRequest => ({
        name,
        // Numbers as the file holds them: a text cell is then a violation of its own row.
        type: baseType(p) === 'string' ? 'string' : 'auto',
        optional: true,
      }),
    ),
    onProgress: (d, t) => options.progress.update(d, t, 'bytes'),
    parallel: options.parallel,
  });
  const columns = new Map<string, CheckedColumn>();
  for (const [name, column] of read.table.columns) {
    const p = contract.properties[name];
    if (column.kind === 'category' && p && baseType(p) !== 'string') {
      const levelNumbers = Float64Array.from(column.levels, (level) => {
        const cell = parseNumberText(level);
        return cell.kind === 'number' ? cell.value : Number.NaN;
      });
      columns.set(name, { ...column, levelNumbers });
    } else columns.set(name, column);
  }
  return {
    ...validateColumns(contract, columns, read.table.rows),
    sha256: read.sha256,
  };
}
