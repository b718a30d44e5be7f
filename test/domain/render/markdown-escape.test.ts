/**
 * Escaping of file text, checked through a real GFM parser: the text comes out of the HTML as
 * it went in (less what was bounded), and nothing in it becomes a tag, a link, a mention, a
 * reference, emphasis, a new cell or a new block.
 */
import { describe, expect, it } from 'vitest';
import {
  code,
  htmlText,
  raw,
  table,
  text,
  ZWSP,
} from '../../../src/domain/render/markdown/index.js';
import { brokenTables, foreignTags, linkables, linkableText, rawHtmlTags, toHtml } from './gfm.js';
import { HOSTILE } from './hostile.js';

/** The text as a reader sees it: the parser's output, tags and zero-width spaces removed. */
function seen(md: string): string {
  return linkableText(toHtml(md)).replaceAll(ZWSP, '').replace(/\s+/g, ' ').trim();
}

describe('text', () => {
  it.each(HOSTILE)('renders %j inert', (hostile) => {
    const md = text(hostile);
    const html = toHtml(md);
    expect(rawHtmlTags(md)).toEqual([]);
    expect(foreignTags(html)).toEqual([]);
    expect(linkables(html)).toEqual([]);
    expect(html).not.toMatch(/<(strong|em|del|h\d|li|ul|ol|hr|blockquote|pre|code|img|a)\b/);
    expect(md).not.toMatch(/[\r\n]/);
  });

  it('keeps what the reader sees', () => {
    const plain = (s: string) =>
      s
        .replace(/[\r\n]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    for (const hostile of HOSTILE.filter((h) => !h.includes('\u202e')))
      expect(seen(text(hostile))).toBe(plain(hostile));
  });

  it('keeps a table cell a cell: the old `\\\\|` bug', () => {
    const cells = ['a | b', 'a \\| b', 'back\\', '\\', '|', '\\|\\\\|'];
    const md = table(
      [{ header: raw('x') }, { header: raw('y') }],
      cells.map((c) => [text(c), code(c)]),
    );
    expect(brokenTables(md)).toEqual([]);
    const html = toHtml(md);
    for (const c of cells) expect(html.replaceAll('&amp;', '&')).toContain(c.replaceAll('&', '&'));
  });

  it('is bounded, with a visible ellipsis', () => {
    const long = 'x'.repeat(100_000);
    const md = text(long);
    expect(md.length).toBe(200);
    expect(md.endsWith('…')).toBe(true);
    expect(text(long, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(text('short', 10)).toBe('short');
    // A surrogate pair is one character and is never split.
    expect(Array.from(text('😀'.repeat(50), 10))).toHaveLength(10);
  });

  it('leaves plain text alone', () => {
    expect(text('MonthlyCharges')).toBe('MonthlyCharges');
    expect(text('0.1.0')).toBe('0.1.0');
    expect(text('Month-to-month')).toBe('Month-to-month');
    expect(text('(24, 72]')).toBe('(24, 72\\]');
  });
});

describe('code', () => {
  it.each(HOSTILE)('renders %j inert as code', (hostile) => {
    const md = code(hostile);
    const html = toHtml(md);
    expect(rawHtmlTags(md).filter((t) => t !== 'code')).toEqual([]);
    expect(foreignTags(html)).toEqual([]);
    expect(linkables(html)).toEqual([]);
    expect(html).toMatch(/^<p><code>/);
  });

  it('is not closed early by backticks', () => {
    for (const s of ['`', '``', 'a`b', '`a`', 'x ```` y']) {
      const html = toHtml(code(s));
      expect(html).toMatch(/^<p><code>[^<]*<\/code><\/p>$/);
      expect(seen(code(s))).toBe('');
      expect(html.replace(/^<p><code>|<\/code><\/p>$/g, '')).toBe(s);
    }
  });
});

describe('htmlText', () => {
  it('is inert in an HTML block', () => {
    for (const hostile of HOSTILE) {
      const md = `<details>\n<summary>${htmlText(hostile)}</summary>\n\nbody\n\n</details>`;
      const html = toHtml(md);
      expect(rawHtmlTags(md)).toEqual(['details', 'summary', 'summary', 'details']);
      expect(foreignTags(html)).toEqual([]);
      expect(linkables(html)).toEqual([]);
    }
  });
});

describe('the checks themselves', () => {
  it('catch raw HTML, links, mentions, references and broken rows', () => {
    expect(rawHtmlTags('<img src=x onerror=alert(1)> <script>x</script>')).toEqual([
      'img',
      'script',
      'script',
    ]);
    expect(foreignTags(toHtml('<img src=x onerror=alert(1)>'))).toEqual(['img']);
    expect(foreignTags(toHtml('see https://evil.example'))).toEqual(['a']);
    expect(linkables(toHtml('cc @octocat and @org/team, #12, GH-3'))).toEqual([
      '@octocat',
      '@org',
      '#12',
      'GH-3',
    ]);
    expect(linkables(toHtml('`@octocat` #'))).toEqual([]);
    // The old escape turned `|` into `\|` and then escaped that backslash: `\\|` ends the cell.
    expect(brokenTables('| a | b |\n| --- | --- |\n| x \\\\| y | z |')).toHaveLength(1);
    expect(brokenTables('| a | b |\n| --- | --- |\n| x \\| y | z |')).toEqual([]);
  });
});
