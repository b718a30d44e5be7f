/**
 * Text bound for a CI log, made inert. The GitHub Actions runner reads every line a step prints
 * and executes it as a workflow command when, after its leading whitespace, it starts with `::`
 * (`::add-mask::`, `::error::`, `::stop-commands::` …), or holds the older `##[` form. Column
 * names, slice names, category values and error messages quote a user's files, and a file can
 * hold `x⏎::add-mask::age`. So every line model-gate prints passes through here:
 *
 * - a line whose first non-blank character is `:` gets U+200B (zero-width space) before it —
 *   the runner's TrimStart keeps it (it is not white space), so the line is no command, and a
 *   reader sees the same text;
 * - `##[` becomes `##\u200B[`;
 * - control characters other than line feed and tab are written as escapes (`\r`, `\x1b`,
 *   `\x85`), and so are bidirectional overrides (`\u202e`): a carriage return, an ANSI sequence
 *   or an override from a file cannot redraw or reorder the log.
 *
 * Why that suffices although the runner compares with .NET's culture-aware StartsWith/IndexOf,
 * which ignore zero-width characters (actions/runner ActionCommand.cs): after StartsWith("::")
 * the runner reads the command name from the third character on, so a command needs the
 * trimmed line to begin with two literal colons; the guard's U+200B is then its first
 * character. Likewise a `##[` command needs `##[` literally before the name, which the guard
 * never leaves. The guard's blank set is .NET's char.IsWhiteSpace (TrimStart's), less the
 * control characters it escapes, so it finds the same first character the runner does.
 *
 * Our own output never starts a line with `:` nor uses those characters, so it is unchanged.
 */

const ZWSP = '\u200B';

/** .NET's char.IsWhiteSpace, which the runner's TrimStart uses, minus the control characters. */
function isBlank(ch: string): boolean {
  return (
    ch === ' ' ||
    ch === '\t' ||
    ch === '\u00A0' ||
    ch === '\u1680' ||
    (ch >= '\u2000' && ch <= '\u200A') ||
    ch === '\u2028' ||
    ch === '\u2029' ||
    ch === '\u202F' ||
    ch === '\u205F' ||
    ch === '\u3000'
  );
}

const NAMED: Record<string, string> = {
  '\r': '\\r',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\0': '\\0',
};

/** Bidirectional embeddings, overrides and isolates: they reorder what a reader of the log sees. */
const BIDI = /^[\u202a-\u202e\u2066-\u2069]$/u;

function escapeControl(ch: string): string | null {
  const code = ch.charCodeAt(0);
  const control =
    (code < 0x20 && ch !== '\n' && ch !== '\t') || (code >= 0x7f && code <= 0x9f) || BIDI.test(ch);
  if (!control) return null;
  return (
    NAMED[ch] ??
    (code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * A guard for one output stream: text may arrive in pieces (a line split across writes), so it
 * remembers whether the current line is still blank and how many `#` were just written.
 */
export function logGuard(): (text: string) => string {
  let blank = true;
  let hashes = 0;
  return (text) => {
    let out = '';
    for (const ch of text) {
      if (ch === '\n') {
        out += ch;
        blank = true;
        hashes = 0;
        continue;
      }
      const escaped = escapeControl(ch);
      if (escaped !== null) {
        out += escaped;
        blank = false;
        hashes = 0;
        continue;
      }
      if (blank && isBlank(ch)) {
        out += ch;
        continue;
      }
      if (blank && ch === ':') out += ZWSP;
      else if (ch === '[' && hashes >= 2) out += ZWSP;
      out += ch;
      blank = false;
      hashes = ch === '#' ? hashes + 1 : 0;
    }
    return out;
  };
}

/** One message that starts a line of its own (core.info writes it, then a line end). */
export function neutraliseLog(text: string): string {
  return logGuard()(text);
}
