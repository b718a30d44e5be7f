/**
 * Which test decides whether a column drifted, and at what threshold.
 *
 * `auto` (the default) asks for both a difference that matters and one that is real, so that it
 * holds at every pair of sizes:
 *
 *   numeric:      W1 / MAD(reference) ≥ 0.1   and  a permutation test of W1 (permutation.ts)
 *   categorical:  JS distance ≥ 0.035         and  chi-square (by permutation when an expected
 *                                                  count is below 5: category-permutation.ts)
 *   each test rejecting at p ≤ 0.05/k for one column among k, and at the Benjamini–Hochberg
 *   level of the k columns a dataset tests together (false discovery rate 0.05, dataset.ts)
 *
 * An effect size alone is biased up on a small sample (100 rows drawn from the reference itself
 * have W1/MAD and JS distance well above their thresholds); a test alone flags negligible
 * differences on large samples (a million clean rows give p ≈ 0 for shifts nobody cares about).
 * The test accounts for both sizes, the effect size for what matters. The numeric test permutes
 * W1 itself, so it has the effect size's own power (KS has little against a change of scale in a
 * skewed column: a 10% price rise on 2,110 rows gives W1/MAD 0.10 but KS p = 0.07). The
 * categorical threshold is as sensitive as the numeric one, in standardised effect: W1/MAD = 0.1
 * is a shift of 0.08 sd of a normal column (MAD = 0.80 sd), Cohen's d = 0.08; a balanced category
 * that moves 4 points has Cohen's h = 0.08 and JS distance (base 2) 0.034 — equally detectable
 * (z = effect·√(n/2) for both). The former 0.1 needed 12 points.
 *
 * W1/MAD is the mean shift of the distribution in units of the reference's mean absolute
 * deviation (W1(X, X + c)/MAD = |c|/MAD). A constant reference has MAD 0: then any difference at
 * all (W1 > 0) is a large effect, and the test decides.
 *
 * A named method replaces `auto` for a column and decides alone; its default threshold (no
 * Bonferroni) is p < 0.05 for ks and chi2, ≥ 0.1 for wasserstein (normed) and js, ≥ 0.2 for psi
 * (the "significant" band); a per-column threshold replaces the default. A threshold without a
 * named method is an error: `auto` combines a p-value and an effect size, which have no common
 * scale.
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

export const AUTO_ALPHA = 0.05;
/** `auto`'s effect-size thresholds (above). */
export const AUTO_EFFECT = { numeric: 0.1, categorical: 0.035 } as const;
/**
 * The test `auto` pairs with the effect size: W1's permutation test (permutation.ts), or
 * chi-square (category-permutation.ts: by permutation when an expected count is below 5).
 */
export type AutoTestMethod = 'w1_permutation' | 'chi2' | 'chi2_permutation';

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
  readonly test: { readonly method: 'w1_permutation' | 'chi2'; readonly alpha: number } | null;
}

/** `tests` is k, the number of columns tested together (`auto` tests one column at 0.05/k). */
export function resolveRule(
  column: string,
  type: ColumnType,
  tests: number,
  options: ColumnDriftOptions,
): ResolvedRule {
  const requested = options.method ?? 'auto';
  if (requested === 'auto') {
    if (options.threshold !== undefined) {
      throw new InputError(
        `drift of column '${column}': a threshold needs a named method`,
        "Set method to one of ks, chi2, wasserstein, psi, js next to the threshold; 'auto' combines an effect size and a test, which have no common scale.",
      );
    }
    return {
      method: type === 'numeric' ? 'wasserstein' : 'js',
      auto: true,
      kind: 'effect_size',
      threshold: AUTO_EFFECT[type],
      test: {
        method: type === 'numeric' ? 'w1_permutation' : 'chi2',
        alpha: AUTO_ALPHA / Math.max(1, tests),
      },
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

/** Whether `value`, the method's statistic, is beyond the rule's threshold. */
export function isBeyond(rule: Pick<ResolvedRule, 'kind' | 'threshold'>, value: number): boolean {
  return rule.kind === 'p_value' ? value < rule.threshold : value >= rule.threshold;
}

/** `value` is the method's statistic; `testP` the p-value of `rule.test` when it has one. */
export function isDrifted(rule: ResolvedRule, value: number, testP = Number.NaN): boolean {
  const beyond = isBeyond(rule, value);
  return rule.test === null ? beyond : beyond && testP <= rule.test.alpha;
}
