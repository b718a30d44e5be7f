/**
 * Mermaid `xychart-beta` charts (bar and line series over a band or numeric x-axis), fenced as
 * ```mermaid so GitHub draws them. Syntax, from Mermaid's xychart grammar (xychart.jison):
 *
 *   xychart-beta
 *     title "…"
 *     x-axis "title" ["a", "b", …]        or   x-axis "title" min --> max
 *     y-axis "title" min --> max
 *     bar "series" [1, 2.5, …]            line "series" [.5, -3, …]
 *
 * A quoted text runs to the next `"`, with no escape, so labels lose their quotes; "`…`" opens
 * a Markdown string, so backticks go too. `%%` starts a comment or an init directive (which
 * Mermaid looks for anywhere in the text), and `#name;` is read as an entity: both are broken
 * with a zero-width space. Numbers match `[+-]?(\d+(\.\d+)?|\.\d+)`: no exponent, no NaN — they
 * are written in fixed notation, and a value that is not finite is drawn as 0.
 */
import { fence } from './blocks.js';
import { type Md, oneLine, ZWSP } from './escape.js';

export interface BandAxis {
  readonly title?: string;
  readonly labels: readonly string[];
}

export interface RangeAxis {
  readonly title?: string;
  readonly min: number;
  readonly max: number;
}

export interface Series {
  readonly kind: 'bar' | 'line';
  readonly title?: string;
  readonly values: readonly number[];
}

export interface XyChart {
  readonly title?: string;
  readonly horizontal?: boolean;
  readonly x: BandAxis | RangeAxis;
  /** Range omitted: Mermaid fits the axis to the data. */
  readonly y: { readonly title?: string; readonly min?: number; readonly max?: number };
  readonly series: readonly Series[];
}

const LABEL_MAX = 40;

/** A label inside Mermaid quotes (the quotes included). */
export function mermaidText(value: string, max = LABEL_MAX): string {
  const clean = oneLine(value, max)
    .replace(/["`]/g, "'")
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/%(?=%)/g, `%${ZWSP}`)
    .replace(/[#&](?=[\p{L}\p{N}])/gu, (c) => `${c}${ZWSP}`)
    .trim();
  return `"${clean.length > 0 ? clean : '(empty)'}"`;
}

/** A number in the notation Mermaid's lexer reads: fixed, at most 6 decimals. */
export function mermaidNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const clamped = Math.max(-1e15, Math.min(1e15, value));
  const fixed = clamped.toFixed(6).replace(/\.?0+$/, '');
  return fixed === '-0' || fixed === '' ? '0' : fixed;
}

/** Band labels, made distinct (Mermaid would draw two equal labels on one band). */
function bandLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const base = mermaidText(label);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base.slice(0, -1)} (${n})"`;
  });
}

function axisLine(name: 'x-axis' | 'y-axis', axis: XyChart['x'] | XyChart['y']): string | null {
  const title = axis.title !== undefined ? ` ${mermaidText(axis.title, 60)}` : '';
  if ('labels' in axis) {
    if (axis.labels.length === 0) return title.length > 0 ? `  ${name}${title}` : null;
    return `  ${name}${title} [${bandLabels(axis.labels).join(', ')}]`;
  }
  if (axis.min === undefined || axis.max === undefined)
    return title.length > 0 ? `  ${name}${title}` : null;
  let { min, max } = axis;
  if (!(Number.isFinite(min) && Number.isFinite(max)))
    return title.length > 0 ? `  ${name}${title}` : null;
  if (max <= min) max = min + 1;
  return `  ${name}${title} ${mermaidNumber(min)} --> ${mermaidNumber(max)}`;
}

/** The chart's source, without the fence. */
export function xyChartSource(chart: XyChart): string {
  const points =
    'labels' in chart.x && chart.x.labels.length > 0 ? chart.x.labels.length : undefined;
  const lines = [`xychart-beta${chart.horizontal ? ' horizontal' : ''}`];
  if (chart.title !== undefined) lines.push(`  title ${mermaidText(chart.title, 80)}`);
  const x = axisLine('x-axis', chart.x);
  if (x) lines.push(x);
  const y = axisLine('y-axis', chart.y);
  if (y) lines.push(y);
  for (const s of chart.series) {
    const n = points ?? s.values.length;
    const values = Array.from({ length: Math.max(1, n) }, (_, i) => s.values[i] ?? 0);
    const title = s.title !== undefined ? ` ${mermaidText(s.title, 60)}` : '';
    lines.push(`  ${s.kind}${title} [${values.map(mermaidNumber).join(', ')}]`);
  }
  return lines.join('\n');
}

/** The chart as a ```mermaid block. */
export function xyChart(chart: XyChart): Md {
  return fence(xyChartSource(chart), 'mermaid');
}
