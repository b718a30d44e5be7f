/**
 * One column's drift result — the shape of report.json's `drift.columns.<name>` — from its two
 * samples: every statistic (numeric.ts / categorical.ts), the PSI band, and the verdict of the
 * column's rule (methods.ts). The samples are structural: the data layer's columns
 * (`{ kind: 'number', values }`, `{ kind: 'category', codes, levels }`) fit as they are.
 */
import { InputError } from '../errors.js';
import { sum } from '../metrics/sum.js';
import type { Scratch } from '../sort.js';
import type { NumericBins } from './bins.js';
import { type CategoricalDriftStatistics, categoricalDriftFromTable } from './categorical.js';
import { alignCategories } from './categories.js';
import { categoryTest } from './category-permutation.js';
import { type PsiBand, psiBand } from './divergence.js';
import type { KsPValueMethod } from './ks.js';
import {
  type AutoTestMethod,
  type ColumnDriftOptions,
  type ColumnType,
  type DriftRuleKind,
  type DriftTestMethod,
  isDrifted,
  resolveRule,
} from './methods.js';
import { type NumericDriftStatistics, numericDriftSorted } from './numeric.js';
import { wassersteinPermutationTest } from './permutation.js';
import { sortSample } from './sort.js';

export interface NumericSample {
  readonly kind: 'number';
  /** NaN marks a missing value. */
  readonly values: Float64Array | Float32Array;
}

export interface CategoricalSample {
  readonly kind: 'category';
  /** Index into `levels`; −1 marks a missing value. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type DriftSample = NumericSample | CategoricalSample;

interface ColumnDriftCommon {
  /** The method that decided (what `auto` resolved to, or the configured one). */
  readonly method: DriftTestMethod;
  readonly auto: boolean;
  readonly kind: DriftRuleKind;
  /** The statistic `method` compares with `threshold` (a p-value or an effect size). */
  readonly value: number;
  readonly threshold: number;
  /**
   * `auto` only: the test that must also reject (p ≤ alpha) — W1's permutation test, or
   * chi-square (by permutation when an expected count is below 5) — so that a small sample's biased effect size alone does not flag drift. alpha is
   * 0.05/k for a column tested alone among k, and the Benjamini–Hochberg level of the k columns
   * tested together by detectDrift (dataset.ts). `permutations`: how many the p-value rests on (0
   * for chi-square from its distribution).
   */
  readonly test: {
    readonly method: AutoTestMethod;
    readonly p_value: number;
    readonly alpha: number;
    readonly permutations: number;
  } | null;
  readonly drifted: boolean;
  readonly psi_band: PsiBand;
  /** Non-missing values compared. */
  readonly rows: { readonly reference: number; readonly current: number };
  readonly missing: { readonly reference: number; readonly current: number };
}

export interface NumericColumnDrift extends ColumnDriftCommon {
  readonly type: 'numeric';
  readonly statistics: NumericDriftStatistics;
  /** How ks_p_value was computed: scipy's 'exact' or 'asymp' (after its fallbacks). */
  readonly p_value_method: KsPValueMethod;
  readonly psi_bins: NumericBins;
}

export interface CategoricalColumnDrift extends ColumnDriftCommon {
  readonly type: 'categorical';
  readonly statistics: CategoricalDriftStatistics;
  readonly categories: {
    readonly values: string[];
    readonly reference_counts: number[];
    readonly current_counts: number[];
  };
  /** Categories of the current data the reference never had, and their rows. */
  readonly unseen: { readonly rows: number; readonly categories: string[] };
}

export type ColumnDrift = NumericColumnDrift | CategoricalColumnDrift;

export interface ColumnTestOptions extends ColumnDriftOptions {
  /** k, the number of columns tested together: `auto` tests at 0.05/k (default 1). */
  readonly tests?: number;
}

const TYPE: Record<DriftSample['kind'], ColumnType> = {
  number: 'numeric',
  category: 'categorical',
};

function requireRows(name: string, rows: { reference: number; current: number }): void {
  for (const side of ['reference', 'current'] as const) {
    if (rows[side] === 0) {
      throw new InputError(
        `drift of column '${name}': the ${side} data has no non-missing value`,
        'Drop the column from the drift check or fix the data that feeds it.',
      );
    }
  }
}

/** The statistic a method compares with its threshold (DRIFT_METHODS[method].statistic). */
function ruleValue(
  method: DriftTestMethod,
  s: NumericDriftStatistics | CategoricalDriftStatistics,
): number {
  if (method === 'psi') return s.psi;
  if (method === 'js') return s.js_distance;
  if (method === 'ks' && 'ks_p_value' in s) return s.ks_p_value;
  if (method === 'wasserstein' && 'wasserstein_normed' in s) return s.wasserstein_normed;
  if (method === 'chi2' && 'chi2_p_value' in s) return s.chi2_p_value;
  return Number.NaN;
}

/** The p-value of `auto`'s test at level alpha, and the permutations it rests on. */
type RunTest = (alpha: number) => {
  method: AutoTestMethod;
  p_value: number;
  permutations: number;
};

function verdict(
  name: string,
  type: ColumnType,
  statistics: NumericDriftStatistics | CategoricalDriftStatistics,
  options: ColumnTestOptions,
  runTest: RunTest,
): Omit<ColumnDriftCommon, 'rows' | 'missing'> {
  const rule = resolveRule(name, type, options.tests ?? 1, options);
  const value = ruleValue(rule.method, statistics);
  const test = rule.test
    ? (({ method, p_value, permutations }) => ({
        method,
        p_value,
        alpha: rule.test.alpha,
        permutations,
      }))(runTest(rule.test.alpha))
    : null;
  return {
    method: rule.method,
    auto: rule.auto,
    kind: rule.kind,
    value,
    threshold: rule.threshold,
    test,
    drifted: isDrifted(rule, value, test?.p_value),
    psi_band: psiBand(statistics.psi),
  };
}

/** Sort buffers for each side, reused column after column (domain/sort.ts Scratch). */
export interface DriftScratch {
  readonly reference: Scratch;
  readonly current: Scratch;
}

export function columnDrift(
  name: string,
  reference: DriftSample,
  current: DriftSample,
  options: ColumnTestOptions = {},
  scratch?: DriftScratch,
): ColumnDrift {
  if (reference.kind !== current.kind) {
    throw new InputError(
      `drift of column '${name}': ${TYPE[reference.kind]} in the reference data but ${TYPE[current.kind]} in the current data`,
      'A numeric column with a non-number cell is read as categorical; fix the cell or the column type.',
    );
  }
  if (reference.kind === 'number' && current.kind === 'number') {
    const ref = sortSample(reference.values, scratch?.reference);
    const cur = sortSample(current.values, scratch?.current);
    const rows = { reference: ref.sorted.length, current: cur.sorted.length };
    requireRows(name, rows);
    const drift = numericDriftSorted(ref, cur);
    return {
      type: 'numeric',
      ...verdict(name, 'numeric', drift.statistics, options, (alpha) => ({
        method: 'w1_permutation',
        ...wassersteinPermutationTest(ref.sorted, cur.sorted, alpha),
      })),
      rows,
      missing: drift.missing,
      statistics: drift.statistics,
      p_value_method: drift.p_value_method,
      psi_bins: drift.psi_bins,
    };
  }
  if (reference.kind === 'category' && current.kind === 'category') {
    const table = alignCategories(reference, current);
    requireRows(name, {
      reference: sum(table.reference_counts),
      current: sum(table.current_counts),
    });
    const drift = categoricalDriftFromTable(table);
    return {
      type: 'categorical',
      ...verdict(name, 'categorical', drift.statistics, options, (alpha) =>
        categoryTest(table.reference_counts, table.current_counts, alpha),
      ),
      rows: drift.rows,
      missing: drift.table.missing,
      statistics: drift.statistics,
      categories: {
        values: drift.table.categories,
        reference_counts: drift.table.reference_counts,
        current_counts: drift.table.current_counts,
      },
      unseen: drift.table.unseen,
    };
  }
  throw new InputError(`drift of column '${name}': unknown column kind`);
}
