/**
 * Which output carries the scores: probabilities [N,C], a single probability or logit column
 * [N,1] or [N], or regression values. Label outputs (int64 or string) are never used: labels
 * are derived from the scores with the policy's threshold.
 */
import { InputError } from '../domain/errors.js';
import type { ValueInfo } from './onnx/contract.js';

const NUMERIC = new Set(['float', 'double', 'float16']);

function describe(outputs: readonly ValueInfo[]): string {
  return outputs.map((o) => `'${o.name}' (${o.kind === 'tensor' ? o.type : o.kind})`).join(', ');
}

/** The score output: `requested` when given, else the most probability-like numeric tensor. */
export function chooseScoreOutput(
  outputs: readonly ValueInfo[],
  requested: string | undefined,
): ValueInfo {
  const numeric = outputs.filter((o) => o.kind === 'tensor' && NUMERIC.has(o.type));
  if (requested !== undefined) {
    const found = outputs.find((o) => o.name === requested);
    if (!found)
      throw new InputError(
        `the model has no output '${requested}'; its outputs are ${describe(outputs)}`,
      );
    if (!numeric.includes(found)) {
      throw new InputError(
        `output '${requested}' is ${found.kind === 'tensor' ? found.type : found.kind}, not a float tensor of scores`,
      );
    }
    return found;
  }
  if (numeric.length === 0) {
    throw new InputError(
      `the model's outputs fit no task: none is a float tensor of probabilities, scores or values (outputs: ${describe(outputs)})`,
      'model-gate reads class probabilities [N,C], one probability or logit per row, or regression values.',
    );
  }
  const width = (o: ValueInfo) =>
    o.shape && o.shape.length === 2 && typeof o.shape[1] === 'number' ? o.shape[1] : null;
  return (
    numeric.find((o) => /prob/i.test(o.name)) ??
    numeric.find((o) => (width(o) ?? 0) >= 2) ??
    (numeric[0] as ValueInfo)
  );
}
