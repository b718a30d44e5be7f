/**
 * Removes ZipMap nodes whose output is a graph output, and makes the probability tensor they
 * consumed a graph output instead. onnxruntime-node cannot return ZipMap's seq(map) values,
 * and the tensor holds the same numbers in class-label order (the ZipMap's classlabels).
 * The rewrite copies every other field byte for byte.
 */
import { decodeNode, decodeValueInfo, G_NODE, G_OUTPUT, M_GRAPH } from './contract.js';
import { concat, lengthField, readFields, varintField } from './wire.js';

export interface StripResult {
  readonly bytes: Uint8Array;
  /** ZipMap output name → the tensor output that replaced it. */
  readonly replaced: Record<string, string>;
}

/** A ValueInfoProto for a float tensor of unknown shape. */
function floatTensorInfo(name: string): Uint8Array {
  const tensorType = varintField(1, 1); // elem_type FLOAT
  const typeProto = lengthField(1, tensorType); // TypeProto.tensor_type
  return concat([lengthField(1, name), lengthField(2, typeProto)]);
}

export function stripZipMap(modelBytes: Uint8Array): StripResult {
  const model = readFields(modelBytes);
  const graphField = model.find((f) => f.number === M_GRAPH);
  if (!graphField) return { bytes: modelBytes, replaced: {} };
  const graph = readFields(graphField.bytes);
  const outputs = new Set(
    graph.filter((f) => f.number === G_OUTPUT).map((f) => decodeValueInfo(f.bytes).name),
  );
  const replaced: Record<string, string> = {};
  const dropNodes = new Set<number>();
  graph.forEach((f, i) => {
    if (f.number !== G_NODE) return;
    const node = decodeNode(f.bytes);
    const output = node.outputs[0];
    const input = node.inputs[0];
    if (node.opType === 'ZipMap' && output && input && outputs.has(output)) {
      replaced[output] = input;
      dropNodes.add(i);
    }
  });
  if (dropNodes.size === 0) return { bytes: modelBytes, replaced: {} };
  const tensorOutputs = new Set(Object.values(replaced));
  const parts: Uint8Array[] = [];
  graph.forEach((f, i) => {
    if (dropNodes.has(i)) return;
    if (f.number === G_OUTPUT) {
      const name = decodeValueInfo(f.bytes).name;
      const tensor = replaced[name];
      if (tensor !== undefined) {
        // Keep the tensor once even if it was already an output of its own.
        if (!outputs.has(tensor) && tensorOutputs.delete(tensor))
          parts.push(lengthField(G_OUTPUT, floatTensorInfo(tensor)));
        return;
      }
    }
    parts.push(f.raw);
  });
  const newGraph = concat(parts);
  const modelParts = model.map((f) =>
    f.number === M_GRAPH ? lengthField(M_GRAPH, newGraph) : f.raw,
  );
  return { bytes: concat(modelParts), replaced };
}
