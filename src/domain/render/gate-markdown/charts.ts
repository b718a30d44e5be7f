/**
 * Mermaid charts, from numbers report.json holds (nothing is re-binned here):
 *
 * - score distribution of both models and their calibration, from `scores`
 *   (gate/score-distributions.ts);
 * - the candidate's scores on the reference vs the holdout, from `drift.prediction.psi_bins`;
 * - each drifted column's distribution, reference vs holdout, from its PSI bins or categories.
 *
 * Counts are shown as shares of their side's rows, so a reference and a holdout of different
 * sizes compare.
 */
import type { ColumnDrift, NumericBins } from '../../drift/index.js';
import type { ScoreDistributions } from '../../gate/score-distributions.js';
import { formatCount, formatMetric } from '../format.js';
import {
  blocks,
  heading,
  italic,
  type Md,
  raw,
  type SectionForm,
  small,
  text,
  xyChart,
} from '../markdown/index.js';
import { type GateMarkdownReport, plural } from './format.js';

const MAX_DRIFT_CHARTS = 3;
const MAX_CATEGORIES = 12;

function label(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** 0 to the next multiple of 5 above the largest share (Mermaid would start at the smallest). */
function percentAxis(...series: readonly (readonly number[])[]) {
  const top = Math.max(0, ...series.flat());
  return { title: '% of rows', min: 0, max: Math.max(5, Math.ceil(top / 5) * 5) };
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? Math.round((c / total) * 10000) / 100 : 0));
}

/** "≤ 0.02", "0.02–0.03", …, "over 0.69": the bins PSI used (right-closed). */
export function cutLabels(cuts: readonly number[]): string[] {
  if (cuts.length === 0) return ['all'];
  const first = cuts[0] as number;
  const last = cuts[cuts.length - 1] as number;
  const middle = cuts.slice(1).map((c, i) => `${label(cuts[i] as number)}–${label(c)}`);
  return [`≤ ${label(first)}`, ...middle, `over ${label(last)}`];
}

function edgeLabels(edges: readonly number[]): string[] {
  return edges.slice(1).map((e, i) => `${label(edges[i] as number)}–${label(e)}`);
}

interface Shares {
  readonly title: string;
  readonly values: readonly number[];
}

/** Shares per band as bars, another side's as a line, on a 0-based percent axis. */
function sharesChart(
  title: string,
  labels: readonly string[],
  bar: Shares,
  line: Shares,
  xTitle?: string,
): Md {
  return xyChart({
    title,
    x: xTitle === undefined ? { labels } : { title: xTitle, labels },
    y: percentAxis(bar.values, line.values),
    series: [
      { kind: 'bar', ...bar },
      { kind: 'line', ...line },
    ],
  });
}

export function scoreHistogram(s: ScoreDistributions): Md {
  return blocks(
    italic(raw('Holdout score distribution, % of rows per bin — bars: baseline, line: candidate')),
    sharesChart(
      'Score distribution (holdout)',
      edgeLabels(s.edges),
      { title: 'baseline', values: shares(s.baseline.counts) },
      { title: 'candidate', values: shares(s.candidate.counts) },
      s.score === 'probability' ? 'P(positive)' : 'predicted value',
    ),
  );
}

/** Observed vs mean predicted per bin, over the bins where both models have rows. */
export function calibrationChart(s: ScoreDistributions): Md | null {
  const labels = edgeLabels(s.edges);
  const keep = labels
    .map((_, i) => i)
    .filter((i) => s.candidate.observed[i] != null && s.baseline.observed[i] != null);
  // A line needs both models in a bin; a bin only one model scores into is listed, never hidden
  // (a model's over-confident rows often sit where the other has none).
  const alone = labels
    .map((_, i) => i)
    .filter((i) => (s.candidate.observed[i] != null) !== (s.baseline.observed[i] != null));
  if (keep.length === 0 && alone.length === 0) return null;
  const pick = (v: readonly (number | null)[]) => keep.map((i) => v[i] ?? 0);
  const only = alone.map((i) => {
    const side = s.candidate.observed[i] != null ? 'candidate' : 'baseline';
    const bins = s[side];
    return `${labels[i]}: only the ${side}, ${formatCount(bins.counts[i] ?? 0)} rows, observed ${formatMetric(bins.observed[i])} vs mean predicted ${formatMetric(bins.mean_predicted[i])}`;
  });
  const note =
    only.length > 0
      ? small(raw(`Bins with one model's rows only — ${only.map((o) => text(o)).join('; ')}.`))
      : null;
  if (keep.length === 0) return note;
  return blocks(
    italic(
      raw(
        'Calibration per score bin — lines: baseline observed, candidate observed, candidate mean predicted (the diagonal a calibrated model follows)',
      ),
    ),
    xyChart({
      title: 'Calibration (holdout)',
      x: { title: 'score bin', labels: keep.map((i) => labels[i] as string) },
      y:
        s.score === 'probability'
          ? { title: 'share of positives', min: 0, max: 1 }
          : { title: 'mean label' },
      series: [
        { kind: 'line', title: 'baseline observed', values: pick(s.baseline.observed) },
        { kind: 'line', title: 'candidate observed', values: pick(s.candidate.observed) },
        {
          kind: 'line',
          title: 'candidate mean predicted',
          values: pick(s.candidate.mean_predicted),
        },
      ],
    }),
    note,
  );
}

function binsChart(title: string, bins: NumericBins): Md {
  return sharesChart(
    title,
    cutLabels(bins.cut_points),
    { title: 'holdout', values: shares(bins.current_counts) },
    { title: 'reference', values: shares(bins.reference_counts) },
  );
}

/** The categories whose shares moved most (at most MAX_CATEGORIES). */
function categoryChart(title: string, c: Extract<ColumnDrift, { type: 'categorical' }>): Md {
  const ref = shares(c.categories.reference_counts);
  const cur = shares(c.categories.current_counts);
  const order = c.categories.values
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Math.abs((cur[b] ?? 0) - (ref[b] ?? 0)) - Math.abs((cur[a] ?? 0) - (ref[a] ?? 0)) || a - b,
    )
    .slice(0, MAX_CATEGORIES);
  return sharesChart(
    title,
    order.map((i) => c.categories.values[i] ?? ''),
    { title: 'holdout', values: order.map((i) => cur[i] ?? 0) },
    { title: 'reference', values: order.map((i) => ref[i] ?? 0) },
  );
}

function columnChart(title: string, c: ColumnDrift): Md {
  return c.type === 'numeric' ? binsChart(title, c.psi_bins) : categoryChart(title, c);
}

/** Every chart the report has numbers for, most telling first. */
export function charts(r: GateMarkdownReport): Md[] {
  const out: Md[] = [];
  if (r.scores) {
    out.push(scoreHistogram(r.scores));
    const calibration = calibrationChart(r.scores);
    if (calibration) out.push(calibration);
  }
  const drift = r.drift;
  if (drift?.prediction) {
    out.push(
      blocks(
        italic(
          raw(
            "The candidate's scores, % of rows per reference decile — bars: holdout, line: reference",
          ),
        ),
        columnChart("Candidate's scores: reference vs holdout", drift.prediction),
      ),
    );
  }
  const drifted = Object.entries(drift?.columns ?? {}).filter(([, c]) => c.drifted);
  for (const [name, c] of drifted.slice(0, MAX_DRIFT_CHARTS)) {
    out.push(
      blocks(
        italic(raw(`Drifted column ${text(name, 80)}, % of rows — bars: holdout, line: reference`)),
        columnChart(`${name}: reference vs holdout`, c),
      ),
    );
  }
  return out;
}

export function chartsForms(r: GateMarkdownReport): SectionForm[] {
  const all = charts(r);
  if (all.length === 0) return [{ md: raw('') }];
  const title = heading(3, raw('Charts'));
  const forms: SectionForm[] = [{ md: blocks(title, ...all) }];
  if (all.length > 1)
    forms.push({
      md: blocks(title, all[0] as Md),
      cut: `charts: 1 of ${all.length} shown`,
    });
  forms.push({ md: raw(''), cut: `charts: ${plural(all.length, 'chart')} left out` });
  return forms;
}
