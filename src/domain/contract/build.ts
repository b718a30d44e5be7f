/**
 * The serving contract of a model (issue 13): a JSON Schema (2020-12) of one request row — each
 * column the model reads, its JSON type, and, from a reference sample when one is given, the range
 * of its numbers, the categories of its text and whether it may be null. Built from plain column
 * facts (app/contract.ts gathers them), so it is the same on any machine.
 */

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
/** Text columns with more distinct values than this get no enum (an id, free text). */
export const MAX_ENUM = 1000;
/**
 * The range a number may take: the reference's, widened by this share of its width on each side.
 * A sample's own range is too tight for new data — of n reference values, a new draw falls outside
 * them with probability 2/(n + 1), so a few thousand logged rows would break it by chance — while a
 * value far outside what the model was trained on is the break worth flagging.
 */
export const RANGE_MARGIN = 0.05;

export type ContractType = 'number' | 'integer' | 'string';

/** What is known of one column the model reads. */
export interface ContractColumn {
  readonly name: string;
  readonly type: ContractType;
  /** The model input it feeds. */
  readonly input: string;
  /** Seen in the reference; absent without one. */
  readonly reference?: {
    readonly missing: number;
    /** Numbers: the smallest and largest non-missing values (absent when all are missing). */
    readonly minimum?: number;
    readonly maximum?: number;
    /** Text: the distinct non-empty values, in code-point order. */
    readonly categories?: readonly string[];
  };
}

export interface ContractMeta {
  readonly model: { readonly path: string; readonly sha256: string };
  readonly reference: {
    readonly path: string;
    readonly sha256: string;
    readonly rows: number;
  } | null;
  readonly tool: string;
}

export interface PropertySchema {
  readonly type: ContractType | readonly [ContractType, 'null'];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly (string | null)[];
  readonly 'x-model-gate': {
    readonly input: string;
    readonly missing_in_reference?: number;
    /** The smallest and largest values of the reference, before RANGE_MARGIN. */
    readonly seen?: readonly [number, number];
  };
}

export interface ServingContract {
  readonly $schema: typeof JSON_SCHEMA_2020_12;
  readonly title: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required: readonly string[];
  readonly 'x-model-gate': ContractMeta & { readonly contract: 1 };
}

function property(c: ContractColumn): PropertySchema {
  const ref = c.reference;
  // Without a reference nothing says a cell may not be empty: null is allowed (fed as NaN or "").
  const nullable = ref === undefined || ref.missing > 0;
  const base: PropertySchema = {
    type: nullable ? [c.type, 'null'] : c.type,
    'x-model-gate': {
      input: c.input,
      ...(ref ? { missing_in_reference: ref.missing } : {}),
    },
  };
  if (ref === undefined) return base;
  if (c.type === 'string') {
    const categories = ref.categories;
    if (categories === undefined || categories.length > MAX_ENUM) return base;
    return { ...base, enum: nullable ? [...categories, null] : [...categories] };
  }
  if (ref.minimum === undefined || ref.maximum === undefined) return base;
  const margin = (ref.maximum - ref.minimum) * RANGE_MARGIN;
  let minimum = ref.minimum - margin;
  let maximum = ref.maximum + margin;
  if (c.type === 'integer') {
    minimum = Math.floor(minimum);
    maximum = Math.ceil(maximum);
  }
  return {
    ...base,
    minimum,
    maximum,
    'x-model-gate': { ...base['x-model-gate'], seen: [ref.minimum, ref.maximum] },
  };
}

export function buildContract(
  columns: readonly ContractColumn[],
  meta: ContractMeta,
): ServingContract {
  return {
    $schema: JSON_SCHEMA_2020_12,
    title: `One request row for ${meta.model.path}`,
    type: 'object',
    // fromEntries defines own properties: a column named __proto__ stays a column.
    properties: Object.fromEntries(columns.map((c) => [c.name, property(c)])),
    required: columns.map((c) => c.name),
    'x-model-gate': { contract: 1, ...meta },
  };
}
