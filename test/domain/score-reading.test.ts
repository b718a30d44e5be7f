/**
 * How a classifier's output is read (src/domain/score-reading.ts). Reference values: SciPy 1.10.1
 * (Debian's python3-scipy) scipy.special.expit and scipy.special.softmax(axis=1), printed with repr().
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import {
  type GraphEvidence,
  positiveColumn,
  readScores,
  type ScoreReading,
} from '../../src/domain/score-reading.js';

const SIGMOID: GraphEvidence = { op: 'Sigmoid', reads: 'probability' };
const GEMM: GraphEvidence = { op: 'Gemm', reads: null };
const LOGSOFTMAX: GraphEvidence = { op: 'LogSoftmax', reads: 'logit' };

function read(
  values: number[],
  width: number,
  requested: ScoreReading,
  graph: GraphEvidence | null,
) {
  return readScores({
    values: Float64Array.from(values),
    width,
    requested,
    graph,
    what: "the candidate's output 'out'",
    setting: 'models.candidate.scores',
  });
}

describe('readScores decides', () => {
  it.each([
    [
      'a final Sigmoid → probabilities',
      [0.1, 0.9],
      1,
      'auto',
      SIGMOID,
      'probability',
      /graph ends in Sigmoid/,
    ],
    [
      'values outside [0, 1] → logits',
      [-2, 0.5],
      1,
      'auto',
      GEMM,
      'logit',
      /values outside \[0, 1\], e.g. -2 in row 1/,
    ],
    [
      'rows of C summing to 1 → probabilities',
      [0.2, 0.8, 0.6, 0.4],
      2,
      'auto',
      null,
      'probability',
      /each row summing to 1/,
    ],
    [
      'LogSoftmax → logits (softmax gives the probabilities back)',
      [-0.1, -2.4],
      2,
      'auto',
      LOGSOFTMAX,
      'logit',
      /LogSoftmax/,
    ],
    [
      'the config says logit, even for values in [0, 1]',
      [0.2, 0.4],
      1,
      'logit',
      SIGMOID,
      'logit',
      /models.candidate.scores: logit/,
    ],
    [
      'the config says probability',
      [0.2, 0.4],
      1,
      'probability',
      GEMM,
      'probability',
      /models.candidate.scores: probability/,
    ],
  ] as const)('%s', (_, values, width, requested, graph, kind, why) => {
    const r = read([...values], width, requested, graph);
    expect(r.kind).toBe(kind);
    expect(r.why).toMatch(why);
  });

  it('asks instead of guessing: one score per row, all in [0, 1], nothing in the graph', () => {
    const error = (() => {
      try {
        read([0.2, 0.4, 0.7], 1, 'auto', GEMM);
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "cannot tell whether the candidate's output 'out' holds probabilities or logits: every value lies in [0, 1] and the graph computes it with Gemm, not Sigmoid or Softmax",
    );
    expect(error.hint).toMatch(
      /Set models.candidate.scores: probability or models.candidate.scores: logit/,
    );
  });

  it('asks for predictions without a graph too', () => {
    expect(() => read([0.2, 0.4], 1, 'auto', null)).toThrow(/and no graph says/);
  });

  it.each([
    [
      'probability with a value above 1',
      [0.2, 1.7],
      1,
      'probability',
      null,
      /holds 1.7 in row 2, outside \[0, 1\]/,
    ],
    [
      'probability rows that do not sum to 1',
      [0.2, 0.3, 0.4, 0.6],
      2,
      'probability',
      null,
      /row 1's 2 values sum to 0.5, not 1/,
    ],
    [
      'a Sigmoid-ended [N,3] whose rows do not sum to 1',
      [0.9, 0.8, 0.7],
      3,
      'auto',
      SIGMOID,
      /row 1's 3 values sum to 2.4/,
    ],
    [
      'C values in [0, 1] not summing to 1, nothing in the graph',
      [0.2, 0.3],
      2,
      'auto',
      null,
      /cannot tell how to read/,
    ],
  ] as const)('refuses %s', (_, values, width, requested, graph, message) => {
    expect(() => read([...values], width, requested, graph)).toThrow(message);
  });
});

describe('logits become probabilities', () => {
  it('one logit per row through the logistic function (scipy.special.expit)', () => {
    const r = read([0.5, -3, 12], 1, 'logit', null);
    expect(r.probabilities[0]).toBeCloseTo(0.6224593312018546, 15);
    expect(r.probabilities[1]).toBeCloseTo(0.04742587317756678, 15);
    expect(r.probabilities[2]).toBeCloseTo(0.9999938558253978, 15);
  });

  it('a row of C logits through softmax (scipy.special.softmax)', () => {
    const r = read([1, 2, 3, 1000, 1000, 999], 3, 'logit', null);
    const expected = [
      0.09003057317038043, 0.24472847105479767, 0.6652409557748218, 0.4223187982515182,
      0.4223187982515182, 0.15536240349696365,
    ];
    expected.forEach((p, i) => {
      expect(r.probabilities[i]).toBeCloseTo(p, 15);
    });
  });

  it('[N,2] logits give the same P(positive) as the difference through the logistic function', () => {
    const r = read([0.3, 1.8], 2, 'logit', null);
    const p = positiveColumn(r.probabilities, 2, 1);
    expect(p[0]).toBeCloseTo(0.8175744761936437, 15); // scipy.special.expit(1.5)
  });

  it('one probability per row is P(class 1): its complement when the positive class is 0', () => {
    const p = Float64Array.from([0.25, 0.9]);
    expect([...positiveColumn(p, 1, 1)]).toEqual([0.25, 0.9]);
    expect(positiveColumn(p, 1, 0)[0]).toBe(0.75);
  });
});
