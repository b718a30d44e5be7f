/**
 * Card text made inert in GitHub-flavoured Markdown. A card's strings come from a YAML file and
 * from a model's metadata, so any of them may hold HTML, a table pipe, a backtick or a mention.
 * Here each string becomes text that renders as itself and does nothing else:
 *
 * - bounded: cut at a limit, with a visible note of how much was cut (the front matter keeps all);
 * - one line: line breaks and control characters become spaces, runs of spaces one space, so no
 *   text starts a block (heading, list, quote, code block, table row) of its own;
 * - the marks Markdown gives a meaning to are backslash-escaped in one pass (so an escape is
 *   never escaped again: `|` → `\|`, not `\\|`), and `<` `>` `&` become entities: no raw HTML,
 *   autolink, emphasis, link, image, math, strikethrough or table break;
 * - `@name` and `#123` get a zero-width space after the sign, so GitHub neither notifies a user
 *   or team nor links an issue (the text still reads the same); an e-mail address is left whole,
 *   as GitHub mentions only after a non-word character;
 * - a bare http(s) or www. address stays a link (GFM makes it one): its text is its target. This
 *   is where a card differs from the PR comment (render/markdown/escape.ts breaks links too): a
 *   card is a document of the repository, and its references are meant to be followed.
 */

/** Longest table cell and longest paragraph, in characters of the original text. */
export const CELL_MAX = 200;
export const TEXT_MAX = 2000;

const ZWSP = '\u200b';

/** `text` cut to at most `max` characters (never inside a surrogate pair), with a note. */
export function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)} … [cut: ${text.length - end} more characters]`;
}

/** One line: any line break, control character or run of spaces becomes one space. */
function oneLine(text: string): string {
  // Bidi controls go too: they can make text display in another order than it reads.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * The marks that mean something anywhere in a line. `(`, `!`, `:` and the like only mean
 * something after a `[` or `<`, which are escaped, so they are left as they are; `-`, `+`, `=`
 * and `1.` only at the start of a line, so only there.
 */
const MARKS = /[\\`*_[\]<>&|~$#]/g;

function escapeMarks(text: string): string {
  return text
    .replace(MARKS, (mark) => ENTITIES[mark] ?? `\\${mark}`)
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
    .replace(/(?<![A-Za-z0-9_])@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`);
}

/** Text for a paragraph, list item or heading: bounded, one line, inert. */
export function inline(text: string, max = TEXT_MAX): string {
  return escapeMarks(oneLine(bound(text, max)));
}

/** Text for a table cell: as inline, shorter, and never empty (an empty cell reads as a gap). */
export function cell(text: string, max = CELL_MAX): string {
  const escaped = inline(text, max);
  return escaped === '' ? '—' : escaped;
}

/**
 * A code span (for names, types and hashes) that no backtick in the text can close early. In a
 * table a `|` is written `\|`, which GFM reads as a pipe even inside a code span; a backslash
 * right before it would turn that into a cell break, so text with a backslash is shown as plain
 * escaped text instead.
 */
export function code(text: string, options: { table?: boolean; max?: number } = {}): string {
  const line = oneLine(bound(text, options.max ?? CELL_MAX));
  if (line === '') return options.table ? '—' : '';
  if (options.table && line.includes('\\')) return escapeMarks(line);
  const content = options.table ? line.replace(/\|/g, '\\|') : line;
  const longest = Math.max(0, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
