/** Rules once the task is known: defaults, the task check, and the kind of a rule. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/domain/config/parse.js';
import { defaultRules, ruleKind, rulesFor } from '../../../src/domain/config/rules.js';
import { InputError } from '../../../src/domain/errors.js';

const models = { candidate: 'c.onnx', baseline: 'b.onnx' };

describe('rulesFor', () => {
  it.each([
    ['binary', 'roc_auc'],
    ['multiclass', 'f1_macro'],
    ['regression', 'r2'],
  ] as const)('defaults to a 0.01 margin on one metric for %s', (task, metric) => {
    const config = parseConfig({ label: 'y', models }, 'c.yml');
    const rules = [{ metric, vs_baseline: { max_drop: 0.01 }, slices: false }];
    expect(rulesFor(config, task, 'c.yml')).toEqual(rules);
    expect(defaultRules(task)).toEqual(rules);
  });

  it.each([
    [
      [{ metric: 'roc_auc', min: 0.8 }],
      'multiclass',
      "c.yml: rules[0].metric 'roc_auc' is not computed for a multiclass model; did you mean 'roc_auc_ovr'?",
    ],
    [
      [{ metric: 'accuracy', min: 0.8 }, { flips: { max_negative_rate: 0.1 } }],
      'regression',
      "c.yml: rules[0].metric 'accuracy' is not computed for a regression model",
    ],
    [
      [{ flips: { max_negative_rate: 0.1 } }],
      'regression',
      'c.yml: rules[0] limits flips, but the task is regression: flips need class predictions',
    ],
  ] as const)('refuses %o for an inferred %s task', (rules, task, message) => {
    const config = parseConfig({ label: 'y', models, rules }, 'c.yml');
    expect(() => rulesFor(config, task, 'c.yml')).toThrow(InputError);
    expect(() => rulesFor(config, task, 'c.yml')).toThrow(message);
  });

  it('keeps rules that fit the task', () => {
    const rules = [{ metric: 'accuracy', min: 0.8 }, { flips: { max_negative_rate: 0.1 } }];
    const config = parseConfig({ label: 'y', models, rules }, 'c.yml');
    expect(rulesFor(config, 'multiclass', 'c.yml')).toBe(config.rules);
  });
});

describe('ruleKind', () => {
  it.each([
    [{ metric: 'roc_auc', min: 0.8 }, 'min'],
    [{ metric: 'log_loss', max: 0.4 }, 'max'],
    [{ metric: 'roc_auc', vs_baseline: { max_drop: 0.01 } }, 'max_drop'],
    [{ metric: 'f1', vs_baseline: { min_delta: 0.02 } }, 'min_delta'],
    [{ flips: { max_negative_rate: 0.03 } }, 'flips'],
  ] as const)('%o is a %s rule', (rule, kind) => {
    const [parsed] = parseConfig({ label: 'y', models, rules: [rule] }, 'c.yml').rules ?? [];
    expect(parsed && ruleKind(parsed)).toBe(kind);
  });
});
