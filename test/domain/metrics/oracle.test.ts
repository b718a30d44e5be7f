/**
 * The metrics against the real oracle: fixtures/<task>/oracle.json, whose
 * `metrics.<holdout>.<model>.from_onnx_outputs` are scikit-learn 1.2.1 metrics applied to the ONNX
 * outputs in fixtures/<task>/predictions_<model>_<holdout>.csv (see fixtures/README.md).
 */
import { describe, expect, it } from 'vitest';
import {
  binaryMetrics,
  type Confusion,
  logLossBinary,
  regressionMetrics,
} from '../../../src/domain/metrics/index.js';
import { expectClose, readCsvColumns, readJson, toLabels } from '../../support/reference.js';

interface Oracle<M> {
  threshold?: number;
  metrics: Record<string, Record<string, { from_onnx_outputs: M }>>;
}

interface ClassificationOracle {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  roc_auc: number;
  average_precision: number;
  log_loss: number;
  'log_loss_clip_1e-15': number;
  'log_loss_clip_1e-7': number;
  brier: number;
  confusion: Confusion;
  n: number;
}

interface RegressionOracle {
  mae: number;
  rmse: number;
  r2: number;
  mape: number;
  n: number;
}

const holdouts = ['holdout', 'holdout_drifted'] as const;
const models = ['baseline', 'candidate', 'candidate_worse'] as const;
const grid = holdouts.flatMap((holdout) => models.map((model) => ({ holdout, model })));

const sklearnCall: Record<string, string> = {
  accuracy: 'sklearn.metrics.accuracy_score(y, p >= 0.5)',
  precision: 'sklearn.metrics.precision_score(y, p >= 0.5, pos_label=1, zero_division=0)',
  recall: 'sklearn.metrics.recall_score(y, p >= 0.5, pos_label=1, zero_division=0)',
  f1: 'sklearn.metrics.f1_score(y, p >= 0.5, pos_label=1, zero_division=0)',
  roc_auc: 'sklearn.metrics.roc_auc_score(y, p)',
  average_precision: 'sklearn.metrics.average_precision_score(y, p)',
  log_loss: 'sklearn.metrics.log_loss(y, p) (eps = float64 eps)',
  brier: 'sklearn.metrics.brier_score_loss(y, p)',
  mae: 'sklearn.metrics.mean_absolute_error(y, yhat)',
  rmse: 'sqrt(sklearn.metrics.mean_squared_error(y, yhat))',
  r2: 'sklearn.metrics.r2_score(y, yhat)',
  mape: 'sklearn.metrics.mean_absolute_percentage_error(y, yhat)',
};

describe('classification_telco_churn oracle (sklearn 1.2.1 on the ONNX outputs)', () => {
  const task = 'fixtures/classification_telco_churn';
  const oracle = readJson(`${task}/oracle.json`) as Oracle<ClassificationOracle>;
  const threshold = oracle.threshold ?? 0.5;

  describe.each(grid)('$model on $holdout', ({ holdout, model }) => {
    const ref = oracle.metrics[holdout]?.[model]?.from_onnx_outputs;
    const [yRaw, score] = readCsvColumns(`${task}/predictions_${model}_${holdout}.csv`, [
      'y_true',
      'onnx_proba_1',
    ]) as [Float64Array, Float64Array];
    const y = toLabels(yRaw);
    const result = binaryMetrics(y, score, threshold);

    it('has the oracle entry and row count', () => {
      expect(ref).toBeDefined();
      expect(y.length).toBe(ref?.n);
    });

    it.each([
      'accuracy',
      'precision',
      'recall',
      'f1',
      'roc_auc',
      'average_precision',
      'log_loss',
      'brier',
    ] as const)('%s matches the oracle', (key) => {
      expectClose(result.metrics[key] ?? Number.NaN, ref?.[key] ?? Number.NaN, sklearnCall[key]);
    });

    it.each([
      ['log_loss_clip_1e-15', 1e-15],
      ['log_loss_clip_1e-7', 1e-7],
    ] as const)('%s matches sklearn.metrics.log_loss(y, p, eps=%s)', (key, eps) => {
      expectClose(logLossBinary(y, score, eps), ref?.[key] ?? Number.NaN, key);
    });

    it('confusion matches sklearn.metrics.confusion_matrix(y, p >= 0.5)', () => {
      expect(result.confusion).toEqual(ref?.confusion);
    });
  });
});

describe('regression_california_housing oracle (sklearn 1.2.1 on the ONNX outputs)', () => {
  const task = 'fixtures/regression_california_housing';
  const oracle = readJson(`${task}/oracle.json`) as Oracle<RegressionOracle>;

  describe.each(grid)('$model on $holdout', ({ holdout, model }) => {
    const ref = oracle.metrics[holdout]?.[model]?.from_onnx_outputs;
    const [y, pred] = readCsvColumns(`${task}/predictions_${model}_${holdout}.csv`, [
      'y_true',
      'onnx_pred',
    ]) as [Float64Array, Float64Array];
    const result = regressionMetrics(y, pred);

    it('has the oracle entry and row count', () => {
      expect(ref).toBeDefined();
      expect(y.length).toBe(ref?.n);
    });

    it.each(['mae', 'rmse', 'r2', 'mape'] as const)('%s matches the oracle', (key) => {
      expectClose(result.metrics[key] ?? Number.NaN, ref?.[key] ?? Number.NaN, sklearnCall[key]);
    });
  });
});
