/**
 * Slices, worst first: per slicing, each group's baseline → candidate on one metric (the first
 * rule's, else roc_auc / r2 / accuracy), its delta and interval, and any slice rule's outcome.
 * Judged slices come first, worst delta first; slices too small to judge follow, marked.
 */
import type { RuleResult, SliceGroup, SliceReport } from '../../gate/report.js';
import {
  blocks,
  code,
  heading,
  type Md,
  moreRows,
  raw,
  type SectionForm,
  table,
  tableForms,
  text,
} from '../markdown/index.js';
import {
  count,
  type GateMarkdownReport,
  interval,
  num,
  OUTCOME_MARK,
  plural,
  reading,
  signed,
} from './format.js';

const FALLBACK = ['roc_auc', 'r2', 'roc_auc_ovr', 'accuracy'];

/** The metric slices are ranked by: the first rule's, if the slices have it. */
export function sliceMetric(r: GateMarkdownReport): string | null {
  const first = r.slices.flatMap((s) => s.groups)[0];
  if (!first) return null;
  const has = (m: string) => Object.hasOwn(first.metrics, m);
  const ruled = r.decision.rules.find((x) => x.metric !== null && has(x.metric))?.metric;
  return ruled ?? FALLBACK.find(has) ?? Object.keys(first.metrics)[0] ?? null;
}

/** Judged first, then worst delta first (undefined deltas last), then by name. */
export function rankGroups(groups: readonly SliceGroup[], metric: string): SliceGroup[] {
  const delta = (g: SliceGroup) => {
    const d = g.metrics[metric]?.delta;
    return d === undefined || Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  };
  return [...groups].sort(
    (a, b) =>
      Number(b.judged) - Number(a.judged) ||
      delta(a) - delta(b) ||
      (a.slice < b.slice ? -1 : a.slice > b.slice ? 1 : 0),
  );
}

function ruleOutcome(rules: readonly RuleResult[], s: SliceReport, g: SliceGroup): Md {
  const mine = rules.filter(
    (x) => x.scope !== 'overall' && x.scope.slicing === s.name && x.scope.slice === g.slice,
  );
  const worst =
    mine.find((x) => x.outcome === 'FAIL') ??
    mine.find((x) => x.outcome === 'INCONCLUSIVE') ??
    mine[0];
  return worst ? raw(`${OUTCOME_MARK[worst.outcome] ?? ''} ${text(worst.outcome, 20)}`) : raw('');
}

function columns(metric: string, withRules: boolean) {
  const all = [
    { header: raw('slice') },
    { header: raw('rows'), align: 'right' as const },
    { header: raw(`baseline ${text(metric, 40)}`), align: 'right' as const },
    { header: raw('candidate'), align: 'right' as const },
    { header: raw('Δ (+ = better)'), align: 'right' as const },
    { header: raw('CI of Δ') },
    { header: raw('reading') },
    { header: raw('slice rule') },
  ];
  return withRules ? all : all.slice(0, -1);
}

function groupRow(r: GateMarkdownReport, s: SliceReport, g: SliceGroup, metric: string): Md[] {
  const m = g.metrics[metric];
  return [
    text(g.slice, 120),
    count(g.rows),
    num(m?.baseline),
    num(m?.candidate),
    signed(m?.delta),
    interval(m?.ci.delta),
    g.judged ? reading(m?.ci.delta ?? null) : raw('_small: not judged_'),
    ruleOutcome(r.decision.rules, s, g),
  ];
}

function slicingTitle(s: SliceReport): Md {
  const name =
    s.name === s.column
      ? code(s.column, 80)
      : raw(`${text(s.name, 80)} (column ${code(s.column, 80)})`);
  const unassigned = s.unassigned_rows > 0 ? `; ${count(s.unassigned_rows)} rows in no slice` : '';
  return raw(`**${name}**: ${plural(s.groups.length, 'slice')}${unassigned}`);
}

function render(r: GateMarkdownReport, metric: string, n: number): Md {
  const parts: Md[] = [
    heading(3, raw('Slices')),
    raw(`Worst first by Δ ${text(metric, 40)}; slices too small to judge come last.`),
  ];
  const withRules = r.decision.rules.some((x) => x.scope !== 'overall');
  for (const s of r.slices) {
    const ranked = rankGroups(s.groups, metric);
    const shown = Number.isFinite(n) ? ranked.slice(0, n) : ranked;
    parts.push(
      slicingTitle(s),
      table(
        columns(metric, withRules),
        shown.map((g) => groupRow(r, s, g, metric).slice(0, withRules ? undefined : -1)),
      ),
    );
    if (shown.length < ranked.length) parts.push(moreRows(ranked.length - shown.length, 'slices'));
  }
  return blocks(...parts);
}

function oneLine(r: GateMarkdownReport, metric: string): Md {
  const worst = r.slices
    .flatMap((s) =>
      rankGroups(s.groups, metric)
        .slice(0, 1)
        .map((g) => ({ s, g })),
    )
    .filter(({ g }) => g.judged)
    .sort((a, b) => (a.g.metrics[metric]?.delta ?? 0) - (b.g.metrics[metric]?.delta ?? 0))[0];
  const groups = r.slices.reduce((n, s) => n + s.groups.length, 0);
  const tail = worst
    ? `; worst judged: ${text(worst.s.name, 80)} = ${text(worst.g.slice, 80)}, Δ ${text(metric, 40)} ${signed(worst.g.metrics[metric]?.delta)}`
    : '';
  return raw(
    `**Slices:** ${plural(groups, 'slice')} in ${plural(r.slices.length, 'slicing')}${tail}.`,
  );
}

export function slicesForms(r: GateMarkdownReport): SectionForm[] {
  const metric = sliceMetric(r);
  if (r.slices.length === 0 || metric === null) return [{ md: raw('') }];
  const largest = Math.max(...r.slices.map((s) => s.groups.length));
  return tableForms({
    render: (n) => render(r, metric, n),
    rows: largest,
    steps: [200, 100, 50, 20, 10],
    what: 'slices',
    summary: `Slices, worst first by Δ ${metric}`,
    line: oneLine(r, metric),
  });
}
