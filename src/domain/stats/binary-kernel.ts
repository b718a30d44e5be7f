/**
 * The paired kernel of a binary classifier: BINARY_BOOTSTRAP_METRICS of candidate and baseline
 * (P(positive) scores, label 1 = positive) on every group, under integer row weights.
 *
 * Definitions are those of metrics/ (scikit-learn 1.2.1), evaluated on the weighted sample:
 *   accuracy, precision, recall, f1   from the weighted confusion counts of score >= threshold
 *                                     (confusion.ts: zero_division = 0)
 *   roc_auc, average_precision        weighted-ranking.ts (NaN / 0 as the metric functions)
 *   log_loss, brier                   Σ w·term / Σ w with the per-row terms of probabilistic.ts
 * A group with no weight gets NaN for every metric.
 *
 * Work per resample: one walk per model down its score order (sorted once here, by radix sort),
 * which yields roc_auc, average_precision and the confusion counts (weighted-ranking.ts), and one
 * sequential pass for the loss sums (binary-losses.ts); each slicing adds one walk per model over
 * its group-major copy of those orders and one pass for its groups' loss sums.
 */

import { mapInto } from '../arrays.js';
import {
  accuracyFromConfusion,
  type Confusion,
  f1FromPrecisionRecall,
  precisionFromConfusion,
  recallFromConfusion,
} from '../metrics/confusion.js';
import { FLOAT64_EPS } from '../metrics/constants.js';
import { checkBinaryLabels, checkProbabilities, checkSameLength } from '../metrics/validate.js';
import { LOSS_WIDTH, type LossTerms, overallLossSums, slicedLossSums } from './binary-losses.js';
import { groupTable, type Slicing, slotIds } from './groups.js';
import { BINARY_BOOTSTRAP_METRICS, type PairedKernel } from './kernel.js';
import { descendingOrder, groupOrder } from './order.js';
import {
  averagePrecisionOfWalk,
  type RankLayout,
  rankLayout,
  rankWalk,
  rocAucOfWalk,
  WALK_WIDTH,
} from './weighted-ranking.js';

export interface BinaryPairInput {
  /** 0/1 labels. */
  y: Uint8Array;
  /** Candidate's P(positive) per row. */
  candidate: Float64Array;
  /** Baseline's P(positive) per row. */
  baseline: Float64Array;
  /** A row is predicted positive when its score >= threshold. */
  threshold: number;
  slicings?: readonly Slicing[];
}

interface SlicingPlan {
  slicing: Slicing;
  count: number;
  /** Group slot of each weight index (candidate score order). */
  slots: Uint16Array;
  /** Candidate's and baseline's layouts over this slicing's groups. */
  layouts: [RankLayout, RankLayout];
}

/** What every statistic of a binary pair refuses: other lengths, labels not 0/1, scores outside [0, 1]. */
export function checkBinaryPair(input: BinaryPairInput): void {
  const { y, candidate, baseline, threshold } = input;
  checkSameLength('paired comparison: candidate', y, candidate);
  checkSameLength('paired comparison: baseline', y, baseline);
  checkBinaryLabels(y);
  checkProbabilities('paired comparison: candidate scores', candidate);
  checkProbabilities('paired comparison: baseline scores', baseline);
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold ${threshold} is not finite`);
}

export function binaryKernel(input: BinaryPairInput): PairedKernel {
  const { y, candidate, baseline, threshold } = input;
  const slicings = input.slicings ?? [];
  checkBinaryPair(input);
  const n = y.length;
  const groups = groupTable(n, slicings);
  // The weight index space is the candidate's score order: its walk and the row pass then read
  // weights sequentially; only the baseline's walk gathers.
  const order = descendingOrder(candidate);
  const indexOfRow = new Int32Array(n);
  for (let k = 0; k < n; k++) indexOfRow[order[k] as number] = k;
  const terms = lossTerms(input, order);
  const baselineOrder = descendingOrder(baseline);
  const whole = Int32Array.of(0, n);
  const overall: [RankLayout, RankLayout] = [
    rankLayout(y, candidate, threshold, order, whole, null),
    rankLayout(y, baseline, threshold, baselineOrder, whole, indexOfRow),
  ];
  const plans: SlicingPlan[] = slicings.map((slicing) => {
    const count = slicing.groups.length;
    const c = groupOrder(order, slicing.ids, count);
    const b = groupOrder(baselineOrder, slicing.ids, count);
    const rowSlots = slotIds(slicing);
    return {
      slicing,
      count,
      slots: mapInto(new Uint16Array(order.length), order, (row) => rowSlots[row] as number),
      layouts: [
        rankLayout(y, candidate, threshold, c.rows, c.start, indexOfRow),
        rankLayout(y, baseline, threshold, b.rows, b.start, indexOfRow),
      ],
    };
  });
  const G = groups.length;
  const M = BINARY_BOOTSTRAP_METRICS.length;
  const losses = new Float64Array(G * LOSS_WIDTH);
  const walks = new Float64Array(G * 2 * WALK_WIDTH);
  const maxCount = plans.reduce((m, p) => Math.max(m, p.count), 0);
  const scratch = new Float64Array((maxCount + 1) * 8);

  /** The loss sums of every group into `losses`. */
  function lossPasses(weights: Uint8Array, compensated: boolean): void {
    // Compensated sums must run in row order to be the metric functions' sums bit for bit.
    let w = weights;
    let t = terms;
    if (compensated) {
      w = new Uint8Array(n);
      for (let k = 0; k < n; k++) w[order[k] as number] = weights[k] as number;
      t = lossTerms(input, null);
    }
    overallLossSums(w, t, losses, compensated);
    let first = 1;
    for (const plan of plans) {
      const slots = compensated ? slotIds(plan.slicing) : plan.slots;
      const part = losses.subarray(first * LOSS_WIDTH, (first + plan.count) * LOSS_WIDTH);
      slicedLossSums(w, t, slots, plan.count, scratch, part, compensated);
      first += plan.count;
    }
  }

  function evaluate(weights: Uint8Array, out: Float64Array, offset: number, compensated: boolean) {
    if (weights.length !== n) throw new RangeError(`${weights.length} weights for ${n} rows`);
    lossPasses(weights, compensated);
    for (let model = 0; model < 2; model++) {
      walkGroups(weights, overall[model] as RankLayout, 0, model);
    }
    let first = 1;
    for (const plan of plans) {
      for (let model = 0; model < 2; model++) {
        walkGroups(weights, plan.layouts[model] as RankLayout, first, model);
      }
      first += plan.count;
    }
    for (let g = 0; g < G; g++) groupMetrics(g, out, offset + g * M * 2);
  }

  function walkGroups(weights: Uint8Array, layout: RankLayout, first: number, model: number) {
    const { positions, flags, start, cut } = layout;
    for (let g = 0; g < cut.length; g++) {
      const o = ((first + g) * 2 + model) * WALK_WIDTH;
      const from = start[g] as number;
      const to = start[g + 1] as number;
      rankWalk(weights, positions, flags, from, to, cut[g] as number, walks, o);
    }
  }

  function groupMetrics(g: number, out: Float64Array, o: number): void {
    for (let model = 0; model < 2; model++) {
      const w = (g * 2 + model) * WALK_WIDTH;
      const positives = walks[w + 1] as number;
      const total = positives + (walks[w + 2] as number);
      const tp = walks[w + 4] as number;
      const fp = walks[w + 5] as number;
      const c: Confusion = { tp, fp, tn: total - positives - fp, fn: positives - tp };
      const precision = precisionFromConfusion(c);
      const recall = recallFromConfusion(c);
      const values = [
        accuracyFromConfusion(c),
        precision,
        recall,
        f1FromPrecisionRecall(precision, recall),
        rocAucOfWalk(walks, w),
        averagePrecisionOfWalk(walks, w),
        (losses[g * LOSS_WIDTH + model] as number) / total,
        (losses[g * LOSS_WIDTH + 2 + model] as number) / total,
      ];
      for (let m = 0; m < M; m++) {
        out[o + m * 2 + model] = total === 0 ? Number.NaN : (values[m] as number);
      }
    }
  }

  return {
    task: 'binary',
    rows: n,
    order,
    metrics: BINARY_BOOTSTRAP_METRICS,
    groups,
    studentized: [],
    evaluate,
  };
}

/**
 * Per-row loss terms, exactly as metrics/probabilistic.ts forms them, at index k for row order[k]
 * (row k when `order` is null).
 */
function lossTerms(input: BinaryPairInput, order: Int32Array | null): LossTerms {
  const { y, candidate, baseline } = input;
  const n = y.length;
  const t: LossTerms = {
    logLossCandidate: new Float64Array(n),
    logLossBaseline: new Float64Array(n),
    squaredErrorCandidate: new Float64Array(n),
    squaredErrorBaseline: new Float64Array(n),
  };
  const hi = 1 - FLOAT64_EPS;
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : (order[k] as number);
    const yi = y[i] as number;
    const sc = candidate[i] as number;
    const sb = baseline[i] as number;
    t.logLossCandidate[k] = logLossTerm(yi, sc, hi);
    t.logLossBaseline[k] = logLossTerm(yi, sb, hi);
    t.squaredErrorCandidate[k] = (yi - sc) * (yi - sc);
    t.squaredErrorBaseline[k] = (yi - sb) * (yi - sb);
  }
  return t;
}

/** −ln q[y] after sklearn 1.2.1's clip and row renormalisation (probabilistic.ts). */
function logLossTerm(y: number, s: number, hi: number): number {
  const p1 = Math.min(Math.max(s, FLOAT64_EPS), hi);
  const p0 = 1 - p1;
  return -Math.log((y === 1 ? p1 : p0) / (p0 + p1));
}
