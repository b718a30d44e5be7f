/**
 * Prediction drift and label drift: the same column test (column.ts) on a model's score column or
 * on the label, so they get the same statistics, `auto` rule and report shape as a feature.
 *
 *   predictionDrift   numeric: P(positive) of a classifier, or a regressor's output
 *   labelDrift        categorical for class labels (numbers become categories on request),
 *                     numeric for a regression target
 *
 * Each is one test (k = 1: auto's test at 0.05); pass `tests` through columnDrift
 * directly to test them together with the features.
 */
import { type ColumnDrift, columnDrift, type DriftSample, type NumericSample } from './column.js';
import type { ColumnDriftOptions } from './methods.js';

/** Drift of a model's score (P(positive), or the regression output) between two datasets. */
export function predictionDrift(
  reference: Float64Array | Float32Array,
  current: Float64Array | Float32Array,
  options: ColumnDriftOptions = {},
): ColumnDrift {
  const ref: NumericSample = { kind: 'number', values: reference };
  const cur: NumericSample = { kind: 'number', values: current };
  return columnDrift('prediction', ref, cur, options);
}

/**
 * Drift of the label. Class labels should be categorical: pass them as categories, or as numbers
 * with `asCategories: true` (each distinct number becomes a category, e.g. 0 → '0'); a regression
 * target stays numeric.
 */
export function labelDrift(
  reference: DriftSample,
  current: DriftSample,
  options: ColumnDriftOptions & { readonly asCategories?: boolean } = {},
): ColumnDrift {
  const { asCategories, ...rest } = options;
  const ref = asCategories ? numbersAsCategories(reference) : reference;
  const cur = asCategories ? numbersAsCategories(current) : current;
  return columnDrift('label', ref, cur, rest);
}

/** Each distinct number becomes the category String(value); NaN stays missing. */
export function numbersAsCategories(sample: DriftSample): DriftSample {
  if (sample.kind === 'category') return sample;
  const levels: string[] = [];
  const index = new Map<number, number>();
  const codes = new Int32Array(sample.values.length);
  for (let i = 0; i < sample.values.length; i++) {
    const v = sample.values[i] as number;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      index.set(v, code);
      levels.push(String(v));
    }
    codes[i] = code;
  }
  return { kind: 'category', codes, levels };
}
