/**
 * Every drift statistic of one categorical column, reference vs current, on the aligned 2×K table
 * (categories.ts: sorted union of the categories seen on either side, matched by string):
 *
 *   chi2, chi2_p_value, chi2_dof    scipy.stats.chi2_contingency(table) — Yates when dof = 1
 *   chi2_uncorrected(_p_value)      scipy.stats.chi2_contingency(table, correction=False)
 *   psi, js_distance                one bin per category (divergence.ts)
 *
 * plus the table itself, the missing counts (code −1) and the unseen categories.
 */
import { alignCategories, type CategoricalValues, type CategoryTable } from './categories.js';
import { chi2Contingency } from './chi2.js';
import { jensenShannonDistance, populationStabilityIndex } from './divergence.js';

export interface CategoricalDriftStatistics {
  readonly chi2: number;
  readonly chi2_p_value: number;
  readonly chi2_dof: number;
  readonly chi2_uncorrected: number;
  readonly chi2_uncorrected_p_value: number;
  readonly psi: number;
  readonly js_distance: number;
}

export interface CategoricalDrift {
  readonly statistics: CategoricalDriftStatistics;
  readonly table: CategoryTable;
  readonly rows: { readonly reference: number; readonly current: number };
}

function total(counts: readonly number[]): number {
  let s = 0;
  for (const c of counts) s += c;
  return s;
}

/** Statistics of an aligned table; both rows need at least one count. */
export function categoricalDriftFromTable(table: CategoryTable): CategoricalDrift {
  const rows = { reference: total(table.reference_counts), current: total(table.current_counts) };
  if (rows.reference === 0 || rows.current === 0) {
    throw new RangeError('categorical drift needs at least one non-missing value on each side');
  }
  const chi2 = chi2Contingency(table.reference_counts, table.current_counts);
  return {
    statistics: {
      chi2: chi2.corrected.statistic,
      chi2_p_value: chi2.corrected.p_value,
      chi2_dof: chi2.corrected.dof,
      chi2_uncorrected: chi2.uncorrected.statistic,
      chi2_uncorrected_p_value: chi2.uncorrected.p_value,
      psi: populationStabilityIndex(table.reference_counts, table.current_counts),
      js_distance: jensenShannonDistance(table.reference_counts, table.current_counts),
    },
    table,
    rows,
  };
}

export function categoricalDrift(
  reference: CategoricalValues,
  current: CategoricalValues,
): CategoricalDrift {
  return categoricalDriftFromTable(alignCategories(reference, current));
}
