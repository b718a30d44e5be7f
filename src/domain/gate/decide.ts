/**
 * Rules to outcomes, outcomes to a verdict. Each rule is a requirement "θ ≥ bound" or
 * "θ ≤ bound" on an estimate with an interval (judge.ts). Overall rules are judged on their
 * interval; a rule on a metric the bootstrap does not cover (method 'point', e.g. ece) on its
 * estimate, and its reason says so. A rule applied per slice is judged per judged slice: a slice FAILs when its
 * Holm-adjusted one-sided p-value (across the slices of that rule) is at most α/2 and PASSes
 * when its own interval clears the bound. The verdict is FAIL if any rule FAILs, else
 * INCONCLUSIVE if any is, else PASS; `on_inconclusive` decides the exit code of INCONCLUSIVE.
 */
import { holm, normalQuantile } from '../stats/index.js';
import { type Interval, judgeInterval, judgePoint, type Outcome } from './judge.js';
import type { Decision, RuleResult } from './report.js';

export interface RuleEvidence {
  /** Rules with the same id form one Holm family (their slices). */
  readonly id: number;
  readonly rule: string;
  readonly metric: string | null;
  readonly scope: RuleResult['scope'];
  readonly value: number;
  readonly ci: Interval | null;
  readonly bound: number;
  readonly side: 'min' | 'max';
  readonly method: RuleResult['method'];
  /** Rows the estimate comes from (the holdout's, or the slice's); runs for latency. */
  readonly rows: number;
  /** What `rows` counts when not holdout rows: a latency rule's interleaved runs. */
  readonly unit?: 'runs';
  /** The same model on both sides: a zero-width interval is then exact and may decide. */
  readonly exact?: boolean;
  /** One-sided p-value against the requirement (small = evidence it is violated); slices only. */
  readonly pFail?: number;
}

function describe(outcome: Outcome, e: RuleEvidence, confidence: number): string {
  const level = `${Math.round(confidence * 100)}%`;
  const relation = e.side === 'min' ? '≥' : '≤';
  if (e.method === 'point') {
    const verb = outcome === 'PASS' ? 'is' : 'is not';
    return `${e.metric ?? 'this metric'} has no interval (it is not bootstrapped): decided on the point estimate, ${fmt(e.value)} ${verb} ${relation} ${fmt(e.bound)}`;
  }
  if (e.method === 'exact') {
    return `measured exactly: ${fmt(e.value)} ${outcome === 'PASS' ? 'is' : 'is not'} ${relation} ${fmt(e.bound)}`;
  }
  if (e.method === 'probe' && e.ci === null) {
    return "the baseline's session added no memory the probe could measure: there is no ratio to judge";
  }
  if (e.method === 'probe') {
    return `measured once, in a process of its own (repeated runs differ by up to about 10%): ${fmt(e.value)} ${outcome === 'PASS' ? 'is' : 'is not'} ${relation} ${fmt(e.bound)}`;
  }
  if (e.ci === null)
    return `no interval could be estimated; the point estimate ${fmt(e.value)} alone cannot decide`;
  // The interval itself is reported beside the reason (RuleResult.ci), once.
  if (outcome === 'PASS') return `the whole ${level} interval is ${relation} ${fmt(e.bound)}`;
  if (outcome === 'FAIL') return `the whole ${level} interval misses ${relation} ${fmt(e.bound)}`;
  return `the ${level} interval straddles ${fmt(e.bound)}: this holdout cannot tell`;
}

/** Power the minimum detectable effect is stated at. */
const POWER = 0.8;

/**
 * How far from the bound the true value must lie for this many rows to decide the rule 4 times
 * in 5: (z_{1−α/2} + z_{0.8})·se, with se the interval's half-width over z_{1−α/2}.
 */
function detectable(e: RuleEvidence, confidence: number): number | null {
  if (e.ci === null || e.method === 'point') return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const se = (e.ci.upper - e.ci.lower) / (2 * z);
  return Number.isFinite(se) && se > 0 ? (z + normalQuantile(POWER)) * se : null;
}

/**
 * Roughly how many rows would decide an undecided rule if the estimate held: the interval's
 * half-width on the bound's side shrinks as 1/√rows until it no longer reaches the bound.
 * null when the estimate sits on the bound (no number of rows decides it).
 */
function rowsToDecide(e: RuleEvidence): number | null {
  if (e.ci === null) return null;
  const distance = Math.abs(e.value - e.bound);
  const half = e.value > e.bound ? e.value - e.ci.lower : e.ci.upper - e.value;
  if (!(distance > 0) || !(half > 0) || !Number.isFinite(half)) return null;
  return Math.ceil(e.rows * (half / distance) ** 2);
}

/** An interval of zero width from a bootstrap or DeLong: every resample, or every row, agreed. */
function zeroWidth(e: RuleEvidence): boolean {
  return (
    e.exact !== true &&
    e.ci !== null &&
    (e.method === 'bootstrap' ||
      e.method === 'bootstrap_t' ||
      e.method === 'asymptotic' ||
      e.method === 'delong') &&
    e.ci.lower === e.ci.upper
  );
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(1) : Number(x.toPrecision(4)).toString();
}

export function judgeRules(evidence: readonly RuleEvidence[], confidence: number): RuleResult[] {
  const alpha = 1 - confidence;
  const adjusted = new Map<RuleEvidence, number>();
  const families = new Map<number, RuleEvidence[]>();
  for (const e of evidence) {
    if (e.scope === 'overall' || e.pFail === undefined) continue;
    const family = families.get(e.id) ?? [];
    family.push(e);
    families.set(e.id, family);
  }
  for (const family of families.values()) {
    const p = holm(family.map((e) => e.pFail as number));
    family.forEach((e, i) => {
      adjusted.set(e, p[i] as number);
    });
  }
  return evidence.map((e): RuleResult => {
    // A metric the bootstrap does not cover is decided on its estimate, and the reason says so;
    // an interval the bootstrap could not estimate (every resample undefined) decides nothing.
    const byInterval =
      e.method === 'point'
        ? judgePoint(e.value, e.bound, e.side)
        : e.ci === null
          ? 'INCONCLUSIVE'
          : judgeInterval(e.ci, e.bound, e.side);
    let outcome: Outcome = byInterval;
    let reason = describe(byInterval, e, confidence);
    const p = adjusted.get(e);
    if (zeroWidth(e)) {
      // Models that agree on every resampled row give Δ = 0 on every resample: that bounds
      // nothing about rows not seen, so it cannot decide (a score interval would; this method has none).
      outcome = 'INCONCLUSIVE';
      const why =
        e.method === 'asymptotic'
          ? `the models' difference is the same on every one of the ${e.rows} rows`
          : `every resample of the ${e.rows} rows gave ${fmt(e.value)}`;
      reason = `the ${Math.round(confidence * 100)}% interval has zero width (${why}): it cannot bound what these rows did not show, so it decides nothing`;
    } else if (p !== undefined) {
      // Slices: FAIL needs the Holm-adjusted evidence; PASS its own interval.
      if (byInterval === 'FAIL' && p > alpha / 2) {
        outcome = 'INCONCLUSIVE';
        reason = `${reason}, but after Holm's correction across the slices p = ${fmt(p)} > ${fmt(alpha / 2)}`;
      } else if (byInterval !== 'PASS' && p <= alpha / 2) {
        outcome = 'FAIL';
        reason = `Holm-adjusted p = ${fmt(p)} ≤ ${fmt(alpha / 2)} that ${e.side === 'min' ? '≥' : '≤'} ${fmt(e.bound)} holds`;
      }
    }
    return {
      rule: e.rule,
      metric: e.metric,
      scope: e.scope,
      outcome,
      point_outcome: judgePoint(e.value, e.bound, e.side),
      value: e.value,
      ci: e.ci === null ? null : [e.ci.lower, e.ci.upper],
      bound: e.bound,
      method: e.method,
      ...(e.pFail !== undefined ? { p_value: e.pFail } : {}),
      ...(p !== undefined ? { p_adjusted: p } : {}),
      rows: e.rows,
      ...(e.unit ? { unit: e.unit } : {}),
      mde: detectable(e, confidence),
      rows_to_decide: outcome === 'INCONCLUSIVE' && !zeroWidth(e) ? rowsToDecide(e) : null,
      reason,
    };
  });
}

export function decide(
  rules: RuleResult[],
  onInconclusive: Decision['on_inconclusive'],
  notes: string[],
): Decision {
  const verdict = rules.some((r) => r.outcome === 'FAIL')
    ? 'FAIL'
    : rules.some((r) => r.outcome === 'INCONCLUSIVE')
      ? 'INCONCLUSIVE'
      : 'PASS';
  const exit =
    verdict === 'FAIL' || (verdict === 'INCONCLUSIVE' && onInconclusive === 'fail') ? 1 : 0;
  return { verdict, on_inconclusive: onInconclusive, exit_code: exit, rules, notes };
}
