/**
 * How a classifier's output is read: as probabilities, or as logits turned into probabilities
 * (the logistic function for one score per row, softmax across a row of C). `auto` decides from
 * the graph first (a final Sigmoid or Softmax means probabilities), then from the values (any
 * value outside [0, 1] means logits; a row of C values in [0, 1] summing to 1 means
 * probabilities); when neither tells — one score per row, every value in [0, 1], nothing in the
 * graph — it asks for `scores:` instead of guessing, since a logit model's values can all lie in
 * [0, 1] and reading them as probabilities would silently change every metric.
 */
import { InputError } from './errors.js';

export const SCORE_READINGS = ['auto', 'probability', 'logit'] as const;
export type ScoreReading = (typeof SCORE_READINGS)[number];

/** What the model's graph says about an output (runtime/onnx/producers.ts), when there is a graph. */
export interface GraphEvidence {
  readonly op: string;
  readonly reads: 'probability' | 'logit' | null;
}

export interface ReadScoresInput {
  readonly values: Float32Array | Float64Array;
  readonly width: number;
  readonly requested: ScoreReading;
  readonly graph: GraphEvidence | null;
  /** Names the model and output in messages, e.g. "the candidate's output 'logit'". */
  readonly what: string;
  /** Where this model's reading is set, e.g. "models.candidate.scores in the config". */
  readonly setting: string;
}

export interface ReadScores {
  readonly kind: 'probability' | 'logit';
  readonly why: string;
  /** Probabilities, `width` per row (one score per row: P of the output's class). */
  readonly probabilities: Float64Array;
}

/** `scores: logit` for a config key, `--scores logit` for a flag. */
function set(setting: string, value: string): string {
  return setting.startsWith('--') ? `${setting} ${value}` : `${setting}: ${value}`;
}

/** Rows of C probabilities may be off 1 by float32 rounding; more than this is not a distribution. */
export const ROW_SUM_TOLERANCE = 1e-3;

function outsideUnit(values: Float32Array | Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v <= 1)) return i;
  }
  return -1;
}

/** The first row whose values do not sum to 1, with its sum; -1 when all do. */
function offRow(values: Float32Array | Float64Array, width: number): { row: number; sum: number } {
  const rows = values.length / width;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += values[r * width + j] as number;
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) return { row: r, sum };
  }
  return { row: -1, sum: 1 };
}

function cell(values: Float32Array | Float64Array, width: number, i: number): string {
  return `${values[i]} in row ${Math.floor(i / width) + 1}`;
}

function asProbabilities(input: ReadScoresInput, reason: string): Float64Array {
  const { values, width, what } = input;
  const outside = outsideUnit(values);
  if (outside >= 0) {
    throw new InputError(
      `${what} is read as probabilities (${reason}), but holds ${cell(values, width, outside)}, outside [0, 1]`,
      `If these are logits (raw scores), set ${set(input.setting, 'logit')}.`,
    );
  }
  if (width >= 2) {
    const off = offRow(values, width);
    if (off.row >= 0) {
      throw new InputError(
        `${what} is read as probabilities (${reason}), but row ${off.row + 1}'s ${width} values sum to ${off.sum}, not 1`,
        `Class probabilities sum to 1 in every row; if these are logits or independent scores, set ${set(input.setting, 'logit')}, or read another output.`,
      );
    }
  }
  return Float64Array.from(values);
}

export function fromLogits(values: Float32Array | Float64Array, width: number): Float64Array {
  const out = new Float64Array(values.length);
  if (width === 1) {
    for (let i = 0; i < values.length; i++) out[i] = 1 / (1 + Math.exp(-(values[i] as number)));
    return out;
  }
  const rows = values.length / width;
  for (let r = 0; r < rows; r++) {
    const at = r * width;
    let max = -Infinity;
    for (let j = 0; j < width; j++) max = Math.max(max, values[at + j] as number);
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const e = Math.exp((values[at + j] as number) - max);
      out[at + j] = e;
      sum += e;
    }
    for (let j = 0; j < width; j++) out[at + j] = (out[at + j] as number) / sum;
  }
  return out;
}

export function readScores(input: ReadScoresInput): ReadScores {
  const { values, width, graph } = input;
  const logits = (why: string): ReadScores => ({
    kind: 'logit',
    why,
    probabilities: fromLogits(values, width),
  });
  const probabilities = (why: string): ReadScores => ({
    kind: 'probability',
    why,
    probabilities: asProbabilities(input, why),
  });
  if (input.requested === 'logit') return logits(set(input.setting, 'logit'));
  if (input.requested === 'probability') return probabilities(set(input.setting, 'probability'));
  if (graph?.reads === 'probability') return probabilities(`the graph ends in ${graph.op}`);
  if (graph?.reads === 'logit') return logits(`the graph ends in ${graph.op} (log-probabilities)`);
  const outside = outsideUnit(values);
  if (outside >= 0) return logits(`values outside [0, 1], e.g. ${cell(values, width, outside)}`);
  if (width >= 2) {
    const off = offRow(values, width);
    // Both checks of asProbabilities have just passed: no second pass over the values.
    if (off.row < 0) {
      return {
        kind: 'probability',
        why: 'values in [0, 1], each row summing to 1',
        probabilities: Float64Array.from(values),
      };
    }
    throw new InputError(
      `cannot tell how to read ${input.what}: its values lie in [0, 1] but row ${off.row + 1}'s ${width} values sum to ${off.sum}, not 1`,
      `Set ${set(input.setting, 'logit')} if they are raw scores, or read an output of class probabilities.`,
    );
  }
  const where = graph
    ? `the graph computes it with ${graph.op}, not Sigmoid or Softmax`
    : 'no graph says';
  throw new InputError(
    `cannot tell whether ${input.what} holds probabilities or logits: every value lies in [0, 1] and ${where}`,
    `Set ${set(input.setting, 'probability')} or ${set(input.setting, 'logit')}; model-gate does not guess, since logits in [0, 1] read as probabilities would change every metric.`,
  );
}

/** Values already read once as `kind` (e.g. the same model on the reference), as probabilities. */
export function probabilitiesAs(
  values: Float32Array | Float64Array,
  width: number,
  kind: ReadScores['kind'],
): Float64Array {
  return kind === 'logit' ? fromLogits(values, width) : Float64Array.from(values);
}

/**
 * P(positive) per row: column `column` of two, or, for one score per row (the probability of the
 * model's second class), itself when `column` is 1 and its complement when 0.
 */
export function positiveColumn(
  probabilities: Float64Array,
  width: number,
  column: number,
): Float64Array {
  const n = probabilities.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] =
      width === 1
        ? column === 1
          ? (probabilities[i] as number)
          : 1 - (probabilities[i] as number)
        : (probabilities[i * width + column] as number);
  }
  return out;
}
