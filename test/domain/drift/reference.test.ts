/**
 * Table-driven cases the fixtures' oracle lacks, computed with SciPy 1.10.1 / NumPy by
 * scripts/reference/drift_reference.py (fixtures/reference/drift/cases.json): small exact KS with
 * ties, n_ref ≠ n_cur, a side of size 1, the exact → asymp fallback, the 10000/10001 boundary,
 * samples of a million values; chi-square with dof 1 and K = 300, categories on one side only,
 * code-point order, missing values. Each value names its SciPy call in `cases.calls`.
 */
import { describe, expect, it } from 'vitest';
import { categoricalDrift, numericDrift } from '../../../src/domain/drift/index.js';
import { cases, categorical, expectP, expectStat, sample } from './support.js';

const call = (key: string) => cases.calls[key] ?? key;

describe('numeric drift vs scipy.stats / numpy', () => {
  it.each(cases.numeric.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const drift = numericDrift(sample(c.reference), sample(c.current));
    const s = drift.statistics;
    expect(drift.rows).toEqual({ reference: c.n_ref, current: c.n_cur });
    expect(drift.missing).toEqual({ reference: c.missing_ref, current: c.missing_cur });
    expectStat(s.ks_statistic, c.ks_statistic, call('ks_statistic'));
    expectP(s.ks_p_value, c.ks_p_value, call('ks_p_value'));
    expect(drift.p_value_method, `${c.name}: ${c.note}`).toBe(c.ks_method);
    expectP(s.ks_p_value_asymp, c.ks_p_value_asymp, call('ks_p_value_asymp'));
    expectP(s.ks_p_value_kolmogorov, c.ks_p_value_kolmogorov, call('ks_p_value_kolmogorov'));
    expectStat(s.wasserstein, c.wasserstein, call('wasserstein'));
    expectStat(s.reference_mad, c.mad_ref, call('mad_ref'));
    expectStat(s.reference_mean, c.mean_ref, 'numpy.mean(ref)');
    expectStat(s.current_mean, c.mean_cur, 'numpy.mean(cur)');
    expect(drift.psi_bins.cut_points.length).toBe(c.psi_bins.cut_points.length);
    drift.psi_bins.cut_points.forEach((v, i) => {
      expectStat(v, c.psi_bins.cut_points[i] as number, `${call('psi_bins')} [${i}]`);
    });
    expect(drift.psi_bins.reference_counts).toEqual(c.psi_bins.ref_counts);
    expect(drift.psi_bins.current_counts).toEqual(c.psi_bins.cur_counts);
    expectStat(s.psi, c.psi, call('psi'));
    expectStat(s.js_distance, c.js_distance, call('js_distance'));
  });

  it('gives the same statistics for float32 input as for its exact float64 widening', () => {
    const values32 = Float32Array.from(sample(cases.numeric[12]?.reference ?? { values: [1] }));
    const current32 = Float32Array.from(sample(cases.numeric[12]?.current ?? { values: [1] }));
    const a = numericDrift(values32, current32);
    const b = numericDrift(Float64Array.from(values32), Float64Array.from(current32));
    expect(a).toEqual(b);
  });
});

describe('categorical drift vs scipy.stats.chi2_contingency and the README formulas', () => {
  it.each(cases.categorical.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const drift = categoricalDrift(categorical(c.reference), categorical(c.current));
    const s = drift.statistics;
    expect(drift.table.categories, 'sorted union, Python string order').toEqual(c.categories);
    expect(drift.table.reference_counts).toEqual(c.ref_counts);
    expect(drift.table.current_counts).toEqual(c.cur_counts);
    expect(drift.table.missing).toEqual({
      reference: c.reference.missing,
      current: c.current.missing,
    });
    expect(drift.table.unseen).toEqual(c.unseen);
    expectStat(s.chi2, c.chi2_yates.statistic, call('chi2_yates'));
    expect(s.chi2_dof).toBe(c.chi2_yates.dof);
    expectStat(s.chi2_uncorrected, c.chi2_no_correction.statistic, call('chi2_no_correction'));
    // chi-square p-values are held to 1e-9 (or 1e-300 absolute once they underflow).
    for (const [got, want, what] of [
      [s.chi2_p_value, c.chi2_yates.p_value, 'chi2_yates'],
      [s.chi2_uncorrected_p_value, c.chi2_no_correction.p_value, 'chi2_no_correction'],
    ] as const) {
      const tol = Math.max(1e-300, 1e-9 * Math.abs(want));
      expect(Math.abs(got - want) <= tol, `${call(what)} p: got ${got}, SciPy ${want}`).toBe(true);
    }
    expectStat(s.psi, c.psi, call('psi'));
    expectStat(s.js_distance, c.js_distance, call('js_distance'));
  });
});
