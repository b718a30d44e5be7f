/** parseConfig: defaults, and one readable InputError per kind of bad input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  configJsonSchema,
  type GateConfig,
  parseConfig,
} from '../../../src/domain/config/parse.js';
import { InputError } from '../../../src/domain/errors.js';

const FILE = '.model-gate.yml';
const minimal = { label: 'Churn', models: { candidate: 'c.onnx', baseline: 'b.onnx' } };

function failure(value: unknown): InputError {
  try {
    parseConfig(value, FILE);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('parseConfig accepted the config');
}

describe('parseConfig defaults', () => {
  it('fills every default of a config with only label and models', () => {
    const expected: GateConfig = {
      version: 1,
      label: 'Churn',
      threshold: 0.5,
      models: { candidate: 'c.onnx', baseline: 'b.onnx' },
      data: {},
      cards: {},
      slices: [],
      min_slice_size: 100,
      drift: {
        method: 'auto',
        columns: 'all',
        max_drifted_share: 0.5,
        per_column: {},
        reference_is_training: true,
      },
      statistics: { confidence: 0.95, bootstrap: 1000, seed: 42 },
      on_inconclusive: 'fail',
    };
    const config = parseConfig(minimal, FILE);
    expect(config).toStrictEqual(expected);
    // Left for the run to fill, once the model and the data are known.
    for (const key of ['task', 'positive_label', 'features', 'rules'] as const) {
      expect(config[key]).toBeUndefined();
    }
  });

  it('parses the example of the issue, normalizing slices and rules', () => {
    const text = readFileSync(
      new URL('../../../fixtures/config/example.model-gate.yml', import.meta.url),
      'utf8',
    );
    const config = parseConfig(parse(text), 'example.model-gate.yml');
    expect(config.task).toBe('binary');
    expect(config.positive_label).toBe(1);
    expect(config.features).toEqual(['a', 'b']);
    expect(config.rules).toEqual([
      { metric: 'roc_auc', min: 0.8, slices: false },
      { metric: 'roc_auc', vs_baseline: { max_drop: 0.01 }, slices: false },
      { metric: 'f1', vs_baseline: { min_delta: 0.02 }, slices: false },
      { flips: { max_negative_rate: 0.03 }, slices: false },
    ]);
    expect(config.slices).toEqual([
      { name: 'Contract', column: 'Contract' },
      { name: 'tenure', column: 'tenure', bins: [0, 12, 24, 72] },
    ]);
    expect(config.data).toEqual({ holdout: 'data/holdout.csv', reference: 'data/train.csv' });
  });

  it.each([
    ['drift: false disables drift', { drift: false }, { drift: false }],
    [
      'drift: true means the defaults',
      { drift: true },
      { drift: { method: 'auto', columns: 'all', max_drifted_share: 0.5, per_column: {} } },
    ],
    [
      'per-column drift settings take the drift method when they name none',
      {
        drift: {
          method: 'psi',
          per_column: { tenure: { threshold: 0.25 }, Contract: { method: 'chi2' } },
        },
      },
      {
        drift: {
          method: 'psi',
          columns: 'all',
          max_drifted_share: 0.5,
          per_column: { tenure: { method: 'psi', threshold: 0.25 }, Contract: { method: 'chi2' } },
        },
      },
    ],
    [
      'a named binned slice',
      { slices: [{ column: 'tenure', bins: [0, 12.5, 1e3], name: 'tenure band' }] },
      { slices: [{ name: 'tenure band', column: 'tenure', bins: [0, 12.5, 1000] }] },
    ],
    [
      'a string or a number as positive label',
      { positive_label: 'Yes' },
      { positive_label: 'Yes' },
    ],
    ['the registry baseline', { models: { candidate: 'c.onnx', baseline: 'registry' } }, {}],
  ] as const)('%s', (_, extra, expected) => {
    expect(parseConfig({ ...minimal, ...extra }, FILE)).toMatchObject(expected);
  });

  it('accepts its own output: a parsed config parses to itself', () => {
    const text = readFileSync(
      new URL('../../../fixtures/config/full.model-gate.yml', import.meta.url),
      'utf8',
    );
    const once = parseConfig(parse(text, { merge: true }), FILE);
    expect(parseConfig(once, FILE)).toEqual(once);
    expect(parseConfig(parseConfig(minimal, FILE), FILE)).toEqual(parseConfig(minimal, FILE));
  });

  it('publishes a JSON Schema whose top level lists every key', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(
      Object.keys(
        parseConfig(
          {
            ...minimal,
            task: 'binary',
            positive_label: 1,
            features: ['a'],
            rules: [{ metric: 'f1', min: 0.5 }],
          },
          FILE,
        ),
      ).sort(),
    );
  });
});

/** [what, extra keys over the minimal config (or a whole value), the exact message or a pattern, hint]. */
const BAD: readonly [string, unknown, string | RegExp, RegExp?][] = [
  // unknown keys, with the nearest key
  [
    'unknown top-level key',
    { ...minimal, treshold: 0.5 },
    "unknown key 'treshold' at the top level of .model-gate.yml; did you mean 'threshold'?",
  ],
  [
    'unknown nested key (the missing key it meant is not reported twice)',
    { ...minimal, models: { candiate: 'c.onnx', baseline: 'b.onnx' } },
    "unknown key 'candiate' in models of .model-gate.yml; did you mean 'candidate'?",
  ],
  [
    'unknown key in vs_baseline',
    { ...minimal, rules: [{ metric: 'f1', vs_baseline: { max_dorp: 0.1 } }] },
    "unknown key 'max_dorp' in rules[0].vs_baseline of .model-gate.yml; did you mean 'max_drop'?",
  ],
  [
    'unknown key in a rule',
    { ...minimal, rules: [{ metric: 'f1', min: 0.5, slice: true }] },
    "unknown key 'slice' in rules[0] of .model-gate.yml; did you mean 'slices'?",
  ],
  [
    'unknown key in a per-column drift setting',
    { ...minimal, drift: { per_column: { tenure: { methd: 'ks' } } } },
    "unknown key 'methd' in drift.per_column.tenure of .model-gate.yml; did you mean 'method'?",
  ],
  [
    'unknown key with nothing near: the keys are listed',
    { ...minimal, statistics: { colour: 'red' } },
    "unknown key 'colour' in statistics of .model-gate.yml",
    /The keys there are: confidence, bootstrap, seed/,
  ],
  // wrong types
  [
    'wrong type',
    { ...minimal, threshold: 'high' },
    ".model-gate.yml: threshold must be a number (got 'high')",
  ],
  [
    'a number where a column name goes',
    { ...minimal, label: 2019 },
    '.model-gate.yml: label must be a string (got 2019)',
    /quote it: '2019'/,
  ],
  [
    'wrong type deep in a rule',
    {
      ...minimal,
      rules: [
        { metric: 'roc_auc', min: 0.8 },
        { metric: 'f1', min: 0.5 },
        { metric: 'roc_auc', vs_baseline: { max_drop: 'small' } },
      ],
    },
    ".model-gate.yml: rules[2].vs_baseline.max_drop must be a number (got 'small')",
  ],
  [
    'a whole number',
    { ...minimal, statistics: { bootstrap: 999.5 } },
    '.model-gate.yml: statistics.bootstrap must be a whole number (got 999.5)',
  ],
  [
    'union of types',
    { ...minimal, positive_label: true },
    '.model-gate.yml: positive_label must be a string or a number (got true)',
  ],
  [
    'drift form',
    { ...minimal, drift: 'yes' },
    ".model-gate.yml: drift must be false, true or a mapping (got 'yes')",
  ],
  [
    "drift.columns: 'all' or a list",
    { ...minimal, drift: { columns: 'some' } },
    ".model-gate.yml: drift.columns must be 'all' or a list (got 'some')",
  ],
  ['empty file', null, '.model-gate.yml is empty'],
  [
    'a list at the top',
    [minimal],
    /^\.model-gate\.yml must hold a mapping of keys .*\(got a list\)$/,
  ],
  // bins
  [
    'bins not increasing',
    { ...minimal, slices: ['Contract', { column: 'tenure', bins: [0, 24, 12] }] },
    '.model-gate.yml: slices[1].bins must be increasing, but 12 follows 24 (position 3)',
  ],
  [
    'bins repeated',
    { ...minimal, slices: [{ column: 'tenure', bins: [0, 12, 12] }] },
    /slices\[0\]\.bins must be increasing, but 12 follows 12/,
  ],
  [
    'bins not finite',
    { ...minimal, slices: [{ column: 'tenure', bins: [0, Number.POSITIVE_INFINITY] }] },
    '.model-gate.yml: slices[0].bins[1] must be a number (got Infinity)',
  ],
  [
    'one edge',
    { ...minimal, slices: [{ column: 'tenure', bins: [0] }] },
    '.model-gate.yml: slices[0].bins must have at least 2 items',
  ],
  // enums
  [
    'bad task, with the allowed values',
    { ...minimal, task: 'binry' },
    ".model-gate.yml: task must be one of 'binary', 'multiclass', 'regression' (got 'binry'); did you mean 'binary'?",
  ],
  [
    'bad on_inconclusive',
    { ...minimal, on_inconclusive: 'maybe' },
    ".model-gate.yml: on_inconclusive must be one of 'fail', 'pass', 'warn' (got 'maybe')",
  ],
  [
    'bad metric name',
    { ...minimal, rules: [{ metric: 'auc', min: 0.8 }] },
    /rules\[0\]\.metric must be one of 'accuracy', .*'roc_auc'.* \(got 'auc'\); did you mean 'roc_auc'\?$/,
  ],
  [
    'bad drift method',
    { ...minimal, drift: { method: 'kolmogorov' } },
    /drift\.method must be one of 'auto', 'ks', 'chi2', 'wasserstein', 'psi', 'js' \(got 'kolmogorov'\)/,
  ],
  ['unsupported version', { ...minimal, version: 2 }, '.model-gate.yml: version must be 1 (got 2)'],
  // rule forms
  [
    'rule with two kinds',
    { ...minimal, rules: [{ metric: 'roc_auc', min: 0.8, vs_baseline: { max_drop: 0.01 } }] },
    ".model-gate.yml: rules[0] has 'min' and 'vs_baseline', but takes only one of min, max, vs_baseline, flips, latency, memory or size_mb",
    /A rule is one of \{ metric, min \}/,
  ],
  [
    'rule with no kind',
    { ...minimal, rules: [{ metric: 'roc_auc' }] },
    '.model-gate.yml: rules[0] needs one of min, max, vs_baseline, flips, latency, memory or size_mb',
    /A rule is one of/,
  ],
  [
    'rule that is not a mapping',
    { ...minimal, rules: ['roc_auc >= 0.8'] },
    ".model-gate.yml: rules[0] must be a mapping (got 'roc_auc >= 0.8')",
    /A rule is one of/,
  ],
  [
    'vs_baseline with both margins',
    { ...minimal, rules: [{ metric: 'f1', vs_baseline: { max_drop: 0.01, min_delta: 0.01 } }] },
    ".model-gate.yml: rules[0].vs_baseline has 'max_drop' and 'min_delta', but takes only one of max_drop or min_delta",
    /max_drop \(how much worse/,
  ],
  [
    'negative margin',
    { ...minimal, rules: [{ metric: 'f1', vs_baseline: { max_drop: -0.01 } }] },
    '.model-gate.yml: rules[0].vs_baseline.max_drop must be at least 0 (got -0.01)',
  ],
  // missing keys
  [
    'missing label',
    { models: minimal.models },
    "missing key 'label' at the top level of .model-gate.yml",
  ],
  [
    'missing models',
    { label: 'Churn' },
    "missing key 'models' at the top level of .model-gate.yml",
  ],
  [
    'missing baseline',
    { label: 'Churn', models: { candidate: 'c.onnx' } },
    "missing key 'baseline' in models of .model-gate.yml",
  ],
  [
    'empty path',
    { label: 'Churn', models: { candidate: '', baseline: 'b.onnx' } },
    '.model-gate.yml: models.candidate must not be empty',
  ],
  // ranges
  [
    'confidence of 1',
    { ...minimal, statistics: { confidence: 1 } },
    '.model-gate.yml: statistics.confidence must be less than 1 (got 1)',
  ],
  [
    'confidence as a percentage',
    { ...minimal, statistics: { confidence: 95 } },
    '.model-gate.yml: statistics.confidence must be less than 1 (got 95)',
  ],
  [
    'confidence of 0',
    { ...minimal, statistics: { confidence: 0 } },
    '.model-gate.yml: statistics.confidence must be greater than 0 (got 0)',
  ],
  [
    'too few resamples',
    { ...minimal, statistics: { bootstrap: 0 } },
    '.model-gate.yml: statistics.bootstrap must be at least 100 (got 0)',
  ],
  [
    'threshold above 1',
    { ...minimal, threshold: 1.5 },
    '.model-gate.yml: threshold must be at most 1 (got 1.5)',
  ],
  [
    'flips rate above 1',
    { ...minimal, rules: [{ flips: { max_negative_rate: 3 } }] },
    '.model-gate.yml: rules[0].flips.max_negative_rate must be at most 1 (got 3)',
  ],
  ['no rules', { ...minimal, rules: [] }, '.model-gate.yml: rules must not be empty'],
  [
    'a latency rule with two limits',
    { ...minimal, rules: [{ latency: { p95_ms: { max: 5 }, vs_baseline: { max_ratio: 1.2 } } }] },
    '.model-gate.yml: rules[0].latency has two limits: write p95_ms and vs_baseline as two rules',
  ],
  [
    'a latency rule without a limit',
    { ...minimal, rules: [{ latency: { batch: 4 } }] },
    '.model-gate.yml: rules[0].latency needs one limit: p95_ms: { max } or vs_baseline: { max_ratio }',
  ],
  [
    'a latency batch of 0',
    { ...minimal, rules: [{ latency: { p95_ms: { max: 5 }, batch: 0 } }] },
    '.model-gate.yml: rules[0].latency.batch must be at least 1 (got 0)',
  ],
  [
    'a memory rule with two limits',
    { ...minimal, rules: [{ memory: { peak_mb: { max: 500 }, vs_baseline: { max_ratio: 1.5 } } }] },
    '.model-gate.yml: rules[0].memory has two limits: write peak_mb and vs_baseline as two rules',
  ],
  [
    'a memory rule without a limit',
    { ...minimal, rules: [{ memory: { batch: 32 } }] },
    '.model-gate.yml: rules[0].memory needs one limit: peak_mb: { max } or vs_baseline: { max_ratio }',
  ],
  [
    'a memory ceiling of 0',
    { ...minimal, rules: [{ memory: { peak_mb: { max: 0 } } }] },
    '.model-gate.yml: rules[0].memory.peak_mb.max must be greater than 0 (got 0)',
  ],
  [
    'slices on a memory rule',
    { ...minimal, rules: [{ memory: { peak_mb: { max: 500 } }, slices: true }] },
    '.model-gate.yml: rules[0].slices does not go with this form of rules[0]',
    /memory: \{ peak_mb: \{ max \} \}/,
  ],
  [
    'a negative size',
    { ...minimal, rules: [{ size_mb: { max: -1 } }] },
    '.model-gate.yml: rules[0].size_mb.max must be greater than 0 (got -1)',
  ],
  [
    'slices on a latency rule',
    { ...minimal, rules: [{ latency: { p95_ms: { max: 5 } }, slices: true }] },
    '.model-gate.yml: rules[0].slices does not go with this form of rules[0]',
    /size_mb/,
  ],
  // across keys
  [
    'a floor on a lower-is-better metric',
    { ...minimal, rules: [{ metric: 'log_loss', min: 0.3 }] },
    '.model-gate.yml: rules[0].min is a floor, but log_loss is lower-is-better',
    /Write max: 0\.3/,
  ],
  [
    'a ceiling on a higher-is-better metric',
    { ...minimal, rules: [{ metric: 'roc_auc', max: 0.9 }] },
    '.model-gate.yml: rules[0].max is a ceiling, but roc_auc is higher-is-better',
  ],
  [
    'a metric of another task',
    { ...minimal, task: 'multiclass', rules: [{ metric: 'roc_auc', min: 0.8 }] },
    ".model-gate.yml: rules[0].metric 'roc_auc' is not a multiclass metric (it is computed for binary)",
    /roc_auc_ovr/,
  ],
  [
    'flips for regression',
    { ...minimal, task: 'regression', rules: [{ flips: { max_negative_rate: 0.1 } }] },
    '.model-gate.yml: rules[0].flips apply to classification, but task is regression',
  ],
  [
    'metrics of two tasks',
    {
      ...minimal,
      rules: [
        { metric: 'roc_auc', min: 0.8 },
        { metric: 'r2', min: 0.5 },
      ],
    },
    '.model-gate.yml: rules name metrics that no one task computes: roc_auc (binary) in rules[0], r2 (regression) in rules[1]',
  ],
  [
    'slices: true without slices',
    { ...minimal, rules: [{ metric: 'f1', min: 0.5, slices: true }] },
    '.model-gate.yml: rules[0].slices is true, but the config lists no slices',
  ],
  [
    'two slices of one name',
    { ...minimal, slices: ['tenure', { column: 'tenure', bins: [0, 12, 72] }] },
    ".model-gate.yml: slices[1] repeats the slice name 'tenure' of slices[0]",
    /name:/,
  ],
  [
    'a drift threshold for auto',
    { ...minimal, drift: { per_column: { tenure: { threshold: 0.1 } } } },
    '.model-gate.yml: drift.per_column.tenure.threshold needs a method: auto combines an effect size and a test, which have no common scale',
  ],
  [
    'a p-value above 1',
    { ...minimal, drift: { per_column: { 'monthly charges': { method: 'ks', threshold: 5 } } } },
    '.model-gate.yml: drift.per_column["monthly charges"].threshold must be at most 1 for ks (got 5)',
  ],
  [
    'a feature twice',
    { ...minimal, features: ['a', 'b', 'a'] },
    ".model-gate.yml: features[2] repeats the column 'a'",
  ],
];

describe('parseConfig errors', () => {
  it.each(BAD)('%s', (_, value, message, hint) => {
    const error = failure(value);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    if (hint) expect(error.hint).toMatch(hint);
  });

  it('lists several problems, at most five, unknown keys first, then in schema order', () => {
    const error = failure({
      label: 7,
      models: { candidate: 'c.onnx', baseline: 'b.onnx' },
      threshold: 2,
      task: 'linear',
      on_inconclusive: 'maybe',
      statistics: { seed: -1 },
      slices: [{ column: 'tenure', bins: [3, 2] }],
      treshold: 0.5,
    });
    expect(error.message.split('\n')).toEqual([
      '.model-gate.yml has 7 problems:',
      "  - unknown key 'treshold' at the top level; did you mean 'threshold'?",
      "  - task must be one of 'binary', 'multiclass', 'regression' (got 'linear')",
      '  - label must be a string (got 7)',
      '  - threshold must be at most 1 (got 2)',
      '  - slices[0].bins must be increasing, but 2 follows 3 (position 2)',
      '  - and 2 more',
    ]);
    expect(error.hint).toMatch(/quote it/);
  });

  it('reports a typo of a required key once', () => {
    const error = failure({ lable: 'Churn', models: minimal.models });
    expect(error.message).toBe(
      "unknown key 'lable' at the top level of .model-gate.yml; did you mean 'label'?",
    );
  });
});
