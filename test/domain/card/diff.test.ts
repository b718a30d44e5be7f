/** diffCards: card fields, the ONNX contract, training data — on the real Telco models and variations. */
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/domain/card/build.js';
import { diffCards } from '../../../src/domain/card/diff.js';
import type { MetricDelta } from '../../../src/domain/card/diff-types.js';
import type { ModelCard } from '../../../src/domain/card/schema.js';
import type { ContractJson, ModelJson } from '../../../src/domain/report.js';
import { baselineModel, candidateEvaluation, candidateModel, withContract } from './fixtures.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function card(model: ModelJson, user?: unknown): ModelCard {
  return buildCard({ user, sourceName: 'model-card.yml', model });
}

function diff(baseline: ModelJson, candidate: ModelJson, users: [unknown, unknown] = [{}, {}]) {
  return diffCards({
    baseline: card(baseline, users[0]),
    candidate: card(candidate, users[1]),
    baselineModel: baseline,
    candidateModel: candidate,
  });
}

describe('diffCards on the Telco models', () => {
  const metrics: MetricDelta[] = [
    { metric: 'roc_auc', baseline: 0.824, candidate: 0.841, delta: 0.017, ci: [0.008, 0.026] },
  ];
  const result = diffCards({
    baseline: card(baselineModel),
    candidate: buildCard({
      sourceName: 'model-card.yml',
      model: candidateModel,
      evaluation: candidateEvaluation,
    }),
    baselineModel,
    candidateModel,
    latency: { baseline: null, candidate: { batch_rows: 64, runs: 20, p50_ms: 1.5, p95_ms: 2 } },
    metrics,
  });

  it('names both sides and passes the metric deltas through', () => {
    expect(result.baseline).toEqual({ name: 'baseline', version: null });
    expect(result.candidate).toEqual({ name: 'candidate', version: null });
    expect(result.metrics).toEqual(metrics);
  });

  it('lists the changed fields, never the metrics or the tensors', () => {
    expect(result.fields.map((f) => f.path)).toEqual([
      'model_details.name',
      'model_parameters.architecture',
    ]);
    expect(result.fields[0]).toEqual({
      path: 'model_details.name',
      before: 'baseline',
      after: 'candidate',
    });
  });

  it('finds the 14 inputs the candidate added, and no other tensor change', () => {
    const { inputs, outputs } = result.contract;
    expect(inputs.every((c) => c.change === 'added' && c.before === null)).toBe(true);
    expect(inputs.map((c) => c.name)).toEqual([
      'gender',
      'Partner',
      'Dependents',
      'PhoneService',
      'MultipleLines',
      'InternetService',
      'OnlineSecurity',
      'OnlineBackup',
      'DeviceProtection',
      'TechSupport',
      'StreamingTV',
      'StreamingMovies',
      'PaperlessBilling',
      'PaymentMethod',
    ]);
    expect(inputs[0]?.after).toEqual({ name: 'gender', type: 'string', shape: [null, 1] });
    expect(outputs).toEqual([]);
    expect(result.contract.breaking).toBe(true);
  });

  it('counts operators, nodes, bytes, producer and latency', () => {
    const c = result.contract;
    expect(c.opsets).toEqual([]);
    expect(c.operators).toEqual([
      { name: 'ai.onnx.ml:ArrayFeatureExtractor', before: 1, after: null },
      { name: 'ai.onnx.ml:LinearClassifier', before: 1, after: null },
      { name: 'ai.onnx.ml:Normalizer', before: 1, after: null },
      { name: 'ai.onnx.ml:OneHotEncoder', before: 1, after: 15 },
      { name: 'ai.onnx.ml:Scaler', before: 1, after: null },
      { name: 'ai.onnx.ml:TreeEnsembleClassifier', before: null, after: 1 },
    ]);
    expect(c.nodes).toEqual({ before: 9, after: 20 });
    expect(c.bytes).toEqual({ before: 1543, after: 114674 });
    expect(c.producer).toEqual({ before: 'skl2onnx 1.14.1', after: 'skl2onnx 1.14.1' });
    expect(c.latency.before).toBeNull();
    expect(c.latency.after?.p95_ms).toBe(2);
  });
});

describe('diffCards cases', () => {
  it('nothing changed → empty lists, not breaking', () => {
    const result = diff(candidateModel, candidateModel);
    expect(result.fields).toEqual([]);
    expect(result.metrics).toEqual([]);
    expect(result.contract).toMatchObject({
      inputs: [],
      outputs: [],
      opsets: [],
      operators: [],
      breaking: false,
    });
    expect(result.training_data.changed).toBe(false);
    expect(result.contract.latency).toEqual({ before: null, after: null });
  });

  it('removed and retyped inputs, a retyped output', () => {
    const [first, second, ...rest] = (baselineModel.contract as ContractJson).inputs;
    if (first === undefined || second === undefined) throw new Error('fixture changed');
    const candidate = withContract(baselineModel, {
      inputs: [{ ...first, type: 'double' }, ...rest],
      outputs: (baselineModel.contract as ContractJson).outputs.map((o) =>
        o.name === 'probabilities' ? { ...o, shape: [null, 3] } : o,
      ),
    });
    const { inputs, outputs, breaking } = diff(baselineModel, candidate).contract;
    expect(inputs).toEqual([
      {
        name: 'SeniorCitizen',
        change: 'retyped',
        before: first,
        after: { ...first, type: 'double' },
      },
      { name: 'tenure', change: 'removed', before: second, after: null },
    ]);
    expect(outputs.map((o) => [o.name, o.change])).toEqual([['probabilities', 'retyped']]);
    expect(breaking).toBe(true);
  });

  it('a rank or a fixed dim is a retype; a renamed dynamic dim is not', () => {
    const shaped = (shape: (number | string | null)[] | null) =>
      withContract(baselineModel, {
        inputs: (baselineModel.contract as ContractJson).inputs.map((t, i) =>
          i === 0 ? { ...t, shape } : t,
        ),
      });
    const changed = (shape: (number | string | null)[] | null) =>
      diff(baselineModel, shaped(shape)).contract.inputs.length > 0;
    expect(changed(['batch', 1])).toBe(false);
    expect(changed([null, 2])).toBe(true);
    expect(changed([null])).toBe(true);
    expect(changed([null, null])).toBe(true);
    expect(changed(null)).toBe(true);
  });

  it('an opset bump, and a new opset domain, are breaking', () => {
    const candidate = withContract(baselineModel, {
      opsets: { 'ai.onnx.ml': 1, 'ai.onnx': 13, 'com.microsoft': 1 },
      producer_version: '1.16.0',
    });
    const result = diff(baselineModel, candidate);
    expect(result.contract.opsets).toEqual([
      { name: 'ai.onnx', before: 11, after: 13 },
      { name: 'com.microsoft', before: null, after: 1 },
    ]);
    expect(result.contract.breaking).toBe(true);
    expect(result.contract.producer.after).toBe('skl2onnx 1.16.0');
  });

  it('operator counts list only the operators that changed', () => {
    const candidate = withContract(baselineModel, {
      operators: { ...(baselineModel.contract as ContractJson).operators, Concat: 4, Identity: 2 },
    });
    const { operators, nodes, breaking } = diff(baselineModel, candidate).contract;
    expect(operators).toEqual([
      { name: 'Concat', before: 3, after: 4 },
      { name: 'Identity', before: null, after: 2 },
    ]);
    expect(nodes).toEqual({ before: 9, after: 12 });
    expect(breaking).toBe(false);
  });

  it('training data: a new hash is a change; the same data is not', () => {
    const data = (sha256: string) => ({
      model_parameters: { training_data: { reference: 'train.csv', sha256 } },
    });
    const changed = diff(baselineModel, baselineModel, [data(HASH_A), data(HASH_B)]);
    expect(changed.training_data).toEqual({
      before: { reference: 'train.csv', sha256: HASH_A },
      after: { reference: 'train.csv', sha256: HASH_B },
      changed: true,
    });
    expect(changed.fields).toEqual([
      { path: 'model_parameters.training_data.sha256', before: HASH_A, after: HASH_B },
    ]);
    const same = diff(baselineModel, baselineModel, [data(HASH_A), data(HASH_A.toUpperCase())]);
    expect(same.training_data.changed).toBe(false);
  });

  it('shows lists whole as JSON, and a field absent on one side as null', () => {
    const result = diff(baselineModel, baselineModel, [
      { model_details: { version: '1', owners: [{ name: 'a' }] } },
      {
        model_details: { owners: [{ name: 'a', contact: 'a@example.com' }] },
        considerations: { limitations: ['x'] },
      },
    ]);
    expect(result.fields).toEqual([
      { path: 'model_details.version', before: '1', after: null },
      {
        path: 'model_details.owners',
        before: '[{"name":"a"}]',
        after: '[{"name":"a","contact":"a@example.com"}]',
      },
      { path: 'considerations.limitations', before: '[]', after: '["x"]' },
    ]);
  });
});

describe('the serving contract’s columns in the card diff', () => {
  // One [N,F] input on both sides: the tensors do not change, the columns behind them do.
  const columns = {
    baseline: [
      { name: 'tenure', type: 'number' as const },
      { name: 'age', type: 'number' as const },
      { name: 'visits', type: 'integer' as const },
      { name: 'plan', type: 'string' as const },
    ],
    candidate: [
      { name: 'tenure', type: 'integer' as const },
      { name: 'visits', type: 'number' as const },
      { name: 'plan', type: 'number' as const },
      { name: 'region', type: 'string' as const },
    ],
  };
  const contract = (c: typeof columns) =>
    diffCards({
      baseline: card(baselineModel),
      candidate: card(baselineModel),
      baselineModel,
      candidateModel: baselineModel,
      columns: c,
    }).contract;

  it('names each column added, removed, narrowed, widened or retyped, and calls it breaking', () => {
    const c = contract(columns);
    expect(c.inputs).toEqual([]);
    expect(c.columns).toEqual([
      { name: 'tenure', change: 'narrowed', before: 'number', after: 'integer' },
      { name: 'visits', change: 'widened', before: 'integer', after: 'number' },
      { name: 'plan', change: 'retyped', before: 'string', after: 'number' },
      { name: 'region', change: 'added', before: null, after: 'string' },
      { name: 'age', change: 'removed', before: 'number', after: null },
    ]);
    expect(c.breaking).toBe(true);
  });

  it('is not breaking for a column only widened, and absent when nothing changed', () => {
    const widened = contract({
      baseline: [{ name: 'visits', type: 'integer' }],
      candidate: [{ name: 'visits', type: 'number' }],
    });
    expect(widened.breaking).toBe(false);
    expect(widened.columns).toHaveLength(1);
    const same = contract({ baseline: columns.baseline, candidate: columns.baseline });
    expect(same).not.toHaveProperty('columns');
    // A side given as predictions has no columns to compare.
    expect(contract({ baseline: null, candidate: columns.candidate } as never)).not.toHaveProperty(
      'columns',
    );
  });
});
