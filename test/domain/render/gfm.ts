/**
 * Checks of rendered Markdown through a real GFM parser (micromark + micromark-extension-gfm):
 * the cells of every table row as the parser splits them (its HTML output would hide a broken
 * row by dropping or padding cells), the HTML it renders, `<details>` nesting, Mermaid fences,
 * and what GitHub would link after rendering (mentions, issue references, autolinks).
 */
import { micromark, parse, postprocess, preprocess } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { expect } from 'vitest';

export function toHtml(md: string): string {
  return micromark(md, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: true,
  });
}

export interface TableShape {
  readonly line: number;
  readonly header: number;
  readonly delimiter: number;
  /** Cells per body row. */
  readonly rows: number[];
}

function events(md: string) {
  return postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(md, undefined, true)),
  );
}

/**
 * The tags of the raw HTML the parser let through (HTML blocks and inline HTML), comments as
 * `!--`. GitHub's tag filter (and micromark's gfmHtml) would neutralise `<script>` in the HTML
 * output anyway, so this looks at the parse, which shows every tag that got through.
 */
export function rawHtmlTags(md: string): string[] {
  const tags: string[] = [];
  for (const [kind, token] of events(md)) {
    if (kind !== 'enter' || (token.type !== 'htmlText' && token.type !== 'htmlFlow')) continue;
    const source = md.slice(token.start.offset, token.end.offset);
    for (const m of source.matchAll(/<(!--|\/?[A-Za-z][\w-]*)/g))
      tags.push((m[1] as string).replace(/^\//, '').toLowerCase());
  }
  return tags;
}

/** Every table with the number of cells the parser found in its header, delimiter row and rows. */
export function tableShapes(md: string): TableShape[] {
  const tables: { line: number; header: number; delimiter: number; rows: number[] }[] = [];
  let inHead = false;
  let cells = 0;
  for (const [kind, token] of events(md)) {
    const type = token.type as string;
    if (kind === 'enter' && type === 'table')
      tables.push({ line: token.start.line, header: 0, delimiter: 0, rows: [] });
    const t = tables[tables.length - 1];
    if (!t) continue;
    if (type === 'tableHead') inHead = kind === 'enter';
    if (kind === 'enter' && type === 'tableRow') cells = 0;
    if (kind === 'enter' && (type === 'tableHeader' || type === 'tableData')) cells++;
    if (kind === 'enter' && type === 'tableDelimiter') t.delimiter++;
    if (kind === 'exit' && type === 'tableRow') {
      if (inHead) t.header = cells;
      else t.rows.push(cells);
    }
  }
  return tables;
}

/** Tables whose delimiter row or any body row has another cell count than the header. */
export function brokenTables(md: string): TableShape[] {
  return tableShapes(md).filter(
    (t) => t.delimiter !== t.header || t.rows.some((n) => n !== t.header),
  );
}

const ALLOWED_TAGS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'code',
  'pre',
  'br',
  'ul',
  'li',
  'blockquote',
  'details',
  'summary',
  'sub',
]);

/** Tags in the HTML that a renderer of ours does not write (raw HTML or links let through). */
export function foreignTags(html: string): string[] {
  const found = Array.from(html.matchAll(/<\/?([A-Za-z][\w-]*)/g), (m) =>
    (m[1] as string).toLowerCase(),
  );
  return [...new Set(found.filter((t) => !ALLOWED_TAGS.has(t)))];
}

/** Every `<details>` closed, every `<summary>` inside one, in order. */
export function detailsBalanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)(details|summary)\b[^>]*>/g)) {
    const [, close, tag] = m;
    if (!close) {
      if (tag === 'summary' && stack[stack.length - 1] !== 'details') return false;
      stack.push(tag as string);
    } else if (stack.pop() !== tag) return false;
  }
  return stack.length === 0;
}

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The visible text outside `<code>` and `<pre>` (where GitHub links nothing), tags removed. */
export function linkableText(html: string): string {
  return decode(
    html
      .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
}

/**
 * What GitHub would link in text: @user and @org/team mentions, #123, org/repo#123 and GH-123
 * references, bare URLs and www. links (its patterns, simplified to be stricter).
 */
export function linkables(html: string): string[] {
  const t = linkableText(html);
  const patterns = [
    /(?:^|\W)@[A-Za-z0-9][\w-]*/g,
    /#\d+/g,
    /\bGH-\d+/gi,
    /\b(?:https?|ftp):\/\//gi,
    /\bwww\./gi,
  ];
  return patterns.flatMap((p) => Array.from(t.matchAll(p), (m) => m[0].trim()));
}

/** The sources of the ```mermaid blocks, and how many xycharts sit outside one. */
export function mermaidBlocks(html: string): { fenced: number; loose: number; sources: string[] } {
  const sources = Array.from(
    html.matchAll(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g),
    (m) => decode(m[1] as string).replace(/\n$/, ''),
  );
  const all = (html.match(/xychart-beta/g) ?? []).length;
  return { fenced: sources.length, loose: all - sources.length, sources };
}

const QUOTED = String.raw`"[^"\n]*"`;
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d+)?|\.\d+)`;
const XY_LINE = [
  /^xychart-beta(?: horizontal)?$/,
  new RegExp(`^  title ${QUOTED}$`),
  new RegExp(
    String.raw`^  x-axis(?: ${QUOTED})?(?: \[${QUOTED}(?:, ${QUOTED})*\]| ${NUMBER} --> ${NUMBER})?$`,
  ),
  new RegExp(`^  y-axis(?: ${QUOTED})?(?: ${NUMBER} --> ${NUMBER})?$`),
  new RegExp(String.raw`^  (?:bar|line)(?: ${QUOTED})? \[${NUMBER}(?:, ${NUMBER})*\]$`),
];

/**
 * Lines of an xychart source that Mermaid's grammar (xychart.jison) would not read as we mean:
 * quoted texts hold no quote, backtick or `%%`, numbers have no exponent.
 */
export function badMermaidLines(source: string): string[] {
  return source
    .split('\n')
    .filter(
      (line) => !XY_LINE.some((re) => re.test(line)) || /%%|`/.test(line) || /#\w+;/.test(line),
    );
}

/** Raw HTML our renderers write themselves: the marker comment, `<details>`, `<sub>`, `<code>`. */
const OWN_TAGS = new Set(['!--', 'details', 'summary', 'sub', 'code']);

/**
 * Everything a rendered comment must satisfy, asserted: every table row has its header's cell
 * count, every `<details>` closes, no raw HTML but our own tags, nothing GitHub would link or
 * mention, every xychart fenced as mermaid and readable by Mermaid's grammar. Returns the HTML.
 */
export function checkGfm(md: string): string {
  expect(brokenTables(md), 'tables whose rows differ from their header').toEqual([]);
  const html = toHtml(md);
  expect(detailsBalanced(html), '<details> and <summary> balanced').toBe(true);
  expect(
    rawHtmlTags(md).filter((t) => !OWN_TAGS.has(t)),
    'raw HTML let through',
  ).toEqual([]);
  expect(foreignTags(html), 'tags in the HTML').toEqual([]);
  expect(linkables(html), 'text GitHub would link').toEqual([]);
  const charts = mermaidBlocks(html);
  expect(charts.loose, 'xycharts outside a mermaid fence').toBe(0);
  for (const source of charts.sources)
    expect(badMermaidLines(source), 'xychart lines Mermaid would misread').toEqual([]);
  return html;
}
