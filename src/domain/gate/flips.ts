/**
 * Prediction flips between two classifiers on the same rows: negative flips are rows the
 * baseline got right and the candidate gets wrong, positive flips the reverse. Rates are over
 * all rows; the report keeps the first row numbers and the slices that hold most of them.
 */
import type { Slicing } from './slices.js';

export interface FlipSlice {
  /** The slicing's name (the config's `name`, else its column) and the column it cuts. */
  readonly slicing: string;
  readonly column: string;
  readonly slice: string;
  readonly negative: number;
  /** Share of all negative flips that fall in this slice. */
  readonly share: number;
}

export interface Flips {
  readonly rows: number;
  readonly negative: number;
  readonly positive: number;
  readonly negative_rate: number;
  readonly positive_rate: number;
  /** 1-based data-row numbers of the first negative and positive flips. */
  readonly first_negative_rows: number[];
  readonly first_positive_rows: number[];
  /** Per slicing, the slices holding the most negative flips. */
  readonly top_slices: FlipSlice[];
}

/** `correctBaseline[i]`, `correctCandidate[i]`: 1 when that model's predicted class is right. */
export function countFlips(
  correctBaseline: Uint8Array,
  correctCandidate: Uint8Array,
  slicings: readonly (Slicing & { readonly name: string })[],
  firstRows = 10,
  topSlices = 3,
): Flips {
  const n = correctBaseline.length;
  const negativeRows: number[] = [];
  const positiveRows: number[] = [];
  let negative = 0;
  let positive = 0;
  const perSlice = slicings.map((s) => new Float64Array(s.groups.length));
  for (let i = 0; i < n; i++) {
    const b = correctBaseline[i] as number;
    const c = correctCandidate[i] as number;
    if (b === c) continue;
    if (b === 1) {
      negative++;
      if (negativeRows.length < firstRows) negativeRows.push(i + 1);
      slicings.forEach((s, k) => {
        const g = s.index[i] as number;
        if (g >= 0)
          (perSlice[k] as Float64Array)[g] = ((perSlice[k] as Float64Array)[g] as number) + 1;
      });
    } else {
      positive++;
      if (positiveRows.length < firstRows) positiveRows.push(i + 1);
    }
  }
  const top: FlipSlice[] = [];
  slicings.forEach((s, k) => {
    const counts = perSlice[k] as Float64Array;
    const ranked = s.groups
      .map((slice, g) => ({
        slicing: s.name,
        column: s.column,
        slice,
        negative: counts[g] as number,
        share: negative > 0 ? (counts[g] as number) / negative : 0,
      }))
      .filter((x) => x.negative > 0)
      .sort((a, b) => b.negative - a.negative || a.slice.localeCompare(b.slice))
      .slice(0, topSlices);
    top.push(...ranked);
  });
  return {
    rows: n,
    negative,
    positive,
    negative_rate: n > 0 ? negative / n : 0,
    positive_rate: n > 0 ? positive / n : 0,
    first_negative_rows: negativeRows,
    first_positive_rows: positiveRows,
    top_slices: top,
  };
}

/** 1 where a binary prediction (score >= threshold) matches y. */
export function binaryCorrect(y: Uint8Array, score: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++)
    out[i] = ((score[i] as number) >= threshold ? 1 : 0) === y[i] ? 1 : 0;
  return out;
}

/** 1 where the argmax of a probability row (first maximum wins) matches y. */
export function multiclassCorrect(
  y: Int32Array,
  proba: Float32Array | Float64Array,
  classes: number,
): Uint8Array {
  const n = y.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let max = proba[i * classes] as number;
    for (let c = 1; c < classes; c++) {
      const p = proba[i * classes + c] as number;
      if (p > max) {
        max = p;
        best = c;
      }
    }
    out[i] = best === y[i] ? 1 : 0;
  }
  return out;
}
