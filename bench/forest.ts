/**
 * The benchmark's random forest as plain data: built here ("trained" on a sample drawn from
 * the holdout's process), written as ONNX by models.ts, and evaluated here in plain JS to check
 * that the ONNX file computes what we meant.
 */
import { FEATURE_NAMES, Rng, SEEDS, sampleRow } from './synth.js';

export const TREES = 100;
export const DEPTH = 6;
export const INTERNAL = 2 ** DEPTH - 1; // 63: full binary tree, node i has children 2i+1 and 2i+2
export const LEAVES = 2 ** DEPTH; // 64: nodes 63..126
const SAMPLE_ROWS = 20_000;
const CANDIDATES = 4; // split candidates per node, about sqrt(20) as in sklearn's max_features

export interface Tree {
  readonly feature: Int32Array; // per internal node
  readonly threshold: Float32Array; // per internal node: go left (true branch) when x <= t
  readonly p1: Float32Array; // per leaf: P(y=1) among its sample rows, divided by TREES
}

/**
 * The best (lowest Gini impurity) of CANDIDATES random splits of a node's rows; a candidate is
 * a random feature with, as threshold, its value in a random row reaching the node, so
 * thresholds follow the data's distribution. An empty node still needs a split: its candidate
 * rows come from the whole sample.
 */
function chooseSplit(
  rows: readonly number[],
  xs: Float32Array,
  ys: Uint8Array,
  rng: Rng,
): [number, number] {
  const width = FEATURE_NAMES.length;
  let best: [number, number] = [0, 0];
  let bestCost = Number.POSITIVE_INFINITY;
  for (let c = 0; c < CANDIDATES; c++) {
    const f = rng.int(width);
    const pick = rows.length > 0 ? (rows[rng.int(rows.length)] as number) : rng.int(SAMPLE_ROWS);
    const thr = xs[pick * width + f] as number;
    let nL = 0;
    let posL = 0;
    let pos = 0;
    for (const r of rows) {
      const y = ys[r] as number;
      pos += y;
      if ((xs[r * width + f] as number) <= thr) {
        nL++;
        posL += y;
      }
    }
    const nR = rows.length - nL;
    const posR = pos - posL;
    // Gini impurity weighted by size, up to a factor 2: sum over sides of pos * neg / n.
    const cost = (nL ? (posL * (nL - posL)) / nL : 0) + (nR ? (posR * (nR - posR)) / nR : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = [f, thr];
    }
  }
  return best;
}

/**
 * 100 randomized trees "trained" on a sample from the same process as the holdout, in the
 * manner of ExtraTrees (splits from chooseSplit, no bootstrap); a leaf holds the
 * Laplace-smoothed share of positives among its rows, divided by TREES so that the summed
 * leaf weights are the trees' averaged probability.
 */
export function buildForest(): Tree[] {
  const sampleRng = new Rng(SEEDS.forestSample);
  const width = FEATURE_NAMES.length;
  const xs = new Float32Array(SAMPLE_ROWS * width); // float32: what the model compares
  const ys = new Uint8Array(SAMPLE_ROWS);
  const row = new Float64Array(width);
  for (let i = 0; i < SAMPLE_ROWS; i++) {
    ys[i] = sampleRow(sampleRng, row);
    xs.set(row, i * width);
  }
  const rng = new Rng(SEEDS.forestSplits);
  const trees: Tree[] = [];
  for (let t = 0; t < TREES; t++) {
    const tree: Tree = {
      feature: new Int32Array(INTERNAL),
      threshold: new Float32Array(INTERNAL),
      p1: new Float32Array(LEAVES),
    };
    // Rows reaching each node, top-down: a node's rows are split between its two children.
    const rowsAt: number[][] = [Array.from({ length: SAMPLE_ROWS }, (_, i) => i)];
    for (let n = 0; n < INTERNAL; n++) {
      const here = rowsAt[n] ?? [];
      const [f, thr] = chooseSplit(here, xs, ys, rng);
      tree.feature[n] = f;
      tree.threshold[n] = thr;
      const left: number[] = [];
      const right: number[] = [];
      for (const r of here) ((xs[r * width + f] as number) <= thr ? left : right).push(r);
      rowsAt[2 * n + 1] = left;
      rowsAt[2 * n + 2] = right;
    }
    for (let l = 0; l < LEAVES; l++) {
      const here = rowsAt[INTERNAL + l] ?? [];
      let pos = 0;
      for (const r of here) pos += ys[r] as number;
      const p = (pos + 1) / (here.length + 2);
      tree.p1[l] = p / TREES;
    }
    trees.push(tree);
  }
  return trees;
}

/**
 * The forest in plain JS, for checking the ONNX file: the row's values as float32 (what the
 * model's float input holds), the same branch rule, and float32 accumulation of the leaf
 * weights in tree order, as onnxruntime does for float-typed ensembles; then
 * [1 - s, s] as in forestModel. The label is s > 0.5.
 */
export function forestPredict(trees: readonly Tree[], row: ArrayLike<number>): [number, number] {
  let s = 0;
  for (const tree of trees) {
    let n = 0;
    while (n < INTERNAL) {
      const x = Math.fround(row[tree.feature[n] as number] as number);
      n = x <= (tree.threshold[n] as number) ? 2 * n + 1 : 2 * n + 2;
    }
    s = Math.fround(s + (tree.p1[n - INTERNAL] as number));
  }
  return [Math.fround(1 - s), s];
}
