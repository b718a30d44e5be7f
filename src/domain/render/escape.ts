/**
 * Text from files (column names, class labels, model doc strings) made inert in Markdown:
 * no raw HTML, no table broken by `|` or a line break, no @mention or #reference that pings.
 */
export function escapeCell(text: string, max = 200): string {
  const bounded = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return bounded
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** Inline code that cannot be closed early by a backtick in the text. */
export function code(text: string, max = 200): string {
  const bounded = (text.length > max ? `${text.slice(0, max - 1)}…` : text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '¦');
  const longest = Math.max(0, ...Array.from(bounded.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = bounded.startsWith('`') || bounded.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${bounded}${pad}${fence}`;
}
