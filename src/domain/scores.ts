/**
 * From raw model outputs to what metrics read: P(positive) per row for binary tasks, a
 * probability matrix for multiclass, values for regression. A single binary score outside
 * [0, 1] is taken for a logit and passed through the logistic function.
 */
import { InputError } from './errors.js';

function firstNonFinite(values: Float32Array | Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return i;
  return -1;
}

export function requireFinite(
  values: Float32Array | Float64Array,
  width: number,
  what: string,
): void {
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    throw new InputError(
      `${what} is ${values[bad]} in row ${Math.floor(bad / width) + 1}`,
      'The model produced a value metrics cannot use; check the inputs of that row (missing cells the graph does not impute?).',
    );
  }
}

export interface BinaryScores {
  readonly score: Float64Array;
  readonly kind: 'probability' | 'logit';
}

/** `column`: the positive class's probability column (width 2), or 1 when a single score is P(positive). */
export function binaryScores(
  values: Float32Array | Float64Array,
  width: number,
  column: number,
): BinaryScores {
  const n = values.length / width;
  const score = new Float64Array(n);
  if (width === 2) {
    for (let i = 0; i < n; i++) score[i] = values[i * 2 + column] as number;
    return { score, kind: 'probability' };
  }
  let logit = false;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < 0 || v > 1) logit = true;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const p = logit ? 1 / (1 + Math.exp(-v)) : v;
    score[i] = column === 1 ? p : 1 - p;
  }
  return { score, kind: logit ? 'logit' : 'probability' };
}
