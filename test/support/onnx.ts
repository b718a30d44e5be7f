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

/** A model whose only output is int64: x int64 [N,1] -> Identity -> y. */
export function intOutputModel(input: string): Uint8Array {
  const node = concat([lengthField(1, input), lengthField(2, 'y'), lengthField(4, 'Identity')]);
  const graph = concat([
    lengthField(1, node),
    lengthField(2, 'int_only'),
    lengthField(11, tensorInfo(input, 7, [null, 1])),
    lengthField(12, tensorInfo('y', 7, [null, 1])),
  ]);
  const opset = concat([lengthField(1, ''), varintField(2, 13)]);
  return concat([
    varintField(1, 8),
    lengthField(2, 'model-gate tests'),
    lengthField(7, graph),
    lengthField(8, opset),
  ]);
}
