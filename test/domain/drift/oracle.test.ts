/**
 * Every drift value of the fixtures' oracle.json (`drift.reference_vs_holdout` and
 * `drift.reference_vs_holdout_drifted`), recomputed from the CSVs read by the project's reader:
 * statistics to 1e-9 relative, KS p-values to 1e-6 relative or 1e-300 absolute (the oracle has a
 * subnormal 1.9e-319). The SciPy call behind each value is in the assertion message and in the
 * oracle's own `definitions.drift`.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/data/csv/reader.js';
import type { Column, Table } from '../../../src/data/table.js';
import { categoricalDrift, numericDrift } from '../../../src/domain/drift/index.js';
import { HOUSING, readOracle, TELCO } from '../../support/fixtures.js';
import { expectP, expectStat, type PsiBinsJson } from './support.js';

interface NumericOracle {
  readonly type: 'numeric';
  readonly n_ref: number;
  readonly n_cur: number;
  readonly mean_ref: number;
  readonly mean_cur: number;
  readonly ks: {
    readonly statistic: number;
    readonly p_value: number;
    readonly ks_method: 'exact' | 'asymp';
    readonly p_value_asymp: number;
    readonly p_value_kolmogorov: number;
  };
  readonly wasserstein: number;
  readonly psi: number;
  readonly js_distance: number;
  readonly psi_bins: PsiBinsJson;
}

interface CategoricalOracle {
  readonly type: 'categorical';
  readonly n_ref: number;
  readonly n_cur: number;
  readonly categories: string[];
  readonly ref_counts: number[];
  readonly cur_counts: number[];
  readonly chi2_yates: { statistic: number; p_value: number; dof: number };
  readonly chi2_no_correction: { statistic: number; p_value: number; dof: number };
  readonly psi: number;
  readonly js_distance: number;
}

type FeatureOracle = NumericOracle | CategoricalOracle;

const SETS = [
  ['classification_telco_churn', TELCO],
  ['regression_california_housing', HOUSING],
] as const;
const FILES = ['holdout', 'holdout_drifted'] as const;

function oracleFor(dir: string, file: string): Record<string, FeatureOracle> {
  const drift = readOracle(dir).drift as Record<string, Record<string, FeatureOracle>>;
  const out = drift[`reference_vs_${file}`];
  if (!out) throw new Error(`${dir}: no drift.reference_vs_${file}`);
  return out;
}

function column(table: Table, name: string): Column {
  const c = table.columns.get(name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

function checkNumeric(name: string, ref: Column, cur: Column, o: NumericOracle): void {
  if (ref.kind !== 'number' || cur.kind !== 'number') throw new Error(`${name} is not numeric`);
  const d = numericDrift(ref.values, cur.values);
  const s = d.statistics;
  expect(d.rows).toEqual({ reference: o.n_ref, current: o.n_cur });
  expectStat(s.ks_statistic, o.ks.statistic, `${name}: ks_2samp(ref, cur).statistic`);
  expectP(s.ks_p_value, o.ks.p_value, `${name}: ks_2samp(ref, cur).pvalue (method='auto')`);
  expect(d.p_value_method, `${name}: ks_method`).toBe(o.ks.ks_method);
  expectP(s.ks_p_value_asymp, o.ks.p_value_asymp, `${name}: ks_2samp(method='asymp').pvalue`);
  expectP(s.ks_p_value_kolmogorov, o.ks.p_value_kolmogorov, `${name}: kstwobign.sf(√en·D)`);
  expectStat(s.wasserstein, o.wasserstein, `${name}: wasserstein_distance(ref, cur)`);
  expectStat(s.reference_mean, o.mean_ref, `${name}: numpy.mean(ref)`);
  expectStat(s.current_mean, o.mean_cur, `${name}: numpy.mean(cur)`);
  const bins = o.psi_bins;
  expect(d.psi_bins.cut_points.length, `${name}: numpy.unique(numpy.quantile(ref, …))`).toBe(
    bins.cut_points.length,
  );
  d.psi_bins.cut_points.forEach((c, i) => {
    expectStat(c, bins.cut_points[i] as number, `${name}: cut point ${i}`);
  });
  expect(d.psi_bins.reference_counts, `${name}: reference bin counts`).toEqual(bins.ref_counts);
  expect(d.psi_bins.current_counts, `${name}: current bin counts`).toEqual(bins.cur_counts);
  expectStat(s.psi, o.psi, `${name}: PSI (p == 0 → 1e-4)`);
  expectStat(s.js_distance, o.js_distance, `${name}: jensenshannon(p_ref, p_cur, base=2)`);
}

function checkCategorical(name: string, ref: Column, cur: Column, o: CategoricalOracle): void {
  if (ref.kind !== 'category' || cur.kind !== 'category') {
    throw new Error(`${name} is not categorical`);
  }
  const d = categoricalDrift(ref, cur);
  const s = d.statistics;
  expect(d.rows).toEqual({ reference: o.n_ref, current: o.n_cur });
  expect(d.table.categories, `${name}: sorted union of categories`).toEqual(o.categories);
  expect(d.table.reference_counts).toEqual(o.ref_counts);
  expect(d.table.current_counts).toEqual(o.cur_counts);
  expectStat(s.chi2, o.chi2_yates.statistic, `${name}: chi2_contingency(table).statistic`);
  expect(s.chi2_dof).toBe(o.chi2_yates.dof);
  expectStat(
    s.chi2_uncorrected,
    o.chi2_no_correction.statistic,
    `${name}: chi2_contingency(table, correction=False).statistic`,
  );
  for (const [got, want, what] of [
    [s.chi2_p_value, o.chi2_yates.p_value, 'chi2_contingency(table).pvalue'],
    [s.chi2_uncorrected_p_value, o.chi2_no_correction.p_value, 'correction=False pvalue'],
  ] as const) {
    expectStat(got, want, `${name}: ${what} (chi2.sf)`);
  }
  expectStat(s.psi, o.psi, `${name}: PSI over categories`);
  expectStat(s.js_distance, o.js_distance, `${name}: jensenshannon over categories, base 2`);
}

describe.each(SETS)('%s oracle.json drift', (_, dir) => {
  let reference: Table;
  const current = new Map<string, Table>();
  beforeAll(async () => {
    reference = (await readCsv(join(dir, 'reference.csv'))).table;
    for (const file of FILES) current.set(file, (await readCsv(join(dir, `${file}.csv`))).table);
  });

  describe.each(FILES)('reference vs %s', (file) => {
    const oracle = oracleFor(dir, file);
    it.each(Object.keys(oracle))('%s', (name) => {
      const o = oracle[name] as FeatureOracle;
      const cur = current.get(file) as Table;
      if (o.type === 'numeric') checkNumeric(name, column(reference, name), column(cur, name), o);
      else checkCategorical(name, column(reference, name), column(cur, name), o);
    });
  });
});
