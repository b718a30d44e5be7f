/**
 * From the config's rules and the comparison to the evidence each rule is judged on: the
 * value, its interval and the bound, overall and — for rules with `slices: true` — per judged
 * slice, with the one-sided bootstrap p-value the Holm correction needs.
 */
import { METRICS, type MetricName, type Rule, ruleKind } from '../config/index.js';
import { bootstrapPValue, type GroupBootstrap } from '../stats/index.js';
import type { Comparison } from './compare.js';
import type { RuleEvidence } from './decide.js';
import type { Flips } from './flips.js';
import { type Interval, wilsonInterval } from './judge.js';
import type { MetricComparison } from './report.js';

export interface EvidenceInputs {
  readonly comparison: Comparison;
  /** Point estimates of every metric (for metrics the bootstrap does not cover). */
  readonly candidateMetrics: Record<string, number>;
  readonly baselineMetrics: Record<string, number>;
  readonly flips: Flips | null;
  readonly confidence: number;
  readonly minSliceSize: number;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

export function ruleText(rule: Rule): string {
  if ('flips' in rule) return `negative flips ≤ ${fmt(rule.flips.max_negative_rate)} of rows`;
  if ('min' in rule) return `${rule.metric} ≥ ${fmt(rule.min)}`;
  if ('max' in rule) return `${rule.metric} ≤ ${fmt(rule.max)}`;
  const vs = rule.vs_baseline;
  return 'max_drop' in vs
    ? `${rule.metric}: at most ${fmt(vs.max_drop)} worse than the baseline`
    : `${rule.metric}: at least ${fmt(vs.min_delta)} better than the baseline`;
}

interface Target {
  readonly value: (c: MetricComparison) => number;
  readonly ci: (c: MetricComparison) => Interval | null;
  readonly samples: (g: GroupBootstrap, metric: string) => Float64Array | undefined;
  readonly bound: number;
  readonly side: 'min' | 'max';
}

const asInterval = (p: readonly [number, number] | null): Interval | null =>
  p ? { lower: p[0], upper: p[1] } : null;

function target(rule: Rule): Target | null {
  if ('flips' in rule) return null;
  if ('min' in rule || 'max' in rule) {
    return {
      value: (c) => c.candidate,
      ci: (c) => asInterval(c.ci.candidate),
      samples: (g, m) => g.metrics[m]?.samples.candidate,
      bound: 'min' in rule ? rule.min : rule.max,
      side: 'min' in rule ? 'min' : 'max',
    };
  }
  const vs = rule.vs_baseline;
  return {
    value: (c) => c.delta,
    ci: (c) => asInterval(c.ci.delta),
    samples: (g, m) => g.metrics[m]?.samples.delta,
    bound: 'max_drop' in vs ? -vs.max_drop : vs.min_delta,
    side: 'min',
  };
}

function pointComparison(metric: MetricName, inputs: EvidenceInputs): MetricComparison {
  const candidate = inputs.candidateMetrics[metric] as number;
  const baseline = inputs.baselineMetrics[metric] as number;
  const better = METRICS[metric].better;
  return {
    candidate,
    baseline,
    delta: better === 'lower' ? baseline - candidate : candidate - baseline,
    better,
    ci: { candidate: null, baseline: null, delta: null },
    undefined_resamples: 0,
  };
}

export function ruleEvidence(rules: readonly Rule[], inputs: EvidenceInputs): RuleEvidence[] {
  const out: RuleEvidence[] = [];
  const { comparison } = inputs;
  rules.forEach((rule, id) => {
    const text = ruleText(rule);
    const t = target(rule);
    if (t === null) {
      const flips = inputs.flips;
      if (!flips) return;
      const bound = 'flips' in rule ? rule.flips.max_negative_rate : Number.NaN;
      out.push({
        id,
        rule: text,
        metric: null,
        scope: 'overall',
        value: flips.negative_rate,
        ci: wilsonInterval(flips.negative, flips.rows, inputs.confidence),
        bound,
        side: 'max',
        method: 'wilson',
      });
      return;
    }
    if ('flips' in rule) return;
    const metric: MetricName = rule.metric;
    const overall = comparison.metrics[metric] ?? pointComparison(metric, inputs);
    const isDelong =
      comparison.delong !== null &&
      metric === 'roc_auc' &&
      ruleKind(rule) !== 'min' &&
      ruleKind(rule) !== 'max';
    const ci =
      isDelong && comparison.delong
        ? { lower: comparison.delong.lower, upper: comparison.delong.upper }
        : t.ci(overall);
    out.push({
      id,
      rule: text,
      metric,
      scope: 'overall',
      value: isDelong && comparison.delong ? comparison.delong.delta : t.value(overall),
      ci,
      bound: t.bound,
      side: t.side,
      method: isDelong ? 'delong' : comparison.metrics[metric] ? 'bootstrap' : 'point',
    });
    if (!rule.slices) return;
    for (const group of comparison.bootstrap.groups.slice(1)) {
      if (group.rows < inputs.minSliceSize) continue;
      const m = group.metrics[metric];
      if (!m) continue;
      const samples = t.samples(group, metric);
      const slicing = comparison.slices.find((s) => s.name === group.slicing);
      const c = slicing?.groups.find((g) => g.slice === group.group)?.metrics[metric];
      if (!slicing || !c || !samples) continue;
      out.push({
        id,
        rule: text,
        metric,
        scope: { slicing: slicing.name, column: slicing.column, slice: group.group },
        value: t.value(c),
        ci: t.ci(c),
        bound: t.bound,
        side: t.side,
        method: 'bootstrap',
        pFail: bootstrapPValue(samples, t.bound, t.side === 'min' ? 'less' : 'greater'),
      });
    }
  });
  return out;
}
