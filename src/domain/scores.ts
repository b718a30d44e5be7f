/**
 * Raw model outputs must be finite before anything reads them (score-reading.ts reads them).
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
