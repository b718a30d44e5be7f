/**
 * The paired comparison of two models scored on the same rows: point estimates, bootstrap
 * percentile intervals for candidate, baseline and their oriented delta, per metric and per
 * slice; DeLong for roc_auc; McNemar's exact test for accuracy.
 */
import type { ScoredRows } from '../scoring.js';
import {
  type DelongComparison,
  delongTest,
  discordantPairs,
  type GroupBootstrap,
  type KernelSpec,
  type MetricBootstrap,
  mcnemarExact,
  type PairedBootstrap,
  percentileInterval,
  predictAt,
  type Slicing as StatsSlicing,
} from '../stats/index.js';
import type { MetricComparison, Pair, SliceReport } from './report.js';
import type { Slicing } from './slices.js';

export interface ComparisonOptions {
  readonly confidence: number;
  readonly minSliceSize: number;
}

export interface Comparison {
  readonly bootstrap: PairedBootstrap;
  readonly metrics: Record<string, MetricComparison>;
  readonly slices: SliceReport[];
  readonly delong: DelongComparison | null;
  readonly mcnemar: { readonly b: number; readonly c: number; readonly p_value: number } | null;
}

export interface NamedSlicing extends Slicing {
  /** The slice's name in the config (the column, unless renamed). */
  readonly name: string;
}

/**
 * The paired bootstrap's kernel inputs for two scored models and the slicings (plain data: the
 * caller may run the bootstrap on several threads, then pass its result to compareModels).
 */
export function comparisonKernel(
  candidate: ScoredRows,
  baseline: ScoredRows,
  slicings: readonly NamedSlicing[],
): KernelSpec {
  const stats: StatsSlicing[] = slicings.map((s) => ({
    name: s.name,
    ids: s.index,
    groups: s.groups,
  }));
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    return {
      task: 'binary',
      input: {
        y: candidate.y,
        candidate: candidate.score,
        baseline: baseline.score,
        threshold: candidate.threshold,
        slicings: stats,
      },
    };
  }
  if (candidate.kind === 'multiclass' && baseline.kind === 'multiclass') {
    return {
      task: 'multiclass',
      input: {
        y: candidate.y,
        candidate: candidate.proba,
        baseline: baseline.proba,
        nClasses: candidate.classes,
        slicings: stats,
      },
    };
  }
  if (candidate.kind === 'regression' && baseline.kind === 'regression') {
    return {
      task: 'regression',
      input: {
        y: candidate.y,
        candidate: candidate.pred,
        baseline: baseline.pred,
        slicings: stats,
      },
    };
  }
  throw new Error(`bug: comparing a ${candidate.kind} candidate with a ${baseline.kind} baseline`);
}

function pair(samples: Float64Array, confidence: number): Pair | null {
  const ci = percentileInterval(samples, confidence);
  return ci.used === 0 ? null : [ci.lower, ci.upper];
}

export function metricComparison(m: MetricBootstrap, confidence: number): MetricComparison {
  return {
    candidate: m.candidate,
    baseline: m.baseline,
    delta: m.delta,
    better: m.higherIsBetter ? 'higher' : 'lower',
    ci: {
      candidate: pair(m.samples.candidate, confidence),
      baseline: pair(m.samples.baseline, confidence),
      delta: pair(m.samples.delta, confidence),
    },
    undefined_resamples: m.undefinedResamples,
  };
}

function comparisons(group: GroupBootstrap, confidence: number): Record<string, MetricComparison> {
  return Object.fromEntries(
    Object.entries(group.metrics).map(([name, m]) => [name, metricComparison(m, confidence)]),
  );
}

/** The comparison, given the paired bootstrap of comparisonKernel(candidate, baseline, slicings). */
export function compareModels(
  candidate: ScoredRows,
  baseline: ScoredRows,
  slicings: readonly NamedSlicing[],
  options: ComparisonOptions,
  bootstrap: PairedBootstrap,
): Comparison {
  const [overall, ...groups] = bootstrap.groups;
  const slices: SliceReport[] = slicings.map((s) => ({
    column: s.column,
    name: s.name,
    unassigned_rows: s.unassigned,
    groups: groups
      .filter((g) => g.slicing === s.name)
      .map((g) => ({
        slice: g.group,
        rows: g.rows,
        judged: g.rows >= options.minSliceSize,
        metrics: comparisons(g, options.confidence),
      })),
  }));
  let delong: DelongComparison | null = null;
  let mcnemar: Comparison['mcnemar'] = null;
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    delong = delongTest(candidate.y, candidate.score, baseline.score, options.confidence);
    const pairs = discordantPairs(
      candidate.y,
      predictAt(candidate.score, candidate.threshold),
      predictAt(baseline.score, baseline.threshold),
    );
    mcnemar = { b: pairs.b, c: pairs.c, p_value: mcnemarExact(pairs.b, pairs.c) };
  } else if (candidate.kind === 'multiclass' && baseline.kind === 'multiclass') {
    const argmax = (p: Float64Array, k: number) =>
      Int32Array.from({ length: p.length / k }, (_, i) => {
        let best = 0;
        for (let c = 1; c < k; c++)
          if ((p[i * k + c] as number) > (p[i * k + best] as number)) best = c;
        return best;
      });
    const pairs = discordantPairs(
      candidate.y,
      argmax(candidate.proba, candidate.classes),
      argmax(baseline.proba, baseline.classes),
    );
    mcnemar = { b: pairs.b, c: pairs.c, p_value: mcnemarExact(pairs.b, pairs.c) };
  }
  return {
    bootstrap,
    metrics: comparisons(overall as GroupBootstrap, options.confidence),
    slices,
    delong,
    mcnemar,
  };
}
