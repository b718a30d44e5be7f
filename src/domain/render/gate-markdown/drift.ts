/**
 * Drift between the reference (training-period data) and the holdout: the dataset's share of
 * drifted columns, the candidate's scores and the label, then one row per column, drifted
 * columns first, with the test that decided, its statistic and threshold, PSI and its band.
 */
import type { ColumnDrift, DriftReport } from '../../drift/index.js';
import type { GateDrift } from '../../gate/report.js';
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
import { count, type GateMarkdownReport, num, percent, plain, pValue } from './format.js';

/**
 * "ks p = 0.0021 < 0.05", "wasserstein 0.1306 ≥ 0.1", or under auto both halves —
 * "wasserstein (auto) 0.1306 ≥ 0.1, w1_permutation p = 0.0021 ≤ 0.0079" — with the side each fell
 * on (the test's level is 2 significant digits of the Benjamini–Hochberg level).
 */
export function testLine(c: ColumnDrift): Md {
  const name = text(`${c.method}${c.auto ? ' (auto)' : ''}`, 40);
  if (c.kind === 'p_value') {
    const relation =
      Number.isFinite(c.value) && c.value < 1e-4 ? ', threshold' : c.drifted ? ' <' : ' ≥';
    return raw(`${name} ${pValue(c.value)}${relation} ${plain(c.threshold)}`);
  }
  const effect = `${num(c.value)} ${c.value >= c.threshold ? '≥' : '<'} ${plain(c.threshold)}`;
  if (!c.test) return raw(`${name} ${effect}`);
  // auto: the effect size and the test (which accounts for both sizes) must both say drift.
  const p = c.test.p_value;
  const side = Number.isFinite(p) && p < 1e-4 ? ', level' : p <= c.test.alpha ? ' ≤' : ' >';
  const level = Number(c.test.alpha.toPrecision(2));
  return raw(`${name} ${effect}, ${text(c.test.method, 16)} ${pValue(p)}${side} ${level}`);
}

function verdict(c: ColumnDrift): Md {
  return c.drifted ? raw('**drifted**') : raw('no');
}

function unseen(c: ColumnDrift): Md {
  if (c.type !== 'categorical' || c.unseen.categories.length === 0) return raw('');
  const names = c.unseen.categories.slice(0, 3).map((x) => code(x, 40));
  const more = c.unseen.categories.length > 3 ? `, +${c.unseen.categories.length - 3}` : '';
  return raw(`${count(c.unseen.rows)} rows: ${names.join(', ')}${more}`);
}

const columns = (current: string) => [
  { header: raw('column') },
  { header: raw('type') },
  { header: raw('drifted') },
  { header: raw('test') },
  { header: raw('PSI'), align: 'right' as const },
  { header: raw(`rows (reference / ${current})`), align: 'right' as const },
  { header: raw(`missing (reference / ${current})`), align: 'right' as const },
  { header: raw('unseen categories') },
];

function row(name: string, c: ColumnDrift): Md[] {
  return [
    text(name, 120),
    text(c.type, 20),
    verdict(c),
    testLine(c),
    raw(`${num(c.statistics.psi)} (${text(c.psi_band, 20)})`),
    raw(`${count(c.rows.reference)} / ${count(c.rows.current)}`),
    raw(`${count(c.missing.reference)} / ${count(c.missing.current)}`),
    unseen(c),
  ];
}

/** Drifted columns first; otherwise report.json's order. */
export function rankedColumns(drift: DriftReport): [string, ColumnDrift][] {
  const entries = Object.entries(drift.columns);
  return [...entries.filter(([, c]) => c.drifted), ...entries.filter(([, c]) => !c.drifted)];
}

function targetLine(what: Md, c: ColumnDrift | undefined): Md | null {
  if (!c) return null;
  const means =
    c.type === 'numeric'
      ? ` (mean ${num(c.statistics.reference_mean)} → ${num(c.statistics.current_mean)})`
      : '';
  return raw(`${what}: ${c.drifted ? '**drifted**' : 'no drift'} — ${testLine(c)}${means}.`);
}

/** The candidate's scores, saying plainly what they were compared on. */
function scoresLine(drift: GateDrift): Md | null {
  const c = drift.prediction;
  if (!c) return null;
  const s = drift.prediction_sample;
  const sampled = s
    ? ` The candidate ran on a seeded sample of ${count(s.rows)} of the reference's ${count(s.of)} rows: its statistics decide as on all of them (its permutation test uses at most 20,000 values a side).`
    : '';
  if (drift.prediction_reference !== 'training') {
    const line = targetLine(raw("The candidate's scores (held-out reference vs holdout)"), c);
    return sampled ? raw(`${line}${sampled}`) : line;
  }
  const line = targetLine(
    raw("The candidate's scores (on its training reference vs the holdout)"),
    c,
  );
  return raw(
    `${line} Not counted as drift: a model scores the rows it was trained on more confidently than unseen ones; set \`drift.reference_is_training: false\` with a held-out reference to compare like with like.${sampled}`,
  );
}

function summary(r: GateMarkdownReport, drift: GateDrift): Md {
  const d = drift.dataset;
  const reference = r.data.reference;
  const from = reference
    ? raw(
        `Reference ${code(reference.path, 160)} (${count(reference.rows)} rows) → holdout (${count(r.rows)} rows).`,
      )
    : null;
  const dataset = raw(
    `**${count(d.drifted_columns)} of ${count(d.columns)} columns drifted** (${percent(d.drifted_share, 0)}); the dataset counts as drifted from ${percent(d.max_drifted_share, 0)}: ${d.drifted ? '**dataset drift**' : 'no dataset drift'}.`,
  );
  const lines = [
    from,
    dataset,
    scoresLine(drift),
    targetLine(raw(`The label ${code(r.label.column, 80)}`), drift.label),
  ].filter((x): x is Md => x !== null);
  return raw(lines.join('\\\n'));
}

/** At most `n` columns, drifted first, and a note of how many more there are. */
export function columnsTable(drift: DriftReport, n: number, current = 'holdout'): Md {
  const ranked = rankedColumns(drift);
  const shown = Number.isFinite(n) ? ranked.slice(0, n) : ranked;
  return blocks(
    shown.length > 0
      ? table(
          columns(current),
          shown.map(([name, c]) => row(name, c)),
        )
      : null,
    shown.length < ranked.length ? moreRows(ranked.length - shown.length, 'columns') : null,
  );
}

function render(r: GateMarkdownReport, drift: GateDrift, n: number): Md {
  return blocks(heading(3, raw('Drift')), summary(r, drift), columnsTable(drift, n));
}

function oneLine(drift: GateDrift): Md {
  const drifted = rankedColumns(drift).filter(([, c]) => c.drifted);
  const names = drifted.slice(0, 5).map(([name]) => text(name, 60));
  const more = drifted.length > 5 ? `, and ${drifted.length - 5} more` : '';
  const which = names.length > 0 ? `: ${names.join(', ')}${more}` : '';
  const scores =
    drift.prediction?.drifted && drift.prediction_reference !== 'training'
      ? "; the candidate's scores drifted"
      : '';
  return raw(
    `**Drift:** ${count(drift.dataset.drifted_columns)} of ${count(drift.dataset.columns)} columns drifted${which}${scores}.`,
  );
}

export function driftForms(r: GateMarkdownReport): SectionForm[] {
  const drift = r.drift;
  if (!drift) return [{ md: raw('') }];
  return tableForms({
    render: (n) => render(r, drift, n),
    rows: Object.keys(drift.columns).length,
    steps: [200, 100, 50, 20],
    what: 'drift',
    summary: 'Drift, per column',
    line: oneLine(drift),
  });
}
