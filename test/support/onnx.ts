/**
 * Tiny ONNX models for error cases, written with the project's own protobuf writer: what the
 * fixtures cannot show (e.g. a model with no float output).
 */
import { concat, lengthField, varintField } from '../../src/runtime/onnx/wire.js';

function tensorInfo(name: string, elemType: number, dims: (number | null)[]): Uint8Array {
  const shape = concat(
    dims.map((d) => lengthField(1, d === null ? new Uint8Array(0) : varintField(1, d))),
  );
  const tensorType = concat([varintField(1, elemType), lengthField(2, shape)]);
  return concat([lengthField(1, name), lengthField(2, lengthField(1, tensorType))]);
}

/** A ModelProto around `graph`: IR 8, opset 13, producer 'model-gate tests'. */
function modelOf(graph: Uint8Array): Uint8Array {
  const opset = concat([lengthField(1, ''), varintField(2, 13)]);
  return concat([
    varintField(1, 8),
    lengthField(2, 'model-gate tests'),
    lengthField(7, graph),
    lengthField(8, opset),
  ]);
}

/** A model whose only output is int64: x int64 [N,1] -> Identity -> y. */
export function intOutputModel(input: string): Uint8Array {
  const node = concat([lengthField(1, input), lengthField(2, 'y'), lengthField(4, 'Identity')]);
  const graph = concat([
    lengthField(1, node),
    lengthField(2, 'int_only'),
    lengthField(11, tensorInfo(input, 7, [null, 1])),
    lengthField(12, tensorInfo('y', 7, [null, 1])),
  ]);
  return modelOf(graph);
}

function floatTensor(name: string, dims: number[], values: number[]): Uint8Array {
  const raw = new Uint8Array(new Float32Array(values).buffer);
  return concat([
    ...dims.map((d) => varintField(1, d)),
    varintField(2, 1),
    lengthField(8, name),
    lengthField(9, raw),
  ]);
}

/**
 * A "classifier" with a float input `[N,1]` whose output `probabilities` is the same row of
 * `probabilities` for every row: x·0 + p (Mul, Add with broadcasting).
 */
export function constantProbabilityModel(input: string, probabilities: number[]): Uint8Array {
  const c = probabilities.length;
  const mul = concat([
    lengthField(1, input),
    lengthField(1, 'zeros'),
    lengthField(2, 'scaled'),
    lengthField(4, 'Mul'),
  ]);
  const add = concat([
    lengthField(1, 'scaled'),
    lengthField(1, 'p'),
    lengthField(2, 'probabilities'),
    lengthField(4, 'Add'),
  ]);
  const graph = concat([
    lengthField(1, mul),
    lengthField(1, add),
    lengthField(2, 'constant'),
    lengthField(5, floatTensor('zeros', [1, c], new Array(c).fill(0))),
    lengthField(5, floatTensor('p', [1, c], probabilities)),
    lengthField(11, tensorInfo(input, 1, [null, 1])),
    lengthField(12, tensorInfo('probabilities', 1, [null, c])),
  ]);
  return modelOf(graph);
}

function int64Tensor(name: string, values: number[]): Uint8Array {
  return concat([
    varintField(1, values.length),
    varintField(2, 7),
    lengthField(8, name),
    concat(values.map((v) => varintField(7, v))),
  ]);
}

export interface ScoreModelOptions {
  /** The input column (a float [batch, 1] input of that name). */
  readonly input: string;
  /** The batch dimension: null for a free one, a number for a fixed one (torch without dynamic_axes). */
  readonly batch: number | null;
  /** z = weight · x + bias. */
  readonly weight: number;
  readonly bias: number;
  /** The last operator: Sigmoid makes probabilities, Identity leaves logits. */
  readonly last: 'Sigmoid' | 'Identity';
  /** Output name. */
  readonly output?: string;
  /** Reshape z to this constant shape inside the graph (a batch fixed inside, not declared). */
  readonly reshape?: number[];
}

/** A one-input binary scorer: x [batch,1] -> Mul -> Add -> (Reshape) -> Sigmoid | Identity. */
export function scoreModel(o: ScoreModelOptions): Uint8Array {
  const output = o.output ?? 'score';
  const node = (inputs: string[], out: string, op: string) =>
    concat([...inputs.map((i) => lengthField(1, i)), lengthField(2, out), lengthField(4, op)]);
  const nodes = [node([o.input, 'w'], 'xw', 'Mul'), node(['xw', 'b'], 'z', 'Add')];
  let last = 'z';
  if (o.reshape) {
    nodes.push(node(['z', 'shape'], 'zr', 'Reshape'));
    last = 'zr';
  }
  nodes.push(node([last], output, o.last));
  const graph = concat([
    ...nodes.map((n) => lengthField(1, n)),
    lengthField(2, 'score_model'),
    lengthField(5, floatTensor('w', [1], [o.weight])),
    lengthField(5, floatTensor('b', [1], [o.bias])),
    ...(o.reshape ? [lengthField(5, int64Tensor('shape', o.reshape))] : []),
    lengthField(11, tensorInfo(o.input, 1, [o.batch, 1])),
    lengthField(12, tensorInfo(output, 1, [o.batch, 1])),
  ]);
  return modelOf(graph);
}
