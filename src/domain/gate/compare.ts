/**
 * The paired comparison of two models scored on the same rows: point estimates and intervals for
 * candidate, baseline and their oriented delta, per metric and per slice — score intervals for
 * accuracy, DeLong for roc_auc, the paired bootstrap's percentiles for the rest (intervals.ts);
 * DeLong's test and McNemar's exact test overall.
 */
import type { ScoredRows } from '../scoring.js';
import {
  type DelongComparison,
  delongTest,
  type GroupBootstrap,
  groupOrders,
  type KernelSpec,
  type MetricBootstrap,
  mcnemarExact,
  type PairedBootstrap,
  type PairOrders,
  predictAt,
  rowsOfGroups,
  type Slicing as StatsSlicing,
} from '../stats/index.js';
import {
  accuracyByScore,
  aucByDelong,
  bootstrapPair,
  critical,
  delongOn,
  sampleSd,
  studentizedPair,
} from './intervals.js';
import type { MetricComparison, Pair, ScoreCounts, SliceReport } from './report.js';
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

/**
 * A metric's comparison from its bootstrap: percentile intervals and the resamples' sd, but for
 * the delta of a mean of per-row losses (mae, mse, mape): the studentized interval and the
 * delta's own standard error (method 'bootstrap_t', interval.ts).
 */
export function metricComparison(m: MetricBootstrap, confidence: number): MetricComparison {
  if (m.influence) return asymptoticMetric(m, m.influence, confidence);
  const studentized = m.deltaSe;
  return {
    candidate: m.candidate,
    baseline: m.baseline,
    delta: m.delta,
    better: m.higherIsBetter ? 'higher' : 'lower',
    method: studentized ? 'bootstrap_t' : 'bootstrap',
    ci: {
      candidate: bootstrapPair(m.samples.candidate, confidence),
      baseline: bootstrapPair(m.samples.baseline, confidence),
      delta: studentized
        ? studentizedPair(
            m.delta,
            studentized.point,
            m.samples.delta,
            studentized.samples,
            confidence,
          )
        : bootstrapPair(m.samples.delta, confidence),
    },
    se: {
      candidate: sampleSd(m.samples.candidate),
      baseline: sampleSd(m.samples.baseline),
      delta: studentized ? studentized.point : sampleSd(m.samples.delta),
    },
    undefined_resamples: m.undefinedResamples,
  };
}

/**
 * A metric of a large holdout: normal intervals value ± z·se from its influence function
 * (stats/influence.ts), method 'asymptotic'; none where a standard error is undefined.
 */
function asymptoticMetric(
  m: MetricBootstrap,
  se: { candidate: number; baseline: number; delta: number },
  confidence: number,
): MetricComparison {
  const z = critical(confidence);
  const pair = (value: number, s: number): Pair | null =>
    Number.isFinite(value) && Number.isFinite(s) ? [value - z * s, value + z * s] : null;
  return {
    candidate: m.candidate,
    baseline: m.baseline,
    delta: m.delta,
    better: m.higherIsBetter ? 'higher' : 'lower',
    method: 'asymptotic',
    ci: {
      candidate: pair(m.candidate, se.candidate),
      baseline: pair(m.baseline, se.baseline),
      delta: pair(m.delta, se.delta),
    },
    se,
    undefined_resamples: 0,
  };
}

/** Per row: 1 where the model's predicted class is the label (binary and multiclass). */
interface Correctness {
  readonly candidate: Uint8Array;
  readonly baseline: Uint8Array;
}

function argmax(p: Float64Array, k: number): Int32Array {
  return Int32Array.from({ length: p.length / k }, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++)
      if ((p[i * k + c] as number) > (p[i * k + best] as number)) best = c;
    return best;
  });
}

function correctness(candidate: ScoredRows, baseline: ScoredRows): Correctness | null {
  const right = (y: ArrayLike<number>, pred: ArrayLike<number>) =>
    Uint8Array.from({ length: y.length }, (_, i) => (y[i] === pred[i] ? 1 : 0));
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    return {
      candidate: right(candidate.y, predictAt(candidate.score, candidate.threshold)),
      baseline: right(candidate.y, predictAt(baseline.score, baseline.threshold)),
    };
  }
  if (candidate.kind === 'multiclass' && baseline.kind === 'multiclass') {
    return {
      candidate: right(candidate.y, argmax(candidate.proba, candidate.classes)),
      baseline: right(candidate.y, argmax(baseline.proba, baseline.classes)),
    };
  }
  return null;
}

function scoreCounts(k: Correctness, rows: Int32Array | null): ScoreCounts {
  let n = 0;
  let x = 0;
  let y = 0;
  let b = 0;
  let c = 0;
  const visit = (i: number) => {
    const rc = k.candidate[i] as number;
    const rb = k.baseline[i] as number;
    n++;
    x += rc;
    y += rb;
    if (rc > rb) b++;
    else if (rb > rc) c++;
  };
  if (rows === null) for (let i = 0; i < k.candidate.length; i++) visit(i);
  else for (const i of rows) visit(i);
  return {
    rows: n,
    candidate_correct: x,
    baseline_correct: y,
    candidate_only: b,
    baseline_only: c,
  };
}

/**
 * The comparisons of one group: every bootstrapped metric, then accuracy by score intervals and
 * roc_auc by DeLong (intervals.ts), so that each metric has one interval everywhere.
 */
function groupComparisons(
  group: GroupBootstrap,
  rows: Int32Array | null,
  candidate: ScoredRows,
  baseline: ScoredRows,
  right: Correctness | null,
  confidence: number,
  overallDelong: DelongComparison | null,
  /** The scores' descending orders on `rows`, when known (binary). */
  orders: PairOrders | undefined,
): Record<string, MetricComparison> {
  const out: Record<string, MetricComparison> = {};
  for (const [name, m] of Object.entries(group.metrics)) {
    const base = metricComparison(m, confidence);
    if (name === 'accuracy' && right) {
      out[name] = { ...base, ...accuracyByScore(scoreCounts(right, rows), confidence) };
      delete (out[name] as { se?: unknown }).se;
    } else if (name === 'roc_auc' && candidate.kind === 'binary' && baseline.kind === 'binary') {
      const d =
        rows === null && overallDelong
          ? overallDelong
          : delongOn(candidate.y, candidate.score, baseline.score, rows, confidence, orders);
      const byDelong = aucByDelong(d);
      out[name] = byDelong ? { ...base, ...byDelong } : base;
    } else {
      out[name] = base;
    }
  }
  return out;
}

/**
 * From this many holdout rows, the metrics without an exact route (score intervals, DeLong) get
 * normal intervals from their influence functions (stats/influence.ts, influence-multiclass.ts)
 * instead of the paired bootstrap: a holdout of 1M rows then takes O(n) per metric instead of
 * 1,000 passes over it. At this size the two agree within the bootstrap's Monte-Carlo error on
 * the fixtures (test/domain/stats/influence.test.ts), and skew, which the percentile and
 * studentized intervals follow, has shrunk with √n.
 */
export const ASYMPTOTIC_ROWS = 20_000;

/** The comparison, given the paired bootstrap of comparisonKernel(candidate, baseline, slicings). */
export function compareModels(
  candidate: ScoredRows,
  baseline: ScoredRows,
  slicings: readonly NamedSlicing[],
  options: ComparisonOptions,
  bootstrap: PairedBootstrap,
  /** Both binary models' descending score orders (stats/order.ts), when the caller has them. */
  orders?: PairOrders,
): Comparison {
  const [overall, ...groups] = bootstrap.groups;
  const right = correctness(candidate, baseline);
  let delong: DelongComparison | null = null;
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    delong = delongTest(candidate.y, candidate.score, baseline.score, options.confidence, orders);
  }
  const slices: SliceReport[] = slicings.map((s) => {
    const byGroup = rowsOfGroups(s.index, s.groups.length);
    const size = s.groups.length;
    // Each group's orders filtered from the whole's, rather than each group sorted again.
    const c = orders ? groupOrders(orders.candidate, s.index, size) : null;
    const b = orders ? groupOrders(orders.baseline, s.index, size) : null;
    const ordersOf = (g: number): PairOrders | undefined =>
      c && b ? { candidate: c[g] as Int32Array, baseline: b[g] as Int32Array } : undefined;
    return {
      column: s.column,
      name: s.name,
      unassigned_rows: s.unassigned,
      groups: groups
        .filter((g) => g.slicing === s.name)
        .map((g) => {
          const index = s.groups.indexOf(g.group);
          return {
            slice: g.group,
            rows: g.rows,
            judged: g.rows >= options.minSliceSize,
            metrics: groupComparisons(
              g,
              byGroup[index] ?? new Int32Array(0),
              candidate,
              baseline,
              right,
              options.confidence,
              null,
              ordersOf(index),
            ),
          };
        }),
    };
  });
  const mcnemar: Comparison['mcnemar'] = right
    ? (() => {
        const k = scoreCounts(right, null);
        return {
          b: k.baseline_only,
          c: k.candidate_only,
          p_value: mcnemarExact(k.baseline_only, k.candidate_only),
        };
      })()
    : null;
  const metrics = groupComparisons(
    overall as GroupBootstrap,
    null,
    candidate,
    baseline,
    right,
    options.confidence,
    delong,
    orders,
  );
  return {
    bootstrap,
    metrics,
    slices,
    delong,
    mcnemar,
  };
}
