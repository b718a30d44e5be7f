/** applyOverrides: flags and action inputs replace config keys, and the result is validated again. */
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  type ConfigOverrides,
  parseConfig,
  requireHoldout,
} from '../../../src/domain/config/parse.js';
import { InputError } from '../../../src/domain/errors.js';

const config = parseConfig(
  {
    label: 'Churn',
    models: { candidate: 'c.onnx', baseline: 'b.onnx' },
    data: { holdout: 'h.csv' },
    rules: [{ metric: 'roc_auc', vs_baseline: { max_drop: 0.01 } }],
    drift: { method: 'psi' },
  },
  '.model-gate.yml',
);

describe('applyOverrides', () => {
  it.each([
    ['nothing given', {}, {}],
    ['undefined means not given', { threshold: undefined, candidate: undefined }, {}],
    [
      'paths',
      { candidate: 'new.onnx', baseline: 'registry', holdout: 'fresh.csv', reference: 'train.csv' },
      {
        models: { candidate: 'new.onnx', baseline: 'registry' },
        data: { holdout: 'fresh.csv', reference: 'train.csv' },
      },
    ],
    [
      'scalars',
      { label: 'y', task: 'binary', positive_label: 'Yes', threshold: 0.3, features: ['a', 'b'] },
      { label: 'y', task: 'binary', positive_label: 'Yes', threshold: 0.3, features: ['a', 'b'] },
    ],
    [
      'statistics, one key at a time',
      { bootstrap: 200 },
      { statistics: { confidence: 0.95, bootstrap: 200, seed: 42 } },
    ],
    [
      'policy',
      { on_inconclusive: 'warn', min_slice_size: 50 },
      { on_inconclusive: 'warn', min_slice_size: 50 },
    ],
    ['drift off', { drift: false }, { drift: false }],
    ['drift on keeps the settings', { drift: true }, {}],
  ] as const satisfies readonly (readonly [string, ConfigOverrides, object])[])(
    '%s',
    (_, overrides, expected) => {
      const result = applyOverrides(config, overrides);
      expect(result).toStrictEqual({ ...config, ...expected });
    },
  );

  it('turns drift back on with the defaults', () => {
    const off = applyOverrides(config, { drift: false });
    expect(applyOverrides(off, { drift: true }).drift).toEqual({
      method: 'auto',
      columns: 'all',
      max_drifted_share: 0.5,
      per_column: {},
      reference_is_training: true,
    });
  });

  it.each([
    [{ threshold: 1.5 }, 'the command line: threshold must be at most 1 (got 1.5)'],
    [{ confidence: 95 }, 'the command line: statistics.confidence must be less than 1 (got 95)'],
    [{ candidate: '' }, 'the command line: models.candidate must not be empty'],
    [
      { task: 'regression' },
      "the command line: rules[0].metric 'roc_auc' is not a regression metric (it is computed for binary)",
    ],
  ] as const)('validates %o again', (overrides, message) => {
    expect(() => applyOverrides(config, overrides, 'the command line')).toThrow(InputError);
    expect(() => applyOverrides(config, overrides, 'the command line')).toThrow(message);
  });

  it('leaves the config it was given alone', () => {
    const before = structuredClone(config);
    applyOverrides(config, { threshold: 0.2, holdout: 'x.csv', drift: false });
    expect(config).toEqual(before);
  });
});

describe('requireHoldout', () => {
  it('returns the holdout, or says where to give one', () => {
    expect(requireHoldout(config, '.model-gate.yml')).toBe('h.csv');
    const none = parseConfig({ label: 'y', models: config.models }, '.model-gate.yml');
    expect(() => requireHoldout(none, '.model-gate.yml')).toThrow(
      'no holdout data: .model-gate.yml has no data.holdout and none was given as a flag or input',
    );
  });
});
