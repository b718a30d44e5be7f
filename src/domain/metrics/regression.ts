/**
 * Regression metrics, matching scikit-learn 1.2.1 (single output, no sample weights):
 *   mae   = mean|y − ŷ|                                  mean_absolute_error
 *   mse   = mean (y − ŷ)²                                mean_squared_error
 *   rmse  = sqrt(mse)                                    sqrt(mean_squared_error)
 *   r2    = 1 − SS_res / SS_tot,  SS_res = Σ(y − ŷ)², SS_tot = Σ(y − ȳ)²          r2_score
 *           force_finite: SS_tot == 0 → 1 if SS_res == 0 else 0; NaN for n < 2 (sklearn warns
 *           and returns nan). Constant y is detected exactly (SS_tot := 0), so float noise in ȳ
 *           cannot turn it into a huge negative number.
 *   mape  = mean |y − ŷ| / max(|y|, float64 eps)  (a fraction)   mean_absolute_percentage_error
 *   max_error = max |y − ŷ|                              max_error
 *   median_absolute_error = numpy.median |y − ŷ|         median_absolute_error
 * Means are compensated (sum.ts). `regressionMetrics` makes one pass for the sums plus one for
 * SS_tot, and sorts the absolute errors once for the median.
 */
import { InputError } from '../errors.js';
import { FLOAT64_EPS } from './constants.js';
import { medianInPlace } from './median.js';
import { NeumaierSum } from './sum.js';
import { checkFinite, checkSameLength } from './validate.js';

export function meanAbsoluteError(y: Float64Array, pred: Float64Array): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < y.length; i++) acc.add(Math.abs((y[i] as number) - (pred[i] as number)));
  return acc.value() / y.length;
}

export function meanSquaredError(y: Float64Array, pred: Float64Array): number {
  return sumSquaredError(y, pred) / y.length;
}

export function rootMeanSquaredError(y: Float64Array, pred: Float64Array): number {
  return Math.sqrt(meanSquaredError(y, pred));
}

export function meanAbsolutePercentageError(y: Float64Array, pred: Float64Array): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    acc.add(Math.abs(yi - (pred[i] as number)) / Math.max(Math.abs(yi), FLOAT64_EPS));
  }
  return acc.value() / y.length;
}

/** max|y − ŷ|; NaN for n = 0 (sklearn raises). */
export function maxError(y: Float64Array, pred: Float64Array): number {
  if (y.length === 0) return Number.NaN;
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs((y[i] as number) - (pred[i] as number));
    if (d > m) m = d;
  }
  return m;
}

/** numpy.median of |y − ŷ|; `work` (length >= n) is reused as the scratch buffer when given. */
export function medianAbsoluteError(
  y: Float64Array,
  pred: Float64Array,
  work?: Float64Array,
): number {
  const n = y.length;
  const buf = work !== undefined && work.length >= n ? work.subarray(0, n) : new Float64Array(n);
  for (let i = 0; i < n; i++) buf[i] = Math.abs((y[i] as number) - (pred[i] as number));
  return medianInPlace(buf);
}

export function r2Score(y: Float64Array, pred: Float64Array): number {
  return r2FromSums(y, sumSquaredError(y, pred));
}

function sumSquaredError(y: Float64Array, pred: Float64Array): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < y.length; i++) {
    const d = (y[i] as number) - (pred[i] as number);
    acc.add(d * d);
  }
  return acc.value();
}

/** r2 given SS_res; computes ȳ and SS_tot (two passes over y). */
function r2FromSums(y: Float64Array, ssRes: number): number {
  const n = y.length;
  if (n < 2) return Number.NaN;
  const acc = new NeumaierSum();
  const first = y[0] as number;
  let constant = true;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (yi !== first) constant = false;
    acc.add(yi);
  }
  let ssTot = 0;
  if (!constant) {
    const mean = acc.value() / n;
    acc.reset();
    for (let i = 0; i < n; i++) {
      const d = (y[i] as number) - mean;
      acc.add(d * d);
    }
    ssTot = acc.value();
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

export interface RegressionMetrics {
  metrics: Record<string, number>;
}

export function regressionMetrics(y: Float64Array, pred: Float64Array): RegressionMetrics {
  checkSameLength('regression metrics', y, pred);
  const n = y.length;
  if (n === 0) throw new InputError('regression metrics: no rows');
  checkFinite('regression metrics: targets', y);
  checkFinite('regression metrics: predictions', pred);

  const absErr = new Float64Array(n);
  const sAbs = new NeumaierSum();
  const sSq = new NeumaierSum();
  const sPct = new NeumaierSum();
  let maxErr = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const d = yi - (pred[i] as number);
    const a = Math.abs(d);
    absErr[i] = a;
    sAbs.add(a);
    sSq.add(d * d);
    sPct.add(a / Math.max(Math.abs(yi), FLOAT64_EPS));
    if (a > maxErr) maxErr = a;
  }
  const ssRes = sSq.value();
  const mse = ssRes / n;
  return {
    metrics: {
      mae: sAbs.value() / n,
      mse,
      rmse: Math.sqrt(mse),
      r2: r2FromSums(y, ssRes),
      mape: sPct.value() / n,
      max_error: maxErr,
      median_absolute_error: medianInPlace(absErr),
    },
  };
}
