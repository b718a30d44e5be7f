/**
 * The two benchmark models, laid out the way skl2onnx 1.14 converts a scikit-learn
 * LogisticRegression and RandomForestClassifier with zipmap=False: one float [N,1] input per
 * feature, Concat(axis=1), the ML operator, outputs `label` int64 [N] and `probabilities`
 * float [N,2] (column 1 = P(y=1)).
 */

import { DEPTH, INTERNAL, LEAVES, TREES, type Tree } from './forest.js';
import { attr, type Dim, ElemType, graph, model, node, tensorValueInfo } from './onnx-builder.js';
import { FEATURE_NAMES, TRUE_MODEL } from './synth.js';

const ML = 'ai.onnx.ml';
const N: Dim = null; // batch dimension without value or name, as skl2onnx writes it

function skl2onnxLike(name: string, head: Uint8Array[], doc: string): Uint8Array {
  const concatNode = node({
    op: 'Concat',
    name: 'Concat',
    inputs: FEATURE_NAMES,
    outputs: ['merged_columns'],
    attributes: [attr.int('axis', 1)],
  });
  return model({
    irVersion: 8,
    opsets: { '': 13, [ML]: 1 },
    producerName: 'model-gate bench',
    producerVersion: '1',
    docString: doc,
    graph: graph({
      name,
      nodes: [concatNode, ...head],
      inputs: FEATURE_NAMES.map((f) => tensorValueInfo(f, ElemType.FLOAT, [N, 1])),
      outputs: [
        tensorValueInfo('label', ElemType.INT64, [N]),
        tensorValueInfo('probabilities', ElemType.FLOAT, [N, 2]),
      ],
    }),
  });
}

/**
 * The true data-generating model. skl2onnx's binary layout: two coefficient rows, class 0's the
 * negation of class 1's, so LOGISTIC gives [sigmoid(-z), sigmoid(z)]; the L1 Normalizer after
 * it changes nothing numerically but is what the converter emits.
 */
export function logisticModel(): Uint8Array {
  const w = TRUE_MODEL.coefficients;
  const b = TRUE_MODEL.intercept;
  const classifier = node({
    op: 'LinearClassifier',
    domain: ML,
    name: 'LinearClassifier',
    inputs: ['merged_columns'],
    outputs: ['label', 'probability_tensor'],
    attributes: [
      attr.ints('classlabels_ints', [0, 1]),
      attr.floats('coefficients', [...w.map((c) => -c), ...w]),
      attr.floats('intercepts', [-b, b]),
      attr.int('multi_class', 1),
      attr.string('post_transform', 'LOGISTIC'),
    ],
  });
  const normalizer = node({
    op: 'Normalizer',
    domain: ML,
    name: 'Normalizer',
    inputs: ['probability_tensor'],
    outputs: ['probabilities'],
    attributes: [attr.string('norm', 'L1')],
  });
  return skl2onnxLike('logistic', [classifier, normalizer], 'LogisticRegression, the true model');
}

/**
 * Binary layout: one weight per leaf, P(y=1)/TREES, under class_id 0, post_transform NONE.
 * onnxruntime (1.30) reads a two-label ensemble whose weights all carry one class id as binary:
 * the summed score s is class 1's, probabilities are [1 - s, s] and the label is s > 0.5.
 * Writing both classes' weights (class_ids 0 and 1) instead gives the right probabilities but
 * makes ORT label every row 1, and class_id 1 alone gives [0, s]: both checked, both wrong.
 */
export function forestModel(trees: readonly Tree[]): Uint8Array {
  const nodes = trees.length * (INTERNAL + LEAVES);
  const treeIds = new Int32Array(nodes);
  const nodeIds = new Int32Array(nodes);
  const featureIds = new Int32Array(nodes);
  const values = new Float32Array(nodes);
  const trueIds = new Int32Array(nodes);
  const falseIds = new Int32Array(nodes);
  const modes: string[] = [];
  const classTree: number[] = [];
  const classNode: number[] = [];
  const classIds: number[] = [];
  const classWeights: number[] = [];
  let k = 0;
  trees.forEach((tree, t) => {
    for (let n = 0; n < INTERNAL + LEAVES; n++, k++) {
      treeIds[k] = t;
      nodeIds[k] = n;
      if (n < INTERNAL) {
        featureIds[k] = tree.feature[n] as number;
        values[k] = tree.threshold[n] as number;
        trueIds[k] = 2 * n + 1;
        falseIds[k] = 2 * n + 2;
        modes.push('BRANCH_LEQ');
      } else {
        modes.push('LEAF');
        classTree.push(t);
        classNode.push(n);
        classIds.push(0); // the single score is class 1's: see above
        classWeights.push(tree.p1[n - INTERNAL] as number);
      }
    }
  });
  const ensemble = node({
    op: 'TreeEnsembleClassifier',
    domain: ML,
    name: 'TreeEnsembleClassifier',
    inputs: ['merged_columns'],
    outputs: ['label', 'probabilities'],
    attributes: [
      attr.ints('class_ids', classIds),
      attr.ints('class_nodeids', classNode),
      attr.ints('class_treeids', classTree),
      attr.floats('class_weights', classWeights),
      attr.ints('classlabels_int64s', [0, 1]),
      attr.ints('nodes_falsenodeids', falseIds),
      attr.ints('nodes_featureids', featureIds),
      attr.floats('nodes_hitrates', new Float32Array(nodes).fill(1)),
      attr.ints('nodes_missing_value_tracks_true', new Int32Array(nodes)),
      attr.strings('nodes_modes', modes),
      attr.ints('nodes_nodeids', nodeIds),
      attr.ints('nodes_treeids', treeIds),
      attr.ints('nodes_truenodeids', trueIds),
      attr.floats('nodes_values', values),
      attr.string('post_transform', 'NONE'),
    ],
  });
  return skl2onnxLike('forest', [ensemble], `${TREES} randomized trees of depth ${DEPTH}`);
}
