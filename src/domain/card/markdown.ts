/**
 * MODEL_CARD.md: the front matter (front-matter.ts) holds the card as data, the body shows it to
 * people — details, the ONNX inputs and outputs, the metrics with their intervals by slice, what
 * serving it costs and needs (when a gate measured it), and the considerations. Every string of the card goes through escape.ts, so a card cannot inject
 * HTML, break a table, or ping anyone on GitHub, and a long field or list is cut with a note
 * (the front matter keeps it whole). cardToJson is the same card for report.json and tools.
 */
import type { Task } from '../task.js';
import { bound, CELL_MAX, cell, code, inline, TEXT_MAX } from './escape.js';
import { frontMatter, readFrontMatter } from './front-matter.js';
import type { CardMetric, CardServing, CardTensor, ModelCard } from './schema.js';

/** Rows of a table, and items of a list, shown before the rest is counted. */
const MAX_ROWS = 200;
const MAX_ITEMS = 50;
/** Characters of one list item, and of the whole overview. */
const ITEM_MAX = 500;
const OVERVIEW_MAX = 2 * TEXT_MAX;

export interface CardMarkdownOptions {
  /** The model's task, for the Hub's task type; by default derived from the metric names. */
  readonly task?: Task | undefined;
  /** The registry version the card is stored under (`<model>@v<semver>`), when promoted. */
  readonly version?: string | undefined;
}

function number(value: number | null): string {
  if (value === null) return 'n/a';
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e6)) return value.toPrecision(4);
  return size >= 1000
    ? value.toLocaleString('en-US', { maximumFractionDigits: 1 })
    : value.toFixed(4);
}

function more(hidden: number, what: string): string[] {
  return hidden > 0 ? [`… and ${hidden} more ${what}, in the front matter.`] : [];
}

function list(items: readonly string[]): string[] {
  if (items.length === 0) return ['_None given._'];
  const shown = items.slice(0, MAX_ITEMS).map((item) => `- ${inline(item, ITEM_MAX)}`);
  return [...shown, ...more(items.length - MAX_ITEMS, 'items')];
}

function table(head: readonly string[], rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.slice(0, MAX_ROWS).map(line),
    ...(rows.length > MAX_ROWS ? ['', ...more(rows.length - MAX_ROWS, 'rows')] : []),
  ];
}

function shape(tensor: CardTensor): string {
  if (tensor.shape === null) return '—';
  const dims = tensor.shape.map((d) => (d === null ? '?' : String(d)));
  return code(`[${dims.join(', ')}]`, { table: true });
}

function tensors(title: string, items: readonly CardTensor[]): string[] {
  const rows = items.map((t) => [
    code(t.name, { table: true }),
    code(t.type, { table: true }),
    shape(t),
  ]);
  return [
    `### ${title}`,
    '',
    ...(rows.length > 0 ? table(['Name', 'Type', 'Shape'], rows) : ['_None._']),
  ];
}

function details(card: ModelCard): string[] {
  const d = card.model_details;
  const owners = d.owners
    .map((o) => (o.contact !== undefined ? `${o.name} (${o.contact})` : o.name))
    .join('; ');
  const rows = [
    ['Name', cell(d.name)],
    ['Version', cell(d.version ?? '')],
    ['Date', cell(d.date ?? '')],
    ['License', cell(d.license ?? '')],
    ['Owners', cell(owners, CELL_MAX * 2)],
  ];
  const references =
    d.references.length > 0 ? ['', '**References**', '', ...list(d.references)] : [];
  return ['## Model details', '', ...table(['Field', 'Value'], rows), ...references];
}

function parameters(card: ModelCard): string[] {
  const p = card.model_parameters;
  const { reference, sha256 } = p.training_data;
  const training = [
    ...(reference !== null ? [inline(reference, CELL_MAX)] : []),
    ...(sha256 !== null ? [`sha256 ${code(sha256)}`] : []),
  ];
  return [
    '## Model parameters',
    '',
    `**Architecture:** ${p.architecture !== null ? inline(p.architecture) : '_not given_'}`,
    '',
    `**Training data:** ${training.length > 0 ? training.join(', ') : '_not given_'}`,
    '',
    ...tensors('Inputs', p.input_format),
    '',
    ...tensors('Outputs', p.output_format),
    ...(p.scores ? ['', `**Scores:** ${inline(p.scores)}`] : []),
  ];
}

/** Overall metrics first, then each slice's, slices in the order they first appear. */
function bySlice(metrics: readonly CardMetric[]): CardMetric[] {
  const slices = [...new Set(metrics.map((m) => m.slice))];
  const order = [null, ...slices.filter((s) => s !== null)];
  return order.flatMap((slice) => metrics.filter((m) => m.slice === slice));
}

function analysis(card: ModelCard): string[] {
  const { dataset, metrics } = card.quantitative_analysis;
  const data =
    dataset === null
      ? '_not given_'
      : `${inline(dataset.name, CELL_MAX)}, ${dataset.rows.toLocaleString('en-US')} rows, sha256 ${code(dataset.sha256)}`;
  const rows = bySlice(metrics).map((m) => [
    code(m.name, { table: true }),
    m.slice === null ? 'overall' : cell(m.slice),
    number(m.value),
    m.ci === null ? '—' : `[${number(m.ci[0])}, ${number(m.ci[1])}]`,
  ]);
  const body =
    rows.length > 0 ? table(['Metric', 'Slice', 'Value', 'Interval'], rows) : ['_No metrics._'];
  return ['## Quantitative analysis', '', `**Dataset:** ${data}`, '', ...body];
}

/** A request column's range: whole numbers as they are, other numbers as the card shows them. */
function range(c: CardServing['request'][number]): string {
  if (c.minimum === null || c.maximum === null) return '—';
  const show = c.type === 'integer' ? String : number;
  return `[${show(c.minimum)}, ${show(c.maximum)}]`;
}

function serving(s: CardServing): string[] {
  const threads =
    s.threads === null
      ? ''
      : ` onnxruntime ran on ${s.threads} intra-op thread${s.threads === 1 ? '' : 's'}.`;
  const latency = s.latency.map((l) => [
    String(l.batch_rows),
    String(l.runs),
    number(l.p50_ms),
    number(l.p95_ms),
  ]);
  const memory = s.memory.map((m) => [
    String(m.batch_rows),
    number(m.peak_mb),
    number(m.resident_mb),
  ]);
  const request = s.request.map((c) => [
    code(c.name, { table: true }),
    c.type,
    range(c),
    c.categories === null ? (c.type === 'string' ? 'any text' : '—') : String(c.categories),
    c.nullable ? 'yes' : 'no',
  ]);
  return [
    '## Serving',
    '',
    `Measured by model-gate on its runner. The ONNX file is ${number(s.file_mb)} MiB.${threads}`,
    '',
    '### Latency',
    '',
    ...(latency.length > 0
      ? table(['Rows a run', 'Runs', 'p50 (ms)', 'p95 (ms)'], latency)
      : ['_Not measured._']),
    '',
    ...(memory.length > 0
      ? [
          '### Memory',
          '',
          ...table(['Rows a run', 'Peak (MiB)', 'Held after the runs (MiB)'], memory),
          '',
        ]
      : []),
    '### Request',
    '',
    ...(request.length > 0
      ? [
          'The columns one request row holds (contract.json holds them as a JSON Schema, with the categories):',
          '',
          ...table(['Column', 'Type', 'Range', 'Categories', 'May be empty'], request),
        ]
      : ['_No columns known._']),
  ];
}

function considerations(card: ModelCard): string[] {
  const c = card.considerations;
  const risks = c.ethical_considerations.map((r) =>
    r.mitigation_strategy !== undefined
      ? `${r.name} — mitigation: ${r.mitigation_strategy}`
      : r.name,
  );
  const section = (title: string, items: readonly string[]) => [
    `### ${title}`,
    '',
    ...list(items),
    '',
  ];
  return [
    '## Considerations',
    '',
    ...section('Intended use', c.intended_use),
    ...section('Users', c.users),
    ...section('Use cases', c.use_cases),
    ...section('Limitations', c.limitations),
    ...section('Ethical considerations', risks),
  ];
}

function overview(text: string | null): string[] {
  if (text === null) return [];
  // Bounded as a whole, so that a hundred short paragraphs are cut like one long one.
  const paragraphs = bound(text, OVERVIEW_MAX)
    .split(/\n\s*\n/)
    .map((p) => inline(p, Number.POSITIVE_INFINITY))
    .filter((p) => p !== '');
  return paragraphs.flatMap((p) => [p, '']);
}

/** MODEL_CARD.md: Hugging Face front matter holding the card, then the card for people. */
export function cardToMarkdown(card: ModelCard, options: CardMarkdownOptions = {}): string {
  const lines = [
    `# Model card: ${inline(card.model_details.name, CELL_MAX)}`,
    '',
    ...(options.version ? [`Registered as \`${inline(options.version, CELL_MAX)}\`.`, ''] : []),
    ...overview(card.model_details.overview),
    ...details(card),
    '',
    ...parameters(card),
    '',
    ...analysis(card),
    '',
    ...(card.serving ? [...serving(card.serving), ''] : []),
    ...considerations(card),
    '_Written by model-gate. The front matter holds this card as data, under `model_card:`._',
  ];
  return `${frontMatter(card, options.task)}\n${lines.join('\n')}\n`;
}

/** The card back from a MODEL_CARD.md that cardToMarkdown wrote (or one edited to the schema). */
export function parseCardMarkdown(markdown: string, source = 'MODEL_CARD.md'): ModelCard {
  return readFrontMatter(markdown, source);
}

/** The card as JSON (two-space indent, trailing newline), for report.json and other tools. */
export function cardToJson(card: ModelCard): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}
