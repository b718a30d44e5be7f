/**
 * Block builders for GitHub-flavoured Markdown: tables whose rows always have the header's
 * column count, `<details>` blocks that always close, fenced code that its content cannot close.
 * Blocks are joined with blank lines, so each one starts a new block whatever came before.
 */
import { htmlText, type Md, raw } from './escape.js';

export type Align = 'left' | 'right' | 'center' | 'none';

export interface TableColumn {
  readonly header: Md;
  readonly align?: Align;
}

const DELIMITER: Readonly<Record<Align, string>> = {
  left: ':---',
  right: '---:',
  center: ':---:',
  none: '---',
};

/** A cell stays on its row: a stray line break would end the table. */
function cell(value: Md | undefined): string {
  return (value ?? '').replace(/\r\n|[\n\r]/g, ' ').trim();
}

function row(cells: readonly string[]): string {
  return `|${cells.map((c) => (c.length > 0 ? ` ${c} ` : ' ')).join('|')}|`;
}

/**
 * A table: rows with fewer cells than columns are padded with empty cells, longer rows are cut
 * to the header's width. No columns: no table.
 */
export function table(columns: readonly TableColumn[], rows: readonly (readonly Md[])[]): Md {
  if (columns.length === 0) return raw('');
  const width = columns.length;
  const lines = [
    row(columns.map((c) => cell(c.header))),
    row(columns.map((c) => DELIMITER[c.align ?? 'none'])),
  ];
  for (const r of rows) lines.push(row(Array.from({ length: width }, (_, i) => cell(r[i]))));
  return raw(lines.join('\n'));
}

/** Blocks separated by blank lines; empty blocks are left out. */
export function blocks(...parts: readonly (Md | null | undefined | false)[]): Md {
  return raw(parts.filter((p): p is Md => typeof p === 'string' && p.length > 0).join('\n\n'));
}

/** Inline pieces on one line, separated by `separator` (default ` · `). */
export function inline(parts: readonly (Md | null | undefined | false)[], separator = ' · '): Md {
  return raw(parts.filter((p): p is Md => typeof p === 'string' && p.length > 0).join(separator));
}

/** A collapsed block; `summary` is plain text (it sits in an HTML block, where Markdown is not read). */
export function details(summary: string, body: Md, open = false): Md {
  return raw(
    `<details${open ? ' open' : ''}>\n<summary>${htmlText(summary, 300)}</summary>\n\n${body}\n\n</details>`,
  );
}

/** A heading of our own words (`level` 2 to 6). */
export function heading(level: number, title: Md): Md {
  const hashes = '#'.repeat(Math.min(6, Math.max(1, Math.round(level))));
  return raw(`${hashes} ${cell(title)}`);
}

export function bold(value: Md): Md {
  return value.length > 0 ? raw(`**${value}**`) : value;
}

export function italic(value: Md): Md {
  return value.length > 0 ? raw(`_${value}_`) : value;
}

/** Small print (a footer line). */
export function small(value: Md): Md {
  return raw(`<sub>${cell(value)}</sub>`);
}

/** A blockquote of one paragraph. */
export function quote(value: Md): Md {
  return raw(`> ${cell(value)}`);
}

/** A bullet list, one item per line. */
export function list(items: readonly Md[]): Md {
  return raw(items.map((i) => `- ${cell(i)}`).join('\n'));
}

/**
 * Fenced code. The fence is one backtick longer than the longest backtick run in the content
 * (and at least three), so no line of the content can close it; the info string keeps only
 * letters, digits, `-` and `_`.
 */
export function fence(content: string, info = ''): Md {
  const body = content.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  const lang = info.replace(/[^A-Za-z0-9_-]/g, '');
  return raw(`${ticks}${lang}\n${body}\n${ticks}`);
}

/** A hidden HTML comment marker, e.g. `<!-- model-gate:telco -->`; the id keeps `[A-Za-z0-9._:/-]`. */
export function marker(prefix: string, id: string): Md {
  const clean = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._:/-]/g, '-')
      .replace(/-{2,}/g, '-')
      .slice(0, 100);
  return raw(`<!-- ${clean(prefix)}:${clean(id)} -->`);
}

/** The line under a trimmed table. */
export function moreRows(hidden: number, noun = 'rows'): Md {
  return raw(`_… ${hidden.toLocaleString('en-US')} more ${noun}: see the full report._`);
}
