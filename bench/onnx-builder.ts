/**
 * ONNX ModelProto writer for the benchmark's synthetic models, on top of the wire writer in
 * src/runtime/onnx/wire.ts. Every builder returns the encoded message bytes, so messages nest
 * by passing one builder's output to another.
 *
 * Field numbers are from onnx.proto (onnx 1.12, checked against the .proto shipped with
 * python3-onnx). onnx.proto is proto2, where repeated numbers are unpacked by default; we write
 * big lists packed anyway (protobuf parsers must accept both encodings for repeated scalars,
 * and ORT and onnx.checker do), which keeps a 100-tree ensemble's attributes a few hundred KB.
 */
import {
  concat,
  encodeVarint,
  floatField,
  lengthField,
  varintField,
} from '../src/runtime/onnx/wire.js';

/** TensorProto.DataType values used by these models. */
export const ElemType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType. */
const AttrType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** A repeated float field, packed: one length-delimited field of little-endian float32s. */
export function packedFloats(number: number, values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return lengthField(number, bytes);
}

/** A repeated int64 field, packed: one length-delimited field of varints (negatives allowed). */
export function packedVarints(number: number, values: ArrayLike<number>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < values.length; i++) parts.push(encodeVarint(values[i] as number));
  return lengthField(number, concat(parts));
}

// --- AttributeProto: name=1, f=2, i=3, s=4, t=5, floats=7, ints=8, strings=9, type=20 ---

function attribute(name: string, type: number, value: Uint8Array): Uint8Array {
  return concat([lengthField(1, name), value, varintField(20, type)]);
}

/**
 * Typed constructors, since a JS number cannot say whether it is an INT or a FLOAT attribute
 * and ONNX kernels reject the wrong one.
 */
export const attr = {
  int: (name: string, v: number) => attribute(name, AttrType.INT, varintField(3, v)),
  float: (name: string, v: number) => attribute(name, AttrType.FLOAT, floatField(2, v)),
  string: (name: string, v: string) => attribute(name, AttrType.STRING, lengthField(4, v)),
  tensor: (name: string, t: Uint8Array) => attribute(name, AttrType.TENSOR, lengthField(5, t)),
  floats: (name: string, vs: ArrayLike<number>) =>
    attribute(name, AttrType.FLOATS, packedFloats(7, vs)),
  ints: (name: string, vs: ArrayLike<number>) =>
    attribute(name, AttrType.INTS, packedVarints(8, vs)),
  // Repeated bytes cannot be packed: one field per string.
  strings: (name: string, vs: readonly string[]) =>
    attribute(name, AttrType.STRINGS, concat(vs.map((s) => lengthField(9, s)))),
};

// --- TensorProto: dims=1, data_type=2, float_data=4 (packed), name=8, raw_data=9 ---

/** A float32 tensor (e.g. an initializer), data in float_data. */
export function floatTensor(name: string, dims: readonly number[], data: ArrayLike<number>) {
  return concat([
    packedVarints(1, dims),
    varintField(2, ElemType.FLOAT),
    packedFloats(4, data),
    lengthField(8, name),
  ]);
}

/** An int64 tensor in raw_data (little-endian), the way exporters write shape constants. */
export function int64Tensor(name: string, dims: readonly number[], data: readonly number[]) {
  const raw = new Uint8Array(data.length * 8);
  const view = new DataView(raw.buffer);
  for (const [i, v] of data.entries()) view.setBigInt64(i * 8, BigInt(v), true);
  return concat([
    packedVarints(1, dims),
    varintField(2, ElemType.INT64),
    lengthField(8, name),
    lengthField(9, raw),
  ]);
}

// --- ValueInfoProto{name=1, type=2} > TypeProto{tensor_type=1} > Tensor{elem_type=1, shape=2}
// > TensorShapeProto{dim=1} > Dimension{dim_value=1, dim_param=2} ---

/**
 * A dimension: a number is fixed, a string is a symbolic name, null is neither, which is what
 * skl2onnx writes for the batch dimension (onnxruntime-node then reports it as '').
 */
export type Dim = number | string | null;

function dimension(d: Dim): Uint8Array {
  if (d === null) return lengthField(1, new Uint8Array(0));
  return lengthField(1, typeof d === 'number' ? varintField(1, d) : lengthField(2, d));
}

export function tensorValueInfo(name: string, elemType: number, shape: readonly Dim[]) {
  const tensorType = concat([
    varintField(1, elemType),
    lengthField(2, concat(shape.map(dimension))),
  ]);
  return concat([lengthField(1, name), lengthField(2, lengthField(1, tensorType))]);
}

// --- NodeProto: input=1, output=2, name=3, op_type=4, attribute=5, domain=7 ---

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  /** '' (the default) is ai.onnx; ML operators live in 'ai.onnx.ml'. */
  readonly domain?: string;
  readonly attributes?: readonly Uint8Array[];
}

export function node(spec: NodeSpec): Uint8Array {
  return concat([
    ...spec.inputs.map((i) => lengthField(1, i)),
    ...spec.outputs.map((o) => lengthField(2, o)),
    lengthField(3, spec.name),
    lengthField(4, spec.op),
    ...(spec.attributes ?? []).map((a) => lengthField(5, a)),
    ...(spec.domain ? [lengthField(7, spec.domain)] : []),
  ]);
}

// --- GraphProto: node=1, name=2, initializer=5, doc_string=10, input=11, output=12 ---

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly Uint8Array[];
  readonly inputs: readonly Uint8Array[];
  readonly outputs: readonly Uint8Array[];
  readonly initializers?: readonly Uint8Array[];
  readonly docString?: string;
}

export function graph(spec: GraphSpec): Uint8Array {
  return concat([
    ...spec.nodes.map((n) => lengthField(1, n)),
    lengthField(2, spec.name),
    ...(spec.initializers ?? []).map((t) => lengthField(5, t)),
    ...(spec.docString ? [lengthField(10, spec.docString)] : []),
    ...spec.inputs.map((i) => lengthField(11, i)),
    ...spec.outputs.map((o) => lengthField(12, o)),
  ]);
}

// --- ModelProto: ir_version=1, producer_name=2, producer_version=3, doc_string=6, graph=7,
// opset_import=8 (OperatorSetIdProto{domain=1, version=2}), metadata_props=14
// (StringStringEntryProto{key=1, value=2}) ---

export interface ModelSpec {
  readonly graph: Uint8Array;
  readonly irVersion: number;
  /** Domain ('' for ai.onnx) to opset version. */
  readonly opsets: Readonly<Record<string, number>>;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function model(spec: ModelSpec): Uint8Array {
  const opset = ([domain, version]: [string, number]) =>
    lengthField(8, concat([...(domain ? [lengthField(1, domain)] : []), varintField(2, version)]));
  const entry = ([key, value]: [string, string]) =>
    lengthField(14, concat([lengthField(1, key), lengthField(2, value)]));
  return concat([
    varintField(1, spec.irVersion),
    lengthField(2, spec.producerName),
    lengthField(3, spec.producerVersion),
    ...(spec.docString ? [lengthField(6, spec.docString)] : []),
    lengthField(7, spec.graph),
    ...Object.entries(spec.opsets).map(opset),
    ...Object.entries(spec.metadata ?? {}).map(entry),
  ]);
}
