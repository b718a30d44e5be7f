/**
 * Serving rules judged (domain/gate/evidence.ts, decide.ts): size and memory are one figure each,
 * compared with the limit as they are; a memory ratio with no baseline figure decides nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/domain/config/index.js';
import type { Comparison } from '../../../src/domain/gate/compare.js';
import { judgeRules } from '../../../src/domain/gate/decide.js';
import { ruleEvidence, type ServingMeasures } from '../../../src/domain/gate/evidence.js';

const serving: ServingMeasures = {
  latency: new Map(),
  candidateMb: 0.5,
  memory: new Map([
    [1, { candidateMb: 40, ratio: 10 }],
    [64, { candidateMb: 42, ratio: null }],
  ]),
};

function judged(rule: Rule) {
  const evidence = ruleEvidence([rule], {
    // Serving rules read no comparison.
    comparison: {} as Comparison,
    candidateMetrics: {},
    baselineMetrics: {},
    flips: null,
    confidence: 0.95,
    rows: 100,
    serving,
  });
  const [result] = judgeRules(evidence, 0.95);
  return result;
}

describe('serving rules', () => {
  it.each<[string, Rule, string, string | RegExp]>([
    ['size within', { size_mb: { max: 1 } }, 'PASS', 'measured exactly: 0.5 is ≤ 1'],
    ['size beyond', { size_mb: { max: 0.25 } }, 'FAIL', 'measured exactly: 0.5 is not ≤ 0.25'],
    [
      'peak within',
      { memory: { peak_mb: { max: 50 }, batch: 1 } },
      'PASS',
      /^measured once, in a process of its own .*: 40 is ≤ 50$/,
    ],
    [
      'peak beyond, at the rule’s batch',
      { memory: { peak_mb: { max: 41 }, batch: 64 } },
      'FAIL',
      /: 42 is not ≤ 41$/,
    ],
    [
      'ratio beyond',
      { memory: { vs_baseline: { max_ratio: 2 }, batch: 1 } },
      'FAIL',
      /: 10 is not ≤ 2$/,
    ],
    [
      'no ratio: a baseline that added nothing measurable',
      { memory: { vs_baseline: { max_ratio: 2 }, batch: 64 } },
      'INCONCLUSIVE',
      "the baseline's session added no memory the probe could measure: there is no ratio to judge",
    ],
  ])('%s', (_, rule, outcome, reason) => {
    const r = judged(rule);
    expect(r?.outcome).toBe(outcome);
    if (typeof reason === 'string') expect(r?.reason).toBe(reason);
    else expect(r?.reason).toMatch(reason);
  });
});
