/**
 * The contract of an ONNX model as a user (and a contract diff) needs it: inputs, outputs,
 * opsets, producer, metadata_props, doc string, operator counts and class labels — decoded from
 * the ModelProto itself, since onnxruntime exposes only names, types and shapes.
 * Field numbers are those of onnx/onnx.proto3.
 */
import { type OutputProducer, outputProducers } from './producers.js';
import { type Field, readFields, text, varints } from './wire.js';

export type { OutputProducer };

export type Dim = number | string | null;

export interface ValueInfo {
  readonly name: string;
  /** 'tensor' for tensors; sequence/map outputs such as ZipMap's are not tensors. */
  readonly kind: 'tensor' | 'sequence' | 'map' | 'other';
  /** ONNX element type name ('float', 'double', 'int64', 'string', ...) for tensors. */
  readonly type: string;
  /** Dimensions: a number, a symbolic name, or null when unnamed; null shape when unknown. */
  readonly shape: Dim[] | null;
}

export interface ModelContract {
  readonly irVersion: number;
  readonly producer: string;
  readonly producerVersion: string;
  readonly modelVersion: number;
  readonly domain: string;
  readonly docString: string;
  readonly opsets: Record<string, number>;
  readonly metadata: Record<string, string>;
  readonly inputs: ValueInfo[];
  readonly outputs: ValueInfo[];
  /** Node counts by operator, keyed 'op' for ai.onnx and 'domain:op' otherwise. */
  readonly operators: Record<string, number>;
  /** The classifier's class labels in probability-column order, when the graph says. */
  readonly classLabels: (string | number)[] | null;
  /** Per graph output, the operator that computes it (see onnx/producers.ts). */
  readonly producers: Record<string, OutputProducer>;
}

export const ELEMENT_TYPES: Record<number, string> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

// ModelProto
const M_IR_VERSION = 1;
const M_PRODUCER = 2;
const M_PRODUCER_VERSION = 3;
const M_DOMAIN = 4;
const M_MODEL_VERSION = 5;
const M_DOC = 6;
export const M_GRAPH = 7;
const M_OPSET = 8;
const M_METADATA = 14;
// GraphProto
export const G_NODE = 1;
const G_INITIALIZER = 5;
const G_INPUT = 11;
export const G_OUTPUT = 12;
// NodeProto
export const N_INPUT = 1;
export const N_OUTPUT = 2;
export const N_OP_TYPE = 4;
export const N_ATTRIBUTE = 5;
const N_DOMAIN = 7;

function first(fields: readonly Field[], number: number): Field | undefined {
  return fields.find((f) => f.number === number);
}
function str(fields: readonly Field[], number: number): string {
  const f = first(fields, number);
  return f ? text(f.bytes) : '';
}
function num(fields: readonly Field[], number: number): number {
  return first(fields, number)?.value ?? 0;
}
function all(fields: readonly Field[], number: number): Field[] {
  return fields.filter((f) => f.number === number);
}

export function decodeValueInfo(bytes: Uint8Array): ValueInfo {
  const fields = readFields(bytes);
  const name = str(fields, 1);
  const type = first(fields, 2);
  if (!type) return { name, kind: 'other', type: 'unknown', shape: null };
  const typeFields = readFields(type.bytes);
  const tensor = first(typeFields, 1);
  if (!tensor) {
    const kind = first(typeFields, 4) ? 'sequence' : first(typeFields, 5) ? 'map' : 'other';
    return { name, kind, type: kind, shape: null };
  }
  const tensorFields = readFields(tensor.bytes);
  const elem = num(tensorFields, 1);
  const shapeField = first(tensorFields, 2);
  let shape: Dim[] | null = null;
  if (shapeField) {
    shape = all(readFields(shapeField.bytes), 1).map((dim) => {
      const d = readFields(dim.bytes);
      const value = first(d, 1);
      if (value) return value.value;
      const param = first(d, 2);
      return param ? text(param.bytes) : null;
    });
  }
  return { name, kind: 'tensor', type: ELEMENT_TYPES[elem] ?? `type ${elem}`, shape };
}

export interface DecodedNode {
  readonly opType: string;
  readonly domain: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly attributes: Field[][];
}

export function decodeNode(bytes: Uint8Array): DecodedNode {
  const fields = readFields(bytes);
  return {
    opType: str(fields, N_OP_TYPE),
    domain: str(fields, N_DOMAIN),
    inputs: all(fields, N_INPUT).map((f) => text(f.bytes)),
    outputs: all(fields, N_OUTPUT).map((f) => text(f.bytes)),
    attributes: all(fields, N_ATTRIBUTE).map((f) => readFields(f.bytes)),
  };
}

const LABEL_ATTRIBUTES = new Set(['classlabels_ints', 'classlabels_int64s', 'classlabels_strings']);
const CLASSIFIERS = new Set([
  'ZipMap',
  'LinearClassifier',
  'TreeEnsembleClassifier',
  'SVMClassifier',
]);

/** Class labels from a ZipMap, else from the classifier operator. */
function classLabelsOf(nodes: readonly DecodedNode[]): (string | number)[] | null {
  const ordered = [
    ...nodes.filter((n) => n.opType === 'ZipMap'),
    ...nodes.filter((n) => CLASSIFIERS.has(n.opType)),
  ];
  for (const node of ordered) {
    for (const attribute of node.attributes) {
      const name = str(attribute, 1);
      if (!LABEL_ATTRIBUTES.has(name)) continue;
      if (name === 'classlabels_strings') return all(attribute, 9).map((f) => text(f.bytes));
      // int64 labels as varints; negative labels come back as 2^64-x, so fix the sign.
      return varints(attribute, 8).map((v) => (v >= 2 ** 63 ? v - 2 ** 64 : v));
    }
  }
  return null;
}

export function decodeContract(modelBytes: Uint8Array): ModelContract {
  const fields = readFields(modelBytes);
  const graphField = first(fields, M_GRAPH);
  const graph = graphField ? readFields(graphField.bytes) : [];
  const initializers = new Set(all(graph, G_INITIALIZER).map((f) => str(readFields(f.bytes), 8)));
  const nodes = all(graph, G_NODE).map((f) => decodeNode(f.bytes));
  const operators: Record<string, number> = {};
  for (const node of nodes) {
    const key =
      node.domain === '' || node.domain === 'ai.onnx'
        ? node.opType
        : `${node.domain}:${node.opType}`;
    operators[key] = (operators[key] ?? 0) + 1;
  }
  const opsets: Record<string, number> = {};
  for (const f of all(fields, M_OPSET)) {
    const o = readFields(f.bytes);
    opsets[str(o, 1) || 'ai.onnx'] = num(o, 2);
  }
  const metadata: Record<string, string> = {};
  for (const f of all(fields, M_METADATA)) {
    const entry = readFields(f.bytes);
    metadata[str(entry, 1)] = str(entry, 2);
  }
  return {
    irVersion: num(fields, M_IR_VERSION),
    producer: str(fields, M_PRODUCER),
    producerVersion: str(fields, M_PRODUCER_VERSION),
    modelVersion: num(fields, M_MODEL_VERSION),
    domain: str(fields, M_DOMAIN),
    docString: str(fields, M_DOC),
    opsets,
    metadata,
    // Since IR 4 initializers may also be listed as inputs; they are not fed.
    inputs: all(graph, G_INPUT)
      .map((f) => decodeValueInfo(f.bytes))
      .filter((v) => !initializers.has(v.name)),
    outputs: all(graph, G_OUTPUT).map((f) => decodeValueInfo(f.bytes)),
    operators: Object.fromEntries(Object.entries(operators).sort(([a], [b]) => a.localeCompare(b))),
    classLabels: classLabelsOf(nodes),
    producers: outputProducers(nodes, initializers),
  };
}
