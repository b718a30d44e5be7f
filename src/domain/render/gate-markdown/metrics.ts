/**
 * Metrics, baseline → candidate: each with the paired delta (oriented: + means the candidate is
 * better) and the metric's one interval of the delta (the intro says which method gave it), then
 * DeLong's test for roc_auc and McNemar's for accuracy when report.json has them. Metrics the bootstrap did not cover show their values only.
 */
import {
  blocks,
  details,
  heading,
  type Md,
  raw,
  type SectionForm,
  table,
  text,
} from '../markdown/index.js';
import {
  count,
  type GateMarkdownReport,
  interval,
  num,
  plain,
  pValue,
  reading,
  signed,
} from './format.js';

const COLUMNS = [
  { header: raw('metric') },
  { header: raw('baseline'), align: 'right' as const },
  { header: raw('candidate'), align: 'right' as const },
  { header: raw('Δ (+ = better)'), align: 'right' as const },
  { header: raw('CI of Δ') },
  { header: raw('reading') },
];

function rows(r: GateMarkdownReport): Md[][] {
  const compared = r.comparison.metrics;
  const out: Md[][] = Object.entries(compared).map(([name, m]) => [
    text(name, 60),
    num(m.baseline),
    num(m.candidate),
    signed(m.delta),
    interval(m.ci.delta),
    reading(m.ci.delta),
  ]);
  for (const [name, candidate] of Object.entries(r.metrics.candidate)) {
    if (Object.hasOwn(compared, name)) continue;
    out.push([
      text(name, 60),
      num(r.metrics.baseline[name]),
      num(candidate),
      raw('—'),
      raw('not bootstrapped'),
      raw(''),
    ]);
  }
  return out;
}

function tests(r: GateMarkdownReport): Md | null {
  const lines: string[] = [];
  const d = r.comparison.delong;
  if (d) {
    // The interval of Δ roc_auc is DeLong's, in the table above: only the test is added here.
    lines.push(
      `**roc_auc by DeLong's test:** equal AUCs z = ${plain(d.z)}, ${pValue(d.p_value)} (two-sided).`,
    );
  }
  const m = r.comparison.mcnemar;
  if (m) {
    lines.push(
      `**accuracy by McNemar's exact test:** ${count(m.b)} rows the baseline got right and the candidate wrong, ${count(m.c)} the reverse; ${pValue(m.p_value)}.`,
    );
  }
  return lines.length > 0 ? raw(lines.join('\\\n')) : null;
}

function intro(r: GateMarkdownReport): Md {
  const c = r.comparison;
  const by = (method: string) =>
    Object.entries(c.metrics)
      .filter(([, m]) => (m.method ?? 'bootstrap') === method)
      .map(([name]) => name);
  const named = (names: string[]) => text(names.join(', '), 200);
  const parts: string[] = [];
  const score = by('score');
  const delong = by('delong');
  const studentized = by('bootstrap_t');
  if (score.length > 0) parts.push(`score intervals (Wilson; Tango's for Δ) for ${named(score)}`);
  if (delong.length > 0) parts.push(`DeLong's for ${named(delong)}`);
  const tail =
    studentized.length > 0 ? `; studentized (bootstrap-t) for Δ ${named(studentized)}` : '';
  const rest =
    by('asymptotic').length > 0
      ? 'normal intervals from each metric’s influence function (a holdout this large needs no resampling)'
      : `${count(c.resamples)} paired bootstrap resamples (seed ${plain(c.seed)})`;
  parts.push(parts.length > 0 ? `${rest} for the rest${tail}` : `${rest}${tail}`);
  return raw(
    `Both models on the same ${count(r.rows)} rows; ${plain(c.confidence * 100)}% intervals: ${parts.join('; ')}.`,
  );
}

function full(r: GateMarkdownReport): Md {
  return blocks(heading(3, raw('Metrics')), intro(r), table(COLUMNS, rows(r)), tests(r));
}

/** The rules' metrics on one line: "roc_auc 0.8223 → 0.8310 (+0.0087)". */
function oneLine(r: GateMarkdownReport): Md {
  const names = [
    ...new Set(r.decision.rules.flatMap((x) => (x.metric === null ? [] : [x.metric]))),
  ];
  const picked = (names.length > 0 ? names : Object.keys(r.comparison.metrics)).slice(0, 4);
  const parts = picked.flatMap((name) => {
    const m = r.comparison.metrics[name];
    return m
      ? [`${text(name, 60)} ${num(m.baseline)} → ${num(m.candidate)} (${signed(m.delta)})`]
      : [];
  });
  return raw(`**Metrics** (baseline → candidate): ${parts.join(', ') || 'none compared'}.`);
}

export function metricsForms(r: GateMarkdownReport): SectionForm[] {
  return [
    { md: full(r) },
    {
      md: details('Metrics, baseline → candidate', blocks(intro(r), table(COLUMNS, rows(r)))),
      cut: 'metrics: collapsed, without the DeLong and McNemar lines',
    },
    { md: oneLine(r), cut: 'metrics: the rules’ metrics only' },
  ];
}
