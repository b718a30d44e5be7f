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
  switch (ruleKind(rule)) {
    case 'min':
      return `${(rule as { metric: string }).metric} ≥ ${fmt((rule as { min: number }).min)}`;
    case 'max':
      return `${(rule as { metric: string }).metric} ≤ ${fmt((rule as { max: number }).max)}`;
    case 'max_drop':
      return `${(rule as { metric: string }).metric}: at most ${fmt((rule as { vs_baseline: { max_drop: number } }).vs_baseline.max_drop)} worse than the baseline`;
    case 'min_delta':
      return `${(rule as { metric: string }).metric}: at least ${fmt((rule as { vs_baseline: { min_delta: number } }).vs_baseline.min_delta)} better than the baseline`;
    case 'flips':
      return `negative flips ≤ ${fmt((rule as { flips: { max_negative_rate: number } }).flips.max_negative_rate)} of rows`;
  }
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
  const kind = ruleKind(rule);
  if (kind === 'flips') return null;
  if (kind === 'min' || kind === 'max') {
    const bound = kind === 'min' ? (rule as { min: number }).min : (rule as { max: number }).max;
    return {
      value: (c) => c.candidate,
      ci: (c) => asInterval(c.ci.candidate),
      samples: (g, m) => g.metrics[m]?.samples.candidate,
      bound,
      side: kind,
    };
  }
  const vs = (rule as { vs_baseline: { max_drop?: number; min_delta?: number } }).vs_baseline;
  return {
    value: (c) => c.delta,
    ci: (c) => asInterval(c.ci.delta),
    samples: (g, m) => g.metrics[m]?.samples.delta,
    bound: kind === 'max_drop' ? -(vs.max_drop as number) : (vs.min_delta as number),
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
      const bound = (rule as { flips: { max_negative_rate: number } }).flips.max_negative_rate;
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
    const metric = (rule as { metric: MetricName }).metric;
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
      const c = comparison.slices.flatMap((s) =>
        s.groups.filter((g) => s.name === group.slicing && g.slice === group.group),
      )[0]?.metrics[metric];
      if (!c || !samples) continue;
      out.push({
        id,
        rule: text,
        metric,
        scope: { column: group.slicing as string, slice: group.group },
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
