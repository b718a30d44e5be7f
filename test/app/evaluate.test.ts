/**
 * `evaluate` end to end on the real fixture models with real onnxruntime: every metric matches
 * oracle.json (scikit-learn 1.2.1 on the ONNX outputs) and the predictions equal the fixtures'
 * onnx_* columns exactly.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/app/evaluate.js';
import { silentProgress } from '../../src/app/progress.js';
import { readTable } from '../../src/data/read-table.js';
import { columnRequests, planInputs } from '../../src/runtime/feeds.js';
import { loadModel } from '../../src/runtime/model.js';
import { predict } from '../../src/runtime/predict.js';
import { expectClose, readCsvColumns, readJson } from '../support/reference.js';

const deps = { progress: silentProgress, now: () => performance.now(), toolVersion: 'test' };
/**
 * The oracle ran onnxruntime-node with 2 threads on the whole holdout in one batch; tree
 * ensembles round their sums differently with other thread counts or batch sizes.
 */
const ORACLE_SESSION = { threads: 2 };
const HOLDOUTS = ['holdout', 'holdout_drifted'] as const;
const MODELS = ['baseline', 'candidate', 'candidate_worse'] as const;

type Oracle = {
  metrics: Record<
    string,
    Record<string, { from_onnx_outputs: Record<string, number | Record<string, number>> }>
  >;
};

describe.each([
  [
    'classification_telco_churn',
    'Churn',
    ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision', 'log_loss', 'brier'],
  ],
  ['regression_california_housing', 'median_house_value', ['mae', 'rmse', 'r2', 'mape']],
] as const)('%s', (task, label, names) => {
  const oracle = readJson(`fixtures/${task}/oracle.json`) as Oracle;
  describe.each(HOLDOUTS)('%s', (holdout) => {
    it.each(MODELS)('%s matches scikit-learn on the ONNX outputs', async (model) => {
      const { report } = await evaluate(
        {
          model: `fixtures/${task}/${model}.onnx`,
          data: `fixtures/${task}/${holdout}.csv`,
          label,
          threshold: 0.5,
          threads: 2,
          missing: 'allow',
        },
        deps,
      );
      const expected = oracle.metrics[holdout]?.[model]?.from_onnx_outputs as Record<
        string,
        number
      >;
      expect(report.rows).toBe(expected.n);
      for (const name of names) {
        // Reference: sklearn.metrics.<name> applied to the ONNX outputs (fixtures/README.md).
        expectClose(
          report.metrics[name] as number,
          expected[name] as number,
          `${model} ${holdout} ${name}`,
        );
      }
      if (task.startsWith('classification')) {
        expect(report.task).toBe('binary');
        expect(report.confusion).toEqual(expected.confusion);
        expect(report.label.positive_label).toBe('1');
      } else expect(report.task).toBe('regression');
      expect(report.task_inferred).toBe(true);
    });
  });
});

const RUNS = MODELS.flatMap((m) => HOLDOUTS.map((h) => [m, h] as const));

/** One model's score column on one holdout, run as the oracle was (2 threads, one batch). */
async function scores(
  task: string,
  model: string,
  holdout: string,
  output: string,
  column: number,
) {
  const m = await loadModel(`fixtures/${task}/${model}.onnx`, 'model', ORACLE_SESSION);
  const plans = planInputs(m.contract.inputs, {
    model: 'model',
    featuresSetting: '--features',
    inputsSetting: '--inputs',
  });
  const data = await readTable(`fixtures/${task}/${holdout}.csv`, {
    columns: columnRequests(plans, m.contract.inputs),
  });
  const p = await predict(m, plans, data.table, output, {
    batch: { size: data.table.rows, fixed: false },
  });
  return Float64Array.from(
    { length: data.table.rows },
    (_, i) => p.values[i * p.width + column] as number,
  );
}

describe('predictions', () => {
  it.each(RUNS)('Telco %s on %s: P(churn) equals onnx_proba_1 exactly', async (model, holdout) => {
    const got = await scores('classification_telco_churn', model, holdout, 'probabilities', 1);
    const [expected] = readCsvColumns(
      `fixtures/classification_telco_churn/predictions_${model}_${holdout}.csv`,
      ['onnx_proba_1'],
    );
    expect(got).toEqual(expected);
  });

  it.each(RUNS)('California %s on %s: values equal onnx_pred exactly', async (model, holdout) => {
    const got = await scores('regression_california_housing', model, holdout, 'variable', 0);
    const [expected] = readCsvColumns(
      `fixtures/regression_california_housing/predictions_${model}_${holdout}.csv`,
      ['onnx_pred'],
    );
    expect(got).toEqual(expected);
  });
});
