/**
 * From the config's rules and the comparison to the evidence each rule is judged on: the
 * value, its interval (the metric's one interval, intervals.ts) and the bound, overall and — for
 * rules with `slices: true` — per judged slice, with the one-sided p-value the Holm correction
 * needs (from the metric's own method, so it can be as small as the correction asks).
 */
import {
  isServingRule,
  METRICS,
  type MetricName,
  type Rule,
  type ServingRule,
} from '../config/index.js';
import type { Comparison } from './compare.js';
import type { RuleEvidence } from './decide.js';
import type { Flips } from './flips.js';
import { pValueAbove, pValueBelow } from './intervals.js';
import { type Interval, wilsonInterval } from './judge.js';
import type { MetricComparison } from './report.js';

export interface EvidenceInputs {
  readonly comparison: Comparison;
  /** Point estimates of every metric (for metrics the bootstrap does not cover). */
  readonly candidateMetrics: Record<string, number>;
  readonly baselineMetrics: Record<string, number>;
  readonly flips: Flips | null;
  readonly confidence: number;
  /** Holdout rows (the overall rules' sample size). */
  readonly rows: number;
  /** Candidate and baseline are the same file (sha256): a delta of 0 is then exact, not a sample's. */
  readonly sameModel?: boolean;
  /** What the serving rules are judged on (latency, memory, size); absent when no rule needs it. */
  readonly serving?: ServingMeasures;
}

/** A latency statistic and its bootstrap interval over interleaved rounds (stats/latency.ts). */
export interface LatencyEvidence {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly rounds: number;
}

export interface ServingMeasures {
  /** By batch size: the candidate's p95 and the median ratio to the baseline. */
  readonly latency: ReadonlyMap<
    number,
    { readonly p95: LatencyEvidence; readonly ratio: LatencyEvidence }
  >;
  /** The candidate's ONNX file, in MiB. */
  readonly candidateMb: number;
  /**
   * By batch size: the peak memory the candidate's session added in a process of its own, in MiB
   * (runtime/memory.ts), and its ratio to the baseline's (null when no rule compares with it, or
   * the baseline's added nothing measurable).
   */
  readonly memory?: ReadonlyMap<
    number,
    { readonly candidateMb: number; readonly ratio: number | null }
  >;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

export function ruleText(rule: Rule): string {
  if ('flips' in rule) return `negative flips ≤ ${fmt(rule.flips.max_negative_rate)} of rows`;
  if ('latency' in rule) {
    const { p95_ms, vs_baseline, batch } = rule.latency;
    return p95_ms
      ? `p95 latency at batch ${batch} ≤ ${fmt(p95_ms.max)} ms`
      : `median latency at batch ${batch} ≤ ${fmt(vs_baseline?.max_ratio ?? Number.NaN)}× the baseline's`;
  }
  if ('memory' in rule) {
    const { peak_mb, vs_baseline, batch } = rule.memory;
    return peak_mb
      ? `peak memory at batch ${batch} ≤ ${fmt(peak_mb.max)} MiB`
      : `peak memory at batch ${batch} ≤ ${fmt(vs_baseline?.max_ratio ?? Number.NaN)}× the baseline's`;
  }
  if ('size_mb' in rule) return `file size ≤ ${fmt(rule.size_mb.max)} MiB`;
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
  /** One-sided p-value that the requirement is violated (small = evidence against it). */
  readonly pFail: (c: MetricComparison) => number;
  readonly bound: number;
  readonly side: 'min' | 'max';
}

const asInterval = (p: readonly [number, number] | null): Interval | null =>
  p ? { lower: p[0], upper: p[1] } : null;

function target(rule: Rule): Target | null {
  if ('flips' in rule || isServingRule(rule)) return null;
  if ('min' in rule) {
    return {
      value: (c) => c.candidate,
      ci: (c) => asInterval(c.ci.candidate),
      pFail: (c) => pValueBelow(c, 'candidate', rule.min),
      bound: rule.min,
      side: 'min',
    };
  }
  if ('max' in rule) {
    return {
      value: (c) => c.candidate,
      ci: (c) => asInterval(c.ci.candidate),
      pFail: (c) => pValueAbove(c, rule.max),
      bound: rule.max,
      side: 'max',
    };
  }
  const vs = rule.vs_baseline;
  const bound = 'max_drop' in vs ? -vs.max_drop : vs.min_delta;
  return {
    value: (c) => c.delta,
    ci: (c) => asInterval(c.ci.delta),
    pFail: (c) => pValueBelow(c, 'delta', bound),
    bound,
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
    method: 'bootstrap',
    ci: { candidate: null, baseline: null, delta: null },
    undefined_resamples: 0,
  };
}

/**
 * Rows a slice needs before a bootstrap interval judges it. Score intervals and DeLong hold their
 * level from min_slice_size (default 100); the percentile bootstrap of ratio metrics (precision,
 * recall, f1, average_precision) and the studentized one of mean losses do not (bench/coverage.ts:
 * one-sided misses up to 6.4% at 100 rows against 2.5% nominal, at most 3.8% from 300 rows), so
 * below this a slice is reported, not judged.
 */
export const BOOTSTRAP_SLICE_ROWS = 300;

function supported(m: MetricComparison, rows: number): boolean {
  return (
    (m.method !== 'bootstrap' && m.method !== 'bootstrap_t' && m.method !== 'asymptotic') ||
    rows >= BOOTSTRAP_SLICE_ROWS
  );
}

/** Notes for slices a rule reports but does not judge because its metric's method needs more rows. */
export function unjudgedSliceNotes(rules: readonly Rule[], comparison: Comparison): string[] {
  const notes: string[] = [];
  rules.forEach((rule) => {
    if ('flips' in rule || isServingRule(rule) || !rule.slices) return;
    const skipped: string[] = [];
    for (const slicing of comparison.slices) {
      for (const group of slicing.groups) {
        const m = group.metrics[rule.metric];
        if (group.judged && m && !supported(m, group.rows)) {
          skipped.push(`${slicing.name} = ${group.slice} (${group.rows} rows)`);
        }
      }
    }
    if (skipped.length === 0) return;
    const named =
      skipped.slice(0, 5).join(', ') +
      (skipped.length > 5 ? ` and ${skipped.length - 5} more` : '');
    notes.push(
      `${ruleText(rule)}: ${skipped.length === 1 ? 'a slice was' : `${skipped.length} slices were`} reported, not judged — ${rule.metric}'s paired-bootstrap interval needs ${BOOTSTRAP_SLICE_ROWS} rows to hold its level: ${named}`,
    );
  });
  return notes;
}

/** A latency, memory or size rule's evidence: measured on the models, not on the holdout's rows. */
function servingEvidence(
  rule: ServingRule,
  id: number,
  text: string,
  serving: ServingMeasures | undefined,
): RuleEvidence {
  if (serving === undefined) throw new Error(`bug: rule '${text}' was not measured`);
  // Size and memory are one figure each, not a sample: judged as they are.
  const exact = (
    value: number,
    bound: number,
    method: 'exact' | 'probe' = 'exact',
  ): RuleEvidence => ({
    id,
    rule: text,
    metric: null,
    scope: 'overall',
    value,
    ci: { lower: value, upper: value },
    bound,
    side: 'max',
    method,
    rows: 1,
    exact: true,
  });
  if ('size_mb' in rule) return exact(serving.candidateMb, rule.size_mb.max);
  if ('memory' in rule) {
    const { peak_mb, vs_baseline, batch } = rule.memory;
    const measured = serving.memory?.get(batch);
    if (measured === undefined) throw new Error(`bug: no memory at batch ${batch}`);
    if (peak_mb) return exact(measured.candidateMb, peak_mb.max, 'probe');
    const bound = vs_baseline?.max_ratio ?? Number.NaN;
    // No ratio: nothing to judge (decide.ts says why).
    if (measured.ratio === null) return { ...exact(Number.NaN, bound, 'probe'), ci: null };
    return exact(measured.ratio, bound, 'probe');
  }
  const measured = serving.latency.get(rule.latency.batch);
  if (measured === undefined) throw new Error(`bug: no latency at batch ${rule.latency.batch}`);
  const e = rule.latency.p95_ms ? measured.p95 : measured.ratio;
  return {
    id,
    rule: text,
    metric: null,
    scope: 'overall',
    value: e.value,
    ci: { lower: e.lower, upper: e.upper },
    bound: rule.latency.p95_ms?.max ?? rule.latency.vs_baseline?.max_ratio ?? Number.NaN,
    side: 'max',
    method: 'runs',
    rows: e.rounds,
    unit: 'runs',
  };
}

export function ruleEvidence(rules: readonly Rule[], inputs: EvidenceInputs): RuleEvidence[] {
  const out: RuleEvidence[] = [];
  const { comparison } = inputs;
  rules.forEach((rule, id) => {
    const text = ruleText(rule);
    if (isServingRule(rule)) {
      out.push(servingEvidence(rule, id, text, inputs.serving));
      return;
    }
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
        rows: flips.rows,
      });
      return;
    }
    if ('flips' in rule) return;
    const metric: MetricName = rule.metric;
    const overall = comparison.metrics[metric];
    const c = overall ?? pointComparison(metric, inputs);
    out.push({
      id,
      rule: text,
      metric,
      scope: 'overall',
      value: t.value(c),
      ci: t.ci(c),
      bound: t.bound,
      side: t.side,
      method: overall ? overall.method : 'point',
      rows: inputs.rows,
      exact: inputs.sameModel === true,
    });
    if (!rule.slices) return;
    for (const slicing of comparison.slices) {
      for (const group of slicing.groups) {
        const m = group.metrics[metric];
        if (!group.judged || !m || !supported(m, group.rows)) continue;
        out.push({
          id,
          rule: text,
          metric,
          scope: { slicing: slicing.name, column: slicing.column, slice: group.slice },
          value: t.value(m),
          ci: t.ci(m),
          bound: t.bound,
          side: t.side,
          method: m.method,
          rows: group.rows,
          exact: inputs.sameModel === true,
          pFail: t.pFail(m),
        });
      }
    }
  });
  return out;
}
