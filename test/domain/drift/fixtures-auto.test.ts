/**
 * `auto` on the real fixtures: holdout_drifted.csv is flagged on exactly the columns
 * fixtures/README.md lists as shifted (Telco: MonthlyCharges, TotalCharges, PaymentMethod;
 * California: median_income, housing_median_age, population), holdout.csv on none. Prediction and
 * label drift on the fixtures' prediction files are the same column test.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/data/csv/reader.js';
import type { Table } from '../../../src/data/table.js';
import {
  columnDrift,
  type DriftColumnInput,
  type DriftSample,
  detectDrift,
  labelDrift,
  predictionDrift,
} from '../../../src/domain/drift/index.js';
import { HOUSING, TELCO } from '../../support/fixtures.js';

const num = (values: ArrayLike<number>): DriftSample => ({
  kind: 'number',
  values: Float64Array.from(values),
});

async function featureColumns(dir: string, file: string): Promise<DriftColumnInput[]> {
  const reference: Table = (await readCsv(join(dir, 'reference.csv'))).table;
  const current: Table = (await readCsv(join(dir, `${file}.csv`))).table;
  // The label is the last column (fixtures/README.md); every other column is a feature.
  return reference.header.slice(0, -1).map((name) => {
    const ref = reference.columns.get(name);
    const cur = current.columns.get(name);
    if (!ref || !cur) throw new Error(`no column ${name}`);
    return { name, reference: ref, current: cur };
  });
}

const drifted = (report: ReturnType<typeof detectDrift>) =>
  Object.entries(report.columns)
    .filter(([, c]) => c.drifted)
    .map(([name]) => name)
    .sort();

describe('auto on the fixtures (references of 4922 and 14303 rows)', () => {
  const expected = {
    classification_telco_churn: ['MonthlyCharges', 'PaymentMethod', 'TotalCharges'],
    regression_california_housing: ['housing_median_age', 'median_income', 'population'],
  };
  it.each([
    ['classification_telco_churn', TELCO],
    ['regression_california_housing', HOUSING],
  ] as const)('%s: holdout_drifted flags the README shifts, holdout nothing', async (set, dir) => {
    const shifted = detectDrift(await featureColumns(dir, 'holdout_drifted'));
    expect(drifted(shifted)).toEqual(expected[set]);
    for (const c of Object.values(shifted.columns)) {
      expect(c.auto).toBe(true);
      expect(c.method).toBe(c.type === 'numeric' ? 'wasserstein' : 'js');
      expect(c.threshold).toBe(c.type === 'numeric' ? 0.1 : 0.035);
      // The test beside the effect size, at the Benjamini–Hochberg level of the columns: R/k·0.05
      // with R the columns whose test rejects (those drifted, and any below the effect size).
      // ocean_proximity's ISLAND has 5 rows: an expected count below 5, so by permutation.
      expect(c.test?.method).toMatch(
        c.type === 'numeric' ? /^w1_permutation$/ : /^chi2(_permutation)?$/,
      );
      const k = Object.keys(shifted.columns).length;
      const rejected = Object.values(shifted.columns).filter(
        (d) => (d.test?.p_value ?? 1) <= (d.test?.alpha ?? 0),
      ).length;
      expect(c.test?.alpha).toBeCloseTo((0.05 * Math.max(1, rejected)) / k, 15);
      if (c.drifted) expect(c.test?.p_value).toBeLessThanOrEqual(c.test?.alpha ?? 0);
    }
    expect(shifted.dataset.drifted).toBe(false); // 3 of 19 / 3 of 9 columns < 0.5
    const clean = detectDrift(await featureColumns(dir, 'holdout'));
    expect(drifted(clean)).toEqual([]);
    expect(clean.dataset).toMatchObject({ drifted_columns: 0, drifted_share: 0, drifted: false });
  });
});

describe('prediction and label drift are the same column test', () => {
  let scores: Float64Array[];
  let labels: Float64Array[];
  beforeAll(async () => {
    const tables = await Promise.all(
      ['holdout', 'holdout_drifted'].map(
        async (f) => (await readCsv(join(TELCO, `predictions_candidate_${f}.csv`))).table,
      ),
    );
    const values = (t: Table, name: string) => {
      const c = t.columns.get(name);
      if (c?.kind !== 'number') throw new Error(`${name} is not numeric`);
      return Float64Array.from(c.values);
    };
    scores = tables.map((t) => values(t, 'onnx_proba_1'));
    labels = tables.map((t) => values(t, 'y_true'));
  });

  it('predictionDrift compares score distributions as a numeric column', () => {
    const [a, b] = scores as [Float64Array, Float64Array];
    const p = predictionDrift(a, b);
    expect(p).toEqual(columnDrift('prediction', num(a), num(b)));
    expect(p.type).toBe('numeric');
    expect(p.method).toBe('wasserstein');
    expect(p.test?.method).toBe('w1_permutation');
  });

  it('labelDrift treats 0/1 labels as categories on request', () => {
    const [a, b] = labels as [Float64Array, Float64Array];
    const l = labelDrift(num(a), num(b), { asCategories: true });
    expect(l.type).toBe('categorical');
    if (l.type !== 'categorical') return;
    expect(l.categories.values).toEqual(['0', '1']);
    expect(l.statistics.js_distance).toBe(0); // the same rows, the same labels
    expect(l.drifted).toBe(false);
    expect(labelDrift(num(a), num(b)).type).toBe('numeric');
  });
});
