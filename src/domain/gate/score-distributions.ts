/**
 * report.json `scores`: how each model's scores spread over the holdout and how well they are
 * calibrated, on bins both models share, for the report's charts (render/ never re-bins).
 *
 * Binary: P(positive) on 10 equal-width bins of [0, 1], binned exactly as scikit-learn's
 * `calibration_curve(y, p, n_bins=10, strategy='uniform')` (metrics/calibration.ts); per bin the
 * row count, mean score (prob_pred) and share of positives (prob_true).
 * Regression: the predicted value on 10 equal-width bins from the smaller to the larger of both
 * models' extremes (right-closed, the first also holds its lower edge); per bin the row count,
 * the mean prediction and the mean label.
 */
import { calibrationBin } from '../metrics/calibration.js';

export const SCORE_BINS = 10;

/** Per model, on the shared bins of `ScoreDistributions.edges`. */
export interface ScoreBins {
  /** Holdout rows whose score falls in each bin. */
  readonly counts: number[];
  /** Mean score of the bin's rows (calibration_curve's prob_pred); null for an empty bin. */
  readonly mean_predicted: (number | null)[];
  /** Share of positives in the bin (prob_true; regression: mean label); null for an empty bin. */
  readonly observed: (number | null)[];
}

export interface ScoreDistributions {
  /** Binary: P(positive class); regression: the predicted value. */
  readonly score: 'probability' | 'value';
  /** Ascending bin edges, SCORE_BINS + 1 of them. */
  readonly edges: number[];
  readonly candidate: ScoreBins;
  readonly baseline: ScoreBins;
}

function binsOf(y: ArrayLike<number>, score: Float64Array, bin: (v: number) => number): ScoreBins {
  const count = new Float64Array(SCORE_BINS);
  const sum = new Float64Array(SCORE_BINS);
  const label = new Float64Array(SCORE_BINS);
  for (let i = 0; i < score.length; i++) {
    const v = score[i] as number;
    const b = bin(v);
    count[b] = (count[b] as number) + 1;
    sum[b] = (sum[b] as number) + v;
    label[b] = (label[b] as number) + (y[i] as number);
  }
  const per = (a: Float64Array) =>
    Array.from(a, (v, b) => ((count[b] as number) > 0 ? v / (count[b] as number) : null));
  return { counts: Array.from(count), mean_predicted: per(sum), observed: per(label) };
}

/** Binary: y holds 0/1, scores are P(positive). */
export function probabilityDistributions(
  y: Uint8Array,
  candidate: Float64Array,
  baseline: Float64Array,
): ScoreDistributions {
  const step = 1 / SCORE_BINS;
  const bin = (p: number) => calibrationBin(p, SCORE_BINS, step);
  return {
    score: 'probability',
    edges: Array.from({ length: SCORE_BINS + 1 }, (_, k) => k * step),
    candidate: binsOf(y, candidate, bin),
    baseline: binsOf(y, baseline, bin),
  };
}

/** Regression: y holds the targets; null when the predictions are not all finite. */
export function valueDistributions(
  y: Float64Array,
  candidate: Float64Array,
  baseline: Float64Array,
): ScoreDistributions | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const a of [candidate, baseline]) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (!Number.isFinite(v)) return null;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return null;
  const width = (hi - lo) / SCORE_BINS;
  const edges = Array.from({ length: SCORE_BINS + 1 }, (_, k) =>
    k === SCORE_BINS ? hi : lo + k * width,
  );
  const bin = (v: number) => {
    if (width === 0) return 0;
    let b = Math.ceil((v - lo) / width) - 1;
    if (b < 0) b = 0;
    else if (b > SCORE_BINS - 1) b = SCORE_BINS - 1;
    while (b > 0 && (edges[b] as number) >= v) b--;
    while (b < SCORE_BINS - 1 && (edges[b + 1] as number) < v) b++;
    return b;
  };
  return {
    score: 'value',
    edges,
    candidate: binsOf(y, candidate, bin),
    baseline: binsOf(y, baseline, bin),
  };
}
