/**
 * The model-card diff (report.json `card_diff`), collapsed: card fields that changed, metric
 * deltas with their intervals, the ONNX contract (inputs and outputs added, removed or retyped,
 * opsets, operator counts, nodes, bytes, producer, latency) and the training data. A breaking
 * contract change is said outside the collapsed block, where a reviewer sees it.
 */
import type { CardDiff, ColumnChange, LatencyJson, TensorChange } from '../../card/diff-types.js';
import type { TensorJson } from '../../report.js';
import { formatBytes } from '../format.js';
import {
  blocks,
  code,
  details,
  heading,
  type Md,
  moreRows,
  raw,
  type SectionForm,
  table,
  text,
} from '../markdown/index.js';
import { count, interval, num, plural, shortSha, signed } from './format.js';

const none = raw('—');

function side(name: string, version: string | null): string {
  return version === null ? name : `${name} ${version}`;
}

function tensor(t: TensorJson | null): Md {
  if (!t) return none;
  const shape =
    t.shape === null ? '' : ` [${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
  return text(`${t.type}${shape}`, 80);
}

function tensorRows(kind: string, changes: readonly TensorChange[]): Md[][] {
  return changes.map((c) => [
    raw(kind),
    text(c.change, 20),
    code(c.name, 80),
    tensor(c.before),
    tensor(c.after),
  ]);
}

/**
 * Column changes an input change of the same name does not already show: a model with one input
 * per column changes both at once; a model with one [N,F] input changes only its columns.
 */
function ownColumns(d: CardDiff): ColumnChange[] {
  const inputs = new Set(d.contract.inputs.map((i) => i.name));
  return (d.contract.columns ?? []).filter((c) => !inputs.has(c.name));
}

function columnRows(changes: readonly ColumnChange[]): Md[][] {
  const type = (t: ColumnChange['before']) => (t === null ? none : raw(t));
  return changes.map((c) => [
    raw('column'),
    text(c.change, 20),
    code(c.name, 80),
    type(c.before),
    type(c.after),
  ]);
}

function limited<T>(items: readonly T[], n: number): { shown: readonly T[]; more: Md | null } {
  const shown = items.slice(0, n);
  return { shown, more: items.length > n ? moreRows(items.length - n) : null };
}

function fields(d: CardDiff, n: number): Md | null {
  if (d.fields.length === 0) return null;
  const { shown, more } = limited(d.fields, n);
  const rows = shown.map((f) => [
    code(f.path, 80),
    f.before === null ? none : text(f.before, 200),
    f.after === null ? none : text(f.after, 200),
  ]);
  return blocks(
    raw('**Card fields**'),
    table([{ header: raw('field') }, { header: raw('before') }, { header: raw('after') }], rows),
    more,
  );
}

function metrics(d: CardDiff, n: number): Md | null {
  if (d.metrics.length === 0) return null;
  const { shown, more } = limited(d.metrics, n);
  const rows = shown.map((m) => [
    text(m.metric, 60),
    num(m.baseline),
    num(m.candidate),
    signed(m.delta),
    interval(m.ci),
  ]);
  const right = 'right' as const;
  return blocks(
    raw('**Metrics on the card**'),
    table(
      [
        { header: raw('metric') },
        { header: raw('baseline'), align: right },
        { header: raw('candidate'), align: right },
        { header: raw('Δ (+ = better)'), align: right },
        { header: raw('CI of Δ') },
      ],
      rows,
    ),
    more,
  );
}

function counts(title: string, items: CardDiff['contract']['opsets'], n: number): Md | null {
  if (items.length === 0) return null;
  const { shown, more } = limited(items, n);
  const value = (x: number | null) => (x === null ? none : count(x));
  const rows = shown.map((c) => [code(c.name, 80), value(c.before), value(c.after)]);
  return blocks(
    raw(`**${title}**`),
    table(
      [
        { header: raw('name') },
        { header: raw('before'), align: 'right' },
        { header: raw('after'), align: 'right' },
      ],
      rows,
    ),
    more,
  );
}

/**
 * A timing as its step of the 1–2–5 grid ("0.05–0.1 ms"): timings vary between runs of the same
 * gate, and a comment that a re-run rewrites for noise hides what changed. The median only (p95
 * is noisier still); report.json keeps the measured p50 and p95.
 */
export function latencyBand(ms: number): string {
  if (!(Number.isFinite(ms) && ms > 0)) return 'n/a';
  const decade = 10 ** Math.floor(Math.log10(ms));
  const steps = [1, 2, 5, 10];
  let i = 0;
  while (i < 2 && ms >= (steps[i + 1] as number) * decade) i++;
  const show = (x: number) => String(Number(x.toPrecision(1)));
  return `${show((steps[i] as number) * decade)}–${show((steps[i + 1] as number) * decade)} ms`;
}

function latency(l: LatencyJson | null): Md {
  if (!l) return raw('not measured');
  return raw(`p50 ${latencyBand(l.p50_ms)} (${count(l.batch_rows)} rows × ${count(l.runs)} runs)`);
}

function contract(d: CardDiff, n: number): Md {
  const c = d.contract;
  const io = [
    ...columnRows(ownColumns(d)),
    ...tensorRows('input', c.inputs),
    ...tensorRows('output', c.outputs),
  ];
  const { shown, more } = limited(io, n);
  const summary = table(
    [{ header: raw('') }, { header: raw('baseline') }, { header: raw('candidate') }],
    [
      [raw('nodes'), count(c.nodes.before), count(c.nodes.after)],
      [raw('size'), raw(formatBytes(c.bytes.before)), raw(formatBytes(c.bytes.after))],
      [raw('producer'), text(c.producer.before, 80), text(c.producer.after, 80)],
      [raw('latency'), latency(c.latency.before), latency(c.latency.after)],
    ],
  );
  return blocks(
    raw('**Contract**'),
    io.length > 0
      ? table(
          [
            { header: raw('') },
            { header: raw('change') },
            { header: raw('name') },
            { header: raw('before') },
            { header: raw('after') },
          ],
          shown,
        )
      : raw('Columns, inputs and outputs unchanged.'),
    more,
    counts('Opsets', c.opsets, n),
    counts('Operators whose count changed', c.operators, n),
    summary,
  );
}

function trainingData(d: CardDiff): Md {
  const t = d.training_data;
  if (!t.changed) return raw('**Training data:** unchanged.');
  const ref = (x: CardDiff['training_data']['before']) =>
    raw(
      `${x.reference === null ? 'unknown' : code(x.reference, 120)}${x.sha256 === null ? '' : ` (sha256 ${code(shortSha(x.sha256))})`}`,
    );
  return raw(`**Training data changed:** ${ref(t.before)} → ${ref(t.after)}.`);
}

export function breakingLine(d: CardDiff): Md | null {
  if (!d.contract.breaking) return null;
  const columns = ownColumns(d).filter((c) => c.change !== 'widened');
  const what = [
    columns.length > 0 ? plural(columns.length, 'column change') : '',
    d.contract.inputs.length > 0 ? plural(d.contract.inputs.length, 'input change') : '',
    d.contract.outputs.length > 0 ? plural(d.contract.outputs.length, 'output change') : '',
    d.contract.opsets.length > 0 ? plural(d.contract.opsets.length, 'opset change') : '',
  ].filter((x) => x.length > 0);
  return raw(
    `> ⚠️ **Breaking contract change** (${what.join(', ') || 'contract changed'}): a serving system will notice.`,
  );
}

function summaryText(d: CardDiff): string {
  return `Model card: ${side(d.baseline.name, d.baseline.version)} → ${side(d.candidate.name, d.candidate.version)} (${plural(d.fields.length, 'field')} changed)`;
}

function render(d: CardDiff, n: number): Md {
  return blocks(
    heading(3, raw('Model card')),
    breakingLine(d),
    details(summaryText(d), blocks(fields(d, n), metrics(d, n), contract(d, n), trainingData(d))),
  );
}

export function cardDiffForms(d: CardDiff | null | undefined): SectionForm[] {
  if (!d) return [{ md: raw('') }];
  return [
    { md: render(d, Number.POSITIVE_INFINITY) },
    { md: render(d, 20), cut: 'model card diff: lists cut to 20 rows' },
    { md: render(d, 5), cut: 'model card diff: lists cut to 5 rows' },
    {
      md: blocks(
        heading(3, raw('Model card')),
        breakingLine(d),
        raw(`${text(summaryText(d), 300)}.`),
      ),
      cut: 'model card diff: summarised in one line',
    },
  ];
}
