/**
 * The model shapes the shared fixtures lack (fixtures/extra, built by
 * scripts/fixtures/make_extra_models.py): ZipMap outputs, int64 and double inputs, one [N,F]
 * input fed from --features, a single probability column, a logit column, string class labels.
 * The reference is each fitted scikit-learn model's own float64 output in <model>.expected.csv;
 * ONNX computes in float32, so scores agree to ~1e-6 and the metrics below to the stated tolerance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EvaluateRequest, evaluate } from '../../src/app/evaluate.js';
import { silentProgress } from '../../src/app/progress.js';
import { binaryMetrics, regressionMetrics } from '../../src/domain/metrics/index.js';

const deps = { progress: silentProgress, now: () => performance.now(), toolVersion: 'test' };
const TELCO = 'fixtures/classification_telco_churn/holdout.csv';
const HOUSING = 'fixtures/regression_california_housing/holdout.csv';
const HOUSING_NUMERIC = [
  'longitude',
  'latitude',
  'housing_median_age',
  'total_rooms',
  'total_bedrooms',
  'population',
  'households',
  'median_income',
];
const TELCO_NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];

function expected(name: string): { header: string[]; columns: string[][] } {
  const lines = readFileSync(`fixtures/extra/${name}.expected.csv`, 'utf8').trimEnd().split('\n');
  const header = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { header, columns: header.map((_, j) => rows.map((r) => r[j] as string)) };
}
function column(name: string, col: string): Float64Array {
  const e = expected(name);
  return Float64Array.from(e.columns[e.header.indexOf(col)] as string[], Number);
}

async function run(
  request: Partial<EvaluateRequest> & Pick<EvaluateRequest, 'model' | 'data' | 'label'>,
) {
  return (await evaluate({ threshold: 0.5, threads: 2, missing: 'allow', ...request }, deps))
    .report;
}

describe('binary models of other shapes', () => {
  const y = Uint8Array.from(column('binary_single_proba', 'y_true'));
  const sklearn = binaryMetrics(y, column('binary_single_proba', 'sklearn_proba_1'), 0.5).metrics;

  it.each([
    ['binary_zipmap_int64', {}, 'probability'],
    ['binary_single_proba', { features: TELCO_NUMERIC }, 'probability'],
    ['binary_logit', { features: TELCO_NUMERIC }, 'logit'],
  ] as const)('%s agrees with scikit-learn', async (name, extra, scoreKind) => {
    const report = await run({
      model: `fixtures/extra/${name}.onnx`,
      data: TELCO,
      label: 'Churn',
      ...extra,
    });
    expect(report.task).toBe('binary');
    expect(report.label.positive_label).toBe('1');
    expect(report.model.score).toBe(scoreKind);
    for (const metric of ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'f1']) {
      // Same fitted LogisticRegression in all three; sklearn's float64 probabilities as reference.
      expect(report.metrics[metric]).toBeCloseTo(sklearn[metric] as number, 5);
    }
  });

  it('the ZipMap is stripped and its probability tensor read instead', async () => {
    const report = await run({
      model: 'fixtures/extra/binary_zipmap_int64.onnx',
      data: TELCO,
      label: 'Churn',
    });
    expect(report.model.zipmap_stripped).toEqual({ output_probability: 'probabilities' });
    expect(report.model.output).toBe('probabilities');
    expect(report.model.contract?.inputs.map((i) => i.type)).toEqual([
      'int64',
      'int64',
      'double',
      'double',
    ]);
    expect(report.model.contract?.metadata).toEqual({
      model_author: 'model-gate tests',
      training_data: 'reference.csv',
    });
    expect(report.model.contract?.class_labels).toEqual([0, 1]);
  });

  it('choosing the other positive class flips the scores', async () => {
    const report = await run({
      model: 'fixtures/extra/binary_single_proba.onnx',
      data: TELCO,
      label: 'Churn',
      features: TELCO_NUMERIC,
      positiveLabel: '0',
    });
    expect(report.label.classes).toEqual(['1', '0']);
    expect(report.metrics.roc_auc).toBeCloseTo(sklearn.roc_auc as number, 5);
    expect(report.metrics.recall).not.toBeCloseTo(sklearn.recall as number, 2);
  });
});

describe('multiclass with string classes behind a ZipMap and one [N,8] input', () => {
  it('reads the classes from the model and scores every row', async () => {
    const report = await run({
      model: 'fixtures/extra/multiclass_zipmap.onnx',
      data: HOUSING,
      label: 'ocean_proximity',
      features: HOUSING_NUMERIC,
    });
    expect(report.task).toBe('multiclass');
    expect(report.label.classes).toEqual([
      '<1H OCEAN',
      'INLAND',
      'ISLAND',
      'NEAR BAY',
      'NEAR OCEAN',
    ]);
    const e = expected('multiclass_zipmap');
    const truth = e.columns[e.header.indexOf('y_true')] as string[];
    const predicted = e.columns[e.header.indexOf('sklearn_label')] as string[];
    const accuracy = truth.filter((t, i) => t === predicted[i]).length / truth.length;
    // scikit-learn's predict() agrees with the ONNX argmax on every row (fixtures/extra/README.md).
    expect(report.metrics.accuracy).toBe(accuracy);
    expect(report.metrics.roc_auc_ovr).toBeGreaterThan(0.8);
  });

  it('without --features it says which columns to pass', async () => {
    await expect(
      run({
        model: 'fixtures/extra/multiclass_zipmap.onnx',
        data: HOUSING,
        label: 'ocean_proximity',
      }),
    ).rejects.toThrow(
      /model input 'float_input' \(float\[N,8\]\) of model 'fixtures\/extra\/multiclass_zipmap.onnx' takes 8 features in one tensor/,
    );
  });
});

describe('regression on a double [N,8] input', () => {
  it('agrees with scikit-learn', async () => {
    const report = await run({
      model: 'fixtures/extra/tree_regressor_double.onnx',
      data: HOUSING,
      label: 'median_house_value',
      features: HOUSING_NUMERIC,
    });
    const sklearn = regressionMetrics(
      column('tree_regressor_double', 'y_true'),
      column('tree_regressor_double', 'sklearn_pred'),
    ).metrics;
    expect(report.task).toBe('regression');
    for (const metric of ['mae', 'rmse', 'r2', 'mape']) {
      expect(
        Math.abs((report.metrics[metric] as number) / (sklearn[metric] as number) - 1),
      ).toBeLessThan(1e-6);
    }
  });
});
