/**
 * What changed from the baseline's card and model to the candidate's (report.json `card_diff`,
 * types in diff-types.ts): card fields by dotted path, the metric deltas the gate measured, the
 * ONNX contract, and the training data.
 *
 * - Fields: every card field but quantitative_analysis (its metrics come as deltas, with their
 *   intervals) and model_parameters.input_format/output_format (the contract diff below says
 *   which tensor changed and how, where a field change would show two long JSON lists), nor
 *   serving (what the gate measured: the contract diff shows size, latency and columns). A list
 *   is compared and shown whole, as JSON.
 * - Inputs and outputs are matched by name. A tensor is retyped when its element type, rank or a
 *   fixed dim differs; a dynamic dim (null or a symbolic name such as "batch") matches any other
 *   dynamic dim, since a renamed symbol changes nothing a caller sends or reads.
 * - breaking: an input, an output or an opset changed — what a serving system would notice.
 */
import type { ContractJson, Dim, ModelJson, TensorJson } from '../report.js';
import type {
  CardDiff,
  ColumnChange,
  ContractDiff,
  CountChange,
  FieldChange,
  LatencyJson,
  MetricDelta,
  ServingColumn,
  TensorChange,
} from './diff-types.js';
import type { ModelCard } from './schema.js';

export interface DiffCardsInput {
  readonly baseline: ModelCard;
  readonly candidate: ModelCard;
  readonly baselineModel: ModelJson;
  readonly candidateModel: ModelJson;
  readonly latency?: {
    readonly baseline: LatencyJson | null;
    readonly candidate: LatencyJson | null;
  };
  readonly metrics?: readonly MetricDelta[];
  /** Each side's serving-contract columns; null for a side given as predictions. */
  readonly columns?: {
    readonly baseline: readonly ServingColumn[] | null;
    readonly candidate: readonly ServingColumn[] | null;
  };
}

/** Dotted paths left out of the field changes (see the header). */
const NOT_FIELDS = new Set([
  'schema',
  'quantitative_analysis',
  'model_parameters.input_format',
  'model_parameters.output_format',
  // How each output was read is in the report's own lines for both models; as a field change
  // it would differ whenever the reasons' wording does.
  'model_parameters.scores',
  // Measured by the gate, and shown by the contract diff (size, latency, request columns).
  'serving',
]);

function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Leaves of the card by dotted path: objects are walked, lists and scalars are leaves. */
function leaves(value: unknown, path: string, out: Map<string, string | null>): void {
  if (NOT_FIELDS.has(path)) return;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      leaves(child, path === '' ? key : `${path}.${key}`, out);
    }
  } else out.set(path, shown(value));
}

export function fieldChanges(baseline: ModelCard, candidate: ModelCard): FieldChange[] {
  const before = new Map<string, string | null>();
  const after = new Map<string, string | null>();
  leaves(baseline, '', before);
  leaves(candidate, '', after);
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths.flatMap((path) => {
    const b = before.get(path) ?? null;
    const a = after.get(path) ?? null;
    return b === a ? [] : [{ path, before: b, after: a }];
  });
}

function sameDim(a: Dim | undefined, b: Dim | undefined): boolean {
  const fixed = (d: Dim | undefined) => typeof d === 'number';
  return fixed(a) || fixed(b) ? a === b : true;
}

function sameTensor(a: TensorJson, b: TensorJson): boolean {
  if (a.type !== b.type) return false;
  if (a.shape === null || b.shape === null) return a.shape === b.shape;
  return a.shape.length === b.shape.length && a.shape.every((d, i) => sameDim(d, b.shape?.[i]));
}

/** Baseline order for removed and retyped tensors, then the added ones in candidate order. */
export function tensorChanges(
  before: readonly TensorJson[],
  after: readonly TensorJson[],
): TensorChange[] {
  const byName = new Map(after.map((t) => [t.name, t]));
  const names = new Set(before.map((t) => t.name));
  const changes: TensorChange[] = [];
  for (const b of before) {
    const a = byName.get(b.name);
    if (a === undefined) changes.push({ name: b.name, change: 'removed', before: b, after: null });
    else if (!sameTensor(b, a))
      changes.push({ name: b.name, change: 'retyped', before: b, after: a });
  }
  for (const a of after) {
    if (!names.has(a.name)) changes.push({ name: a.name, change: 'added', before: null, after: a });
  }
  return changes;
}

/** Names whose count differs, sorted; absent on one side is null. */
export function countChanges(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): CountChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    const b = Object.hasOwn(before, name) ? (before[name] ?? null) : null;
    const a = Object.hasOwn(after, name) ? (after[name] ?? null) : null;
    return a === b ? [] : [{ name, before: b, after: a }];
  });
}

function nodes(contract: ContractJson): number {
  return Object.values(contract.operators).reduce((sum, count) => sum + count, 0);
}

function producer(contract: ContractJson): string {
  return `${contract.producer} ${contract.producer_version}`.trim();
}

/** The side of a model given as predictions: nothing to compare, so nothing differs. */
const EMPTY: ContractJson = {
  ir_version: 0,
  producer: '',
  producer_version: '',
  model_version: 0,
  domain: '',
  doc_string: '',
  opsets: {},
  metadata: {},
  inputs: [],
  outputs: [],
  operators: {},
  class_labels: null,
};

/** The serving contract's column changes from the baseline's columns to the candidate's. */
export function columnChanges(
  before: readonly ServingColumn[],
  after: readonly ServingColumn[],
): ColumnChange[] {
  const was = new Map(before.map((c) => [c.name, c.type]));
  const now = new Map(after.map((c) => [c.name, c.type]));
  const changes: ColumnChange[] = [];
  for (const c of after) {
    const b = was.get(c.name);
    if (b === undefined)
      changes.push({ name: c.name, change: 'added', before: null, after: c.type });
    else if (b !== c.type) {
      const change =
        b === 'number' && c.type === 'integer'
          ? 'narrowed'
          : b === 'integer' && c.type === 'number'
            ? 'widened'
            : 'retyped';
      changes.push({ name: c.name, change, before: b, after: c.type });
    }
  }
  for (const c of before) {
    if (!now.has(c.name))
      changes.push({ name: c.name, change: 'removed', before: c.type, after: null });
  }
  return changes;
}

export function contractDiff(
  baselineModel: ModelJson,
  candidateModel: ModelJson,
  latency: DiffCardsInput['latency'],
  columns?: DiffCardsInput['columns'],
): ContractDiff {
  const missing = (['baseline', 'candidate'] as const).filter(
    (side) => (side === 'baseline' ? baselineModel : candidateModel).contract === null,
  );
  // Without both contracts there is nothing to diff: only what each side has is listed.
  const baseline = baselineModel.contract ?? candidateModel.contract ?? EMPTY;
  const candidate = candidateModel.contract ?? baselineModel.contract ?? EMPTY;
  const inputs = tensorChanges(baseline.inputs, candidate.inputs);
  const outputs = tensorChanges(baseline.outputs, candidate.outputs);
  const opsets = countChanges(baseline.opsets, candidate.opsets);
  const changed =
    columns?.baseline && columns.candidate
      ? columnChanges(columns.baseline, columns.candidate)
      : [];
  return {
    ...(changed.length > 0 ? { columns: changed } : {}),
    inputs,
    outputs,
    opsets,
    operators: countChanges(baseline.operators, candidate.operators),
    nodes: {
      before: baselineModel.contract ? nodes(baseline) : 0,
      after: candidateModel.contract ? nodes(candidate) : 0,
    },
    bytes: { before: baselineModel.bytes, after: candidateModel.bytes },
    producer: {
      before: baselineModel.contract ? producer(baseline) : '',
      after: candidateModel.contract ? producer(candidate) : '',
    },
    latency: { before: latency?.baseline ?? null, after: latency?.candidate ?? null },
    breaking:
      inputs.length > 0 ||
      outputs.length > 0 ||
      opsets.length > 0 ||
      changed.some((c) => c.change !== 'widened'),
    ...(missing.length > 0 ? { without_contract: missing } : {}),
  };
}

export function diffCards(input: DiffCardsInput): CardDiff {
  const { baseline, candidate } = input;
  const before = baseline.model_parameters.training_data;
  const after = candidate.model_parameters.training_data;
  const side = (card: ModelCard) => ({
    name: card.model_details.name,
    version: card.model_details.version,
  });
  return {
    baseline: side(baseline),
    candidate: side(candidate),
    fields: fieldChanges(baseline, candidate),
    metrics: (input.metrics ?? []).map((m) => ({ ...m })),
    contract: contractDiff(input.baselineModel, input.candidateModel, input.latency, input.columns),
    training_data: {
      before: { ...before },
      after: { ...after },
      changed: before.reference !== after.reference || before.sha256 !== after.sha256,
    },
  };
}
