/**
 * Text from files (column names, categories, card text, doc strings, paths) made inert in
 * GitHub-flavoured Markdown. `Md` marks a string that is already safe Markdown: the builders in
 * this folder take `Md`, so text reaches a comment only through `text`, `code` or `raw`.
 *
 * What GitHub does, and what stops it:
 * - raw HTML: `<`, `>` and `&` become entity references (an entity such as `&#64;` in the input
 *   would otherwise decode to `@`);
 * - tables: `|` becomes `&#124;` — the cell splitter looks for a literal pipe only — and `\`
 *   becomes `&#92;`, so no backslash can escape a pipe or another backslash (`\|` escaped
 *   again as `\\|` ends a cell on GitHub: the bug of the old escape);
 * - @mentions, #123 / org/repo#123 / GH-123 references, commit SHAs, URL and e-mail autolinks:
 *   GitHub links them after rendering, on the HTML text, so a backslash or an entity does not
 *   help; a zero-width space (U+200B) after `@`, `#`, inside the SHA and before `://` or after
 *   `www` does (the fix dependabot, renovate and GitHub's own markup issue #1168 settle on);
 * - emphasis, links, code, strikethrough: `*`, `_`, `` ` ``, `~`, `[`, `]` are backslash-escaped,
 *   `$` (math) becomes `&#36;`, and block syntax at the start (`#`, `-`, `+`, `=`, `1.`) is escaped;
 * - line breaks and control characters become spaces; bidi overrides are dropped;
 * - length: at most `max` characters of the input are kept, then a visible `…`.
 */

export type Md = string & { readonly __markdown: unique symbol };

/** Markdown written by this program (never text from a file). */
export function raw(markdown: string): Md {
  return markdown as Md;
}

export const ZWSP = '\u200b';
export const ELLIPSIS = '…';
export const DEFAULT_MAX = 200;

const NEWLINES = /\r\n|[\n\r\u0085\u2028\u2029]/g;
/** C0 and C1 controls, DEL (tabs too: a tab in a cell is a space). */
const CONTROLS = /\p{Cc}/gu;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line, no control or bidi characters, at most `max` code points (then `…`). */
export function oneLine(value: string, max = DEFAULT_MAX): string {
  // Look at a prefix only: a 100 kB cell costs no more than a short one.
  const head = value.length > max * 4 + 8 ? value.slice(0, max * 4 + 8) : value;
  const clean = head.replace(NEWLINES, ' ').replace(CONTROLS, ' ').replace(BIDI, '');
  const points = Array.from(clean);
  if (points.length <= max && head.length === value.length) return clean;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}${ELLIPSIS}`;
}

/** Breaks what GitHub would turn into a mention, a reference or a link. */
export function unlink(value: string): string {
  return value
    .replace(/@(?=[\p{L}\p{N}_])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/\b[0-9a-f]{7,40}\b/gi, (h) =>
      /\d/.test(h) && /[a-f]/i.test(h) ? `${h.slice(0, 6)}${ZWSP}${h.slice(6)}` : h,
    )
    .replace(/([a-z][a-z0-9+.-]*)(?=:\/\/)/gi, `$1${ZWSP}`)
    .replace(/\b(www)(?=\.)/gi, `$1${ZWSP}`)
    .replace(/\b(mailto|xmpp)(?=:)/gi, `$1${ZWSP}`);
}

const MARKDOWN: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '\\': '&#92;',
  $: '&#36;',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '~': '\\~',
  '[': '\\[',
  ']': '\\]',
};

/** Block syntax a line could start with: a heading, a list item, a thematic break, a setext underline. */
function escapeStart(value: string): string {
  const spaces = /^[ \t]+/.exec(value)?.[0] ?? '';
  let rest = value.slice(spaces.length);
  if (/^#{1,6}(?=\s|$)|^[-+](?=\s|$)|^(?:-[ \t]*){3,}$|^=+[ \t]*$/.test(rest)) rest = `\\${rest}`;
  else rest = rest.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  return '&#32;'.repeat(spaces.length) + rest;
}

/** File text as inline Markdown: inert anywhere a paragraph or a table cell holds text. */
export function text(value: string, max = DEFAULT_MAX): Md {
  const line = oneLine(value, max);
  const escaped = unlink(line).replace(/[&<>|\\$`*_~[\]]/g, (c) => MARKDOWN[c] ?? c);
  return raw(escapeStart(escaped));
}

/** File text for an HTML context, such as `<summary>` (HTML blocks are not Markdown). */
export function htmlText(value: string, max = DEFAULT_MAX): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
  };
  return unlink(oneLine(value, max)).replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * File text as inline code. A backtick span needs a fence longer than any backtick run in it;
 * a pipe inside a table needs `\|` even in code, which reads `\|` outside one: text with a
 * pipe becomes `<code>` with escaped text instead, right in both places.
 */
export function code(value: string, max = DEFAULT_MAX): Md {
  const line = oneLine(value, max);
  if (line.length === 0) return raw('');
  if (line.includes('|')) return raw(`<code>${text(line, max + 1)}</code>`);
  const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad =
    line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' '))
      ? ' '
      : '';
  return raw(`${fence}${pad}${line}${pad}${fence}`);
}
