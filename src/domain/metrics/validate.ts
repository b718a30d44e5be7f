/**
 * Input checks for the top-level metric functions (scikit-learn raises ValueError in the same
 * situations: inconsistent lengths, labels outside the declared classes, non-finite values,
 * probabilities outside [0, 1] in `brier_score_loss` / `calibration_curve`). The building blocks
 * skip these checks so that a bootstrap can call them millions of times; they assume valid input.
 */
import { InputError } from '../errors.js';

export function checkSameLength(what: string, a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) {
    throw new InputError(`${what}: ${a.length} labels but ${b.length} predictions`);
  }
}

export function checkBinaryLabels(y: Uint8Array): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (v > 1) {
      throw new InputError(`label ${v} at row ${i} is not 0 or 1`, 'binary labels must be 0/1');
    }
  }
}

export function checkProbabilities(what: string, p: Float64Array): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    // `!(v >= 0 && v <= 1)` is also true for NaN.
    if (!(v >= 0 && v <= 1)) {
      throw new InputError(`${what}: value ${v} at index ${i} is not a probability in [0, 1]`);
    }
  }
}

export function checkFinite(what: string, v: Float64Array): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i] as number)) {
      throw new InputError(`${what}: value ${v[i]} at index ${i} is not a finite number`);
    }
  }
}

export function checkClassLabels(y: Int32Array, nClasses: number): void {
  if (!Number.isInteger(nClasses) || nClasses < 2) {
    throw new InputError(`nClasses must be an integer >= 2, got ${nClasses}`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (v < 0 || v >= nClasses) {
      throw new InputError(`class label ${v} at row ${i} is outside 0..${nClasses - 1}`);
    }
  }
}
