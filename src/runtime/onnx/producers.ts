/**
 * Which operator computes each graph output, looking through the operators that only move,
 * cast or reshape values (a Reshape after a Sigmoid still holds probabilities). `scores: auto`
 * reads this first: a final Sigmoid or Softmax, or a classifier whose post_transform makes
 * probabilities, means the output holds probabilities; a final LogSoftmax means log-probabilities,
 * which the softmax used for logits turns back into the same probabilities.
 */
import type { DecodedNode } from './contract.js';
import { type Field, text } from './wire.js';

export interface OutputProducer {
  /** The operator, 'domain:op' outside ai.onnx; 'input' when a graph input reaches the output. */
  readonly op: string;
  /** What the graph says the values are, when it says. */
  readonly reads: 'probability' | 'logit' | null;
}

/** Operators that pass values through unchanged, up to shape, type or selection. */
const PASS_THROUGH = new Set([
  'Identity',
  'Reshape',
  'Squeeze',
  'Unsqueeze',
  'Flatten',
  'Cast',
  'CastLike',
  'Slice',
  'Gather',
  'GatherElements',
  'Transpose',
  'Split',
  'Expand',
  'ai.onnx.ml:ArrayFeatureExtractor',
]);

const PROBABILITY_POST_TRANSFORMS = new Set(['LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO']);
const CLASSIFIERS = new Set([
  'ai.onnx.ml:LinearClassifier',
  'ai.onnx.ml:TreeEnsembleClassifier',
  'ai.onnx.ml:SVMClassifier',
]);

function opName(node: DecodedNode): string {
  return node.domain === '' || node.domain === 'ai.onnx'
    ? node.opType
    : `${node.domain}:${node.opType}`;
}

function stringAttribute(node: DecodedNode, name: string): string | null {
  for (const attribute of node.attributes) {
    const nameField = attribute.find((f: Field) => f.number === 1);
    if (!nameField || text(nameField.bytes) !== name) continue;
    const value = attribute.find((f: Field) => f.number === 4);
    return value ? text(value.bytes) : null;
  }
  return null;
}

function readsOf(node: DecodedNode, outputIndex: number): OutputProducer['reads'] {
  const op = opName(node);
  if (op === 'Sigmoid' || op === 'Softmax') return 'probability';
  if (op === 'LogSoftmax') return 'logit';
  if (CLASSIFIERS.has(op) && outputIndex === 1) {
    // The scores output: probabilities only when the classifier's post_transform makes them.
    const post = stringAttribute(node, 'post_transform') ?? 'NONE';
    return PROBABILITY_POST_TRANSFORMS.has(post) ? 'probability' : null;
  }
  return null;
}

export function outputProducers(
  nodes: readonly DecodedNode[],
  initializers: ReadonlySet<string>,
): Record<string, OutputProducer> {
  const producedBy = new Map<string, { node: DecodedNode; index: number }>();
  for (const node of nodes) {
    node.outputs.forEach((name, index) => {
      if (name !== '') producedBy.set(name, { node, index });
    });
  }
  const trace = (tensor: string): OutputProducer => {
    let name = tensor;
    for (let hops = 0; hops <= nodes.length; hops++) {
      const producer = producedBy.get(name);
      if (!producer) return { op: 'input', reads: null };
      const op = opName(producer.node);
      if (!PASS_THROUGH.has(op)) return { op, reads: readsOf(producer.node, producer.index) };
      // Every pass-through operator takes its data first (then Reshape's shape, Gather's indices).
      const data = producer.node.inputs[0];
      if (data === undefined || data === '' || initializers.has(data)) return { op, reads: null };
      name = data;
    }
    return { op: 'cycle', reads: null };
  };
  const out: Record<string, OutputProducer> = {};
  for (const name of new Set(nodes.flatMap((n) => n.outputs))) {
    if (name !== '') out[name] = trace(name);
  }
  return out;
}
