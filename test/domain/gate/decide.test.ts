/**
 * judgeRules and decide: an interval decides a rule; a metric the bootstrap does not cover is
 * decided on its estimate (and says so); an interval that could not be estimated decides
 * nothing; slices fail only on Holm-adjusted evidence.
 */
import { describe, expect, it } from 'vitest';
import { decide, judgeRules, type RuleEvidence } from '../../../src/domain/gate/decide.js';

const base: RuleEvidence = {
  id: 0,
  rule: 'roc_auc ≥ 0.8',
  metric: 'roc_auc',
  scope: 'overall',
  value: 0.84,
  ci: { lower: 0.82, upper: 0.86 },
  bound: 0.8,
  side: 'min',
  method: 'bootstrap',
  rows: 2000,
};

describe('judgeRules', () => {
  it.each([
    ['whole interval above a floor', base, 'PASS', 'PASS', /whole 95% interval/],
    [
      'whole interval below a floor',
      { ...base, value: 0.7, ci: { lower: 0.68, upper: 0.72 } },
      'FAIL',
      'FAIL',
      /misses/,
    ],
    [
      'straddling',
      { ...base, ci: { lower: 0.79, upper: 0.86 } },
      'INCONCLUSIVE',
      'PASS',
      /straddles/,
    ],
    ['ceiling met', { ...base, side: 'max' as const, bound: 0.9 }, 'PASS', 'PASS', /≤ 0.9/],
    [
      'no interval from the bootstrap',
      { ...base, ci: null },
      'INCONCLUSIVE',
      'PASS',
      /alone cannot decide/,
    ],
    [
      'a metric that is not bootstrapped, under its ceiling',
      {
        ...base,
        metric: 'ece',
        rule: 'ece ≤ 0.05',
        value: 0.02,
        ci: null,
        bound: 0.05,
        side: 'max' as const,
        method: 'point' as const,
      },
      'PASS',
      'PASS',
      /ece has no interval .* point estimate, 0.02 is ≤ 0.05/,
    ],
    [
      'a metric that is not bootstrapped, over its ceiling',
      {
        ...base,
        metric: 'ece',
        rule: 'ece ≤ 0.05',
        value: 0.07,
        ci: null,
        bound: 0.05,
        side: 'max' as const,
        method: 'point' as const,
      },
      'FAIL',
      'FAIL',
      /0.07 is not ≤ 0.05/,
    ],
  ])('%s', (_, evidence, outcome, point, reason) => {
    const [r] = judgeRules([evidence], 0.95);
    expect(r?.outcome).toBe(outcome);
    expect(r?.point_outcome).toBe(point);
    expect(r?.reason).toMatch(reason);
  });

  it('fails a slice only when its Holm-adjusted p-value is at most α/2', () => {
    const slice = (slice: string, pFail: number): RuleEvidence => ({
      ...base,
      scope: { slicing: 'Contract', column: 'Contract', slice },
      value: 0.75,
      ci: { lower: 0.7, upper: 0.79 },
      pFail,
    });
    // Holm on [0.001, 0.02]: adjusted [0.002, 0.02]; α/2 = 0.025.
    const results = judgeRules([base, slice('a', 0.001), slice('b', 0.02)], 0.95);
    expect(results.map((r) => r.outcome)).toEqual(['PASS', 'FAIL', 'FAIL']);
    // Holm on [0.001, 0.02, 0.02]: adjusted [0.003, 0.04, 0.04] > 0.025.
    const three = judgeRules([slice('a', 0.001), slice('b', 0.02), slice('c', 0.02)], 0.95);
    expect(three.map((r) => r.outcome)).toEqual(['FAIL', 'INCONCLUSIVE', 'INCONCLUSIVE']);
    expect(three[1]?.reason).toMatch(/Holm/);
  });
});

describe('decide', () => {
  const results = judgeRules([base, { ...base, id: 1, ci: { lower: 0.79, upper: 0.9 } }], 0.95);
  it.each([
    ['fail', 'INCONCLUSIVE', 1],
    ['warn', 'INCONCLUSIVE', 0],
    ['pass', 'INCONCLUSIVE', 0],
  ] as const)('on_inconclusive: %s → %s, exit %d', (policy, verdict, code) => {
    const d = decide(results, policy, []);
    expect(d.verdict).toBe(verdict);
    expect(d.exit_code).toBe(code);
  });
});
