/**
 * `model-gate contract` and `validate` (issue 13): the serving contract of an ONNX model — the
 * columns its inputs read (with --features / --inputs as evaluate takes them), typed by the
 * input, with ranges, categories and nullability seen in a reference sample when one is given —
 * and the rows of a file (prediction logs, a new holdout) that break one.
 */
import { readFileSync } from 'node:fs';
import { parseNumberText } from '../data/csv/number.js';
import { readTable } from '../data/read-table.js';
import type { Column, ColumnRequest, ParallelRead } from '../data/table.js';
import {
  baseType,
  buildContract,
  type CheckedColumn,
  type ContractColumn,
  type ContractType,
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
    if (v < minimum) minimum = v;
    if (v > maximum) maximum = v;
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
  const facts = columns.map(
    (c): ContractColumn => ({
      ...c,
      reference: referenceFacts(read.table.columns.get(c.name) as Column),
    }),
  );
  return buildContract(facts, {
    model: { path: request.model, sha256: model.sha256 },
    reference: { path: request.reference, sha256: read.sha256, rows: read.table.rows },
    tool: deps.toolVersion,
  });
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
  const contract = value as Partial<ServingContract> | null;
  const properties = contract?.properties;
  if (
    typeof contract !== 'object' ||
    contract === null ||
    contract['x-model-gate']?.contract !== 1 ||
    typeof properties !== 'object' ||
    properties === null
  ) {
    throw new InputError(
      `contract '${path}' is not a model-gate serving contract (no x-model-gate.contract: 1 and properties)`,
      'Write one with: model-gate contract --model model.onnx --reference train.csv --out contract.json',
    );
  }
  for (const [name, p] of Object.entries(properties)) {
    const type = Array.isArray(p?.type) ? p.type[0] : p?.type;
    const bad = (key: string, what: string) =>
      new InputError(
        `contract '${path}': properties.${name}.${key} is ${JSON.stringify((p as unknown as Record<string, unknown>)?.[key])}, not ${what}`,
        'Write the contract again with model-gate contract, or fix the key by hand.',
      );
    if (type !== 'number' && type !== 'integer' && type !== 'string') {
      throw bad('type', 'number, integer or string (optionally with null)');
    }
    for (const key of ['minimum', 'maximum'] as const) {
      if (p[key] !== undefined && !(typeof p[key] === 'number' && Number.isFinite(p[key]))) {
        throw bad(key, 'a finite number');
      }
    }
    if (
      p.enum !== undefined &&
      !(Array.isArray(p.enum) && p.enum.every((v) => typeof v === 'string' || v === null))
    ) {
      throw bad('enum', 'a list of strings (and null)');
    }
  }
  return contract as ServingContract;
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
