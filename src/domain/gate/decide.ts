/**
 * Rules to outcomes, outcomes to a verdict. Each rule is a requirement "θ ≥ bound" or
 * "θ ≤ bound" on an estimate with an interval (judge.ts). Overall rules are judged on their
 * interval; a rule on a metric the bootstrap does not cover (method 'point', e.g. ece) on its
 * estimate, and its reason says so. A rule applied per slice is judged per judged slice: a slice FAILs when its
 * Holm-adjusted one-sided p-value (across the slices of that rule) is at most α/2 and PASSes
 * when its own interval clears the bound. The verdict is FAIL if any rule FAILs, else
 * INCONCLUSIVE if any is, else PASS; `on_inconclusive` decides the exit code of INCONCLUSIVE.
 */
import { holm } from '../stats/index.js';
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
  if (e.ci === null)
    return `no interval could be estimated; the point estimate ${fmt(e.value)} alone cannot decide`;
  const ci = `[${fmt(e.ci.lower)}, ${fmt(e.ci.upper)}]`;
  if (outcome === 'PASS') return `the whole ${level} interval ${ci} is ${relation} ${fmt(e.bound)}`;
  if (outcome === 'FAIL')
    return `the whole ${level} interval ${ci} misses ${relation} ${fmt(e.bound)}`;
  return `the ${level} interval ${ci} straddles ${fmt(e.bound)}: this holdout cannot tell`;
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
    if (p !== undefined) {
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
