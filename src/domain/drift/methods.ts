/**
 * Which test decides whether a column drifted, and at what threshold.
 *
 * `auto` (the default) follows the field's practice: with a small reference a hypothesis test has
 * the right power, with a large one every negligible difference becomes "significant" (a million
 * clean rows give p ≈ 0 for shifts nobody cares about), so an effect size is used instead:
 *
 *   reference rows ≤ 1000   numeric: KS p-value < 0.05/k;   categorical: chi-square p < 0.05/k
 *                           (Bonferroni over the k columns tested together)
 *   reference rows > 1000   numeric: W1 / MAD(reference) ≥ 0.1;   categorical: JS distance ≥ 0.1
 *
 * "reference rows" are the non-missing values of the column's reference. W1/MAD is the mean shift
 * of the distribution in units of the reference's mean absolute deviation (W1(X, X + c)/MAD =
 * |c|/MAD). A constant reference has MAD 0: then any difference at all (W1 > 0) is drift.
 *
 * A named method replaces `auto` for a column; its default threshold (no Bonferroni) is p < 0.05
 * for ks and chi2, ≥ 0.1 for wasserstein (normed) and js, ≥ 0.2 for psi (the "significant" band);
 * a per-column threshold replaces the default. A threshold without a named method is an error:
 * `auto` switches between a p-value and an effect size, which have no common scale.
 */
import { InputError } from '../errors.js';

export type DriftTestMethod = 'ks' | 'chi2' | 'wasserstein' | 'psi' | 'js';
export type DriftMethod = 'auto' | DriftTestMethod;
export type ColumnType = 'numeric' | 'categorical';
/** p_value: drifted when the p-value is below the threshold; effect_size: when at or above it. */
export type DriftRuleKind = 'p_value' | 'effect_size';

export interface DriftMethodInfo {
  readonly kind: DriftRuleKind;
  readonly threshold: number;
  readonly types: readonly ColumnType[];
  /** The statistic compared with the threshold, a key of the column's `statistics`. */
  readonly statistic: string;
}

export const DRIFT_METHODS: Readonly<Record<DriftTestMethod, DriftMethodInfo>> = {
  ks: { kind: 'p_value', threshold: 0.05, types: ['numeric'], statistic: 'ks_p_value' },
  chi2: { kind: 'p_value', threshold: 0.05, types: ['categorical'], statistic: 'chi2_p_value' },
  wasserstein: {
    kind: 'effect_size',
    threshold: 0.1,
    types: ['numeric'],
    statistic: 'wasserstein_normed',
  },
  psi: { kind: 'effect_size', threshold: 0.2, types: ['numeric', 'categorical'], statistic: 'psi' },
  js: {
    kind: 'effect_size',
    threshold: 0.1,
    types: ['numeric', 'categorical'],
    statistic: 'js_distance',
  },
};

/** `auto` uses p-value tests up to this many (non-missing) reference values. */
export const AUTO_MAX_TEST_ROWS = 1000;
export const AUTO_ALPHA = 0.05;

export interface ColumnDriftOptions {
  readonly method?: DriftMethod;
  readonly threshold?: number;
}

export interface ResolvedRule {
  readonly method: DriftTestMethod;
  readonly auto: boolean;
  readonly kind: DriftRuleKind;
  readonly threshold: number;
  /** A test that must also reject (p < alpha) for the column to drift; null: the method alone. */
  readonly test: { readonly method: 'ks' | 'chi2'; readonly alpha: number } | null;
}

/** `tests` is k, the number of columns tested together (Bonferroni under `auto`). */
export function resolveRule(
  column: string,
  type: ColumnType,
  referenceRows: number,
  tests: number,
  options: ColumnDriftOptions,
): ResolvedRule {
  const requested = options.method ?? 'auto';
  if (requested === 'auto') {
    if (options.threshold !== undefined) {
      throw new InputError(
        `drift of column '${column}': a threshold needs a named method`,
        "Set method to one of ks, chi2, wasserstein, psi, js next to the threshold; 'auto' switches between a p-value and an effect size.",
      );
    }
    if (referenceRows <= AUTO_MAX_TEST_ROWS) {
      const method = type === 'numeric' ? 'ks' : 'chi2';
      return {
        method,
        auto: true,
        kind: 'p_value',
        threshold: AUTO_ALPHA / Math.max(1, tests),
        test: null,
      };
    }
    const method = type === 'numeric' ? 'wasserstein' : 'js';
    return {
      method,
      auto: true,
      kind: 'effect_size',
      threshold: DRIFT_METHODS[method].threshold,
      test: null,
    };
  }
  const info = DRIFT_METHODS[requested];
  if (info === undefined) {
    throw new InputError(
      `drift of column '${column}': unknown method '${String(requested)}'`,
      'Use auto, ks, chi2, wasserstein, psi or js.',
    );
  }
  if (!info.types.includes(type)) {
    throw new InputError(
      `drift of column '${column}': method '${requested}' does not apply to a ${type} column`,
      `Use ${type === 'numeric' ? 'ks, wasserstein' : 'chi2'}, psi, js or auto.`,
    );
  }
  const threshold = options.threshold ?? info.threshold;
  const upper = info.kind === 'p_value' || requested === 'js' ? 1 : Number.POSITIVE_INFINITY;
  if (!(threshold > 0 && threshold <= upper)) {
    throw new InputError(
      `drift of column '${column}': threshold ${threshold} is out of range for '${requested}'`,
      upper === 1 ? 'Use a number in (0, 1].' : 'Use a positive number.',
    );
  }
  return { method: requested, auto: false, kind: info.kind, threshold, test: null };
}

/** `value` is the method's statistic; `testP` the p-value of `rule.test` when it has one. */
export function isDrifted(rule: ResolvedRule, value: number, testP = Number.NaN): boolean {
  const beyond = rule.kind === 'p_value' ? value < rule.threshold : value >= rule.threshold;
  return rule.test === null ? beyond : beyond && testP < rule.test.alpha;
}
