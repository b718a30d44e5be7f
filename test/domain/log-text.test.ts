/**
 * Text for a CI log made inert: no line may start a workflow command once the runner has trimmed
 * its leading white space (actions/runner ActionCommand.TryParseV2), none may hold the older
 * `##[` form, and control characters are escaped; everything else reads as it was.
 */
import { describe, expect, it } from 'vitest';
import { logGuard, neutraliseLog } from '../../src/domain/log-text.js';

/** What the runner would take for a command, line by line. */
function commands(text: string): string[] {
  return text.split('\n').filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['));
}

describe('neutraliseLog', () => {
  it.each([
    ['x\n::error title=pwned::injected\n::add-mask::age', 2],
    ['::stop-commands::token', 1],
    ['  \t::warning::indented', 1],
    ['\u00a0\u2003::notice::unicode blank first', 1],
    ['##[set-output name=a;]b', 1],
    ['prefix ##[error]mid-line', 1],
    ['::', 1],
  ])('defuses %j', (input, found) => {
    expect(commands(input)).toHaveLength(found);
    const out = neutraliseLog(input);
    expect(commands(out)).toEqual([]);
    // The reader sees the same text: only zero-width spaces were added.
    expect(out.replace(/\u200b/g, '')).toBe(input);
  });

  it.each([
    ['a\rb', 'a\\rb'],
    ['\x1b[31mred\x1b[0m', '\\x1b[31mred\\x1b[0m'],
    ['nul\0', 'nul\\0'],
    ['next line\u0085', 'next line\\x85'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
    ['left\u202eright', 'left\\u202eright'],
  ])('escapes control characters in %j', (input, expected) => {
    expect(neutraliseLog(input)).toBe(expected);
  });

  it.each([
    'model-gate: PASS — 4 rules passed',
    'reading holdout.csv: 50% (1,055 of 2,110 rows)',
    '  roc_auc   0.8412  [0.8190, 0.8620]',
    'a: b :: c',
    '# heading ## two [link]',
    // Zero-width characters stay (our Markdown uses them). A line that starts with one is no
    // command: the runner reads the name from the third character, here ':' or 'e'.
    '\u200b:\u200b:error::x',
    '#\u2060#[x]',
  ])('leaves ordinary output alone: %j', (line) => {
    expect(neutraliseLog(line)).toBe(line);
  });
});

describe('logGuard', () => {
  it('follows a line across writes', () => {
    const guard = logGuard();
    const pieces = ['column ', 'x\n', ' ', ':', ':error::split', ' across writes\n#', '#', '[x]\n'];
    const out = pieces.map(guard).join('');
    expect(commands(out)).toEqual([]);
    expect(out.replace(/\u200b/g, '')).toBe(pieces.join(''));
  });

  it('knows a line that started with text is no command', () => {
    const guard = logGuard();
    expect(guard('value ') + guard('::x')).toBe('value ::x');
  });
});
