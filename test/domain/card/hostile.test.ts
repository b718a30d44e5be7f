/**
 * Hostile card text renders inert and bounded. The body of MODEL_CARD.md is parsed with a real
 * GFM parser (micromark + micromark-extension-gfm, raw HTML allowed so that any that got through
 * would show), and the HTML is checked: no tag but the ones the renderer writes, every table row
 * with its columns, each string shown as itself, no @mention or #reference left whole, and a
 * 100 kB field cut with a visible note.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/domain/card/build.js';
import { code, inline } from '../../../src/domain/card/escape.js';
import { cardToMarkdown, parseCardMarkdown } from '../../../src/domain/card/markdown.js';
import type { ModelCard } from '../../../src/domain/card/schema.js';
import { candidateEvaluation, candidateModel } from './fixtures.js';

const HOSTILE = [
  '<script>alert(1)</script><img src=x onerror=alert(1)> <b>bold</b> <!-- hidden -->',
  '@org/team and @someone, see #1 and GH-2 and org/repo#3',
  '| a | b | \\| c',
  '`code` ``two`` *em* _em_ **strong** ~~gone~~ ~sub~ $x^2$ [x](javascript:alert(1)) ![i](x.png)',
  '<https://example.com> &lt;entity&gt; &#64;at \\ backslash [^1] [ ] task',
  '\n# heading\n- item\n> quote\n---\n    code block\n1. one\n===\n',
].join(' ');

const HUGE = 'x'.repeat(100_000);

const base = buildCard({
  sourceName: 'model-card.yml',
  model: candidateModel,
  evaluation: candidateEvaluation,
});

const hostile: ModelCard = {
  ...base,
  model_details: {
    name: HOSTILE,
    version: HOSTILE,
    owners: [{ name: HOSTILE, contact: '@admin' }],
    license: HOSTILE,
    references: [HOSTILE, HUGE],
    date: null,
    overview: `${HOSTILE}\n\n${HUGE}`,
  },
  model_parameters: {
    architecture: HUGE,
    training_data: { reference: HOSTILE, sha256: null },
    input_format: [
      { name: 'in`put|x', type: '``float``', shape: ['batch|size', 1] },
      { name: 'a\\|b', type: '<script>', shape: null },
      { name: '@team #4', type: '', shape: [] },
    ],
    output_format: [{ name: HUGE, type: 'float', shape: [null] }],
  },
  quantitative_analysis: {
    dataset: { name: HOSTILE, sha256: 'ab'.repeat(32), rows: 3 },
    metrics: [
      { name: 'roc_auc', value: 0.5, ci: [0.4, 0.6], slice: null },
      { name: 'a|b`c', value: null, ci: null, slice: HOSTILE },
      { name: 'accuracy', value: 1e-9, ci: null, slice: HUGE },
    ],
  },
  considerations: {
    intended_use: [HOSTILE],
    limitations: [HUGE, HOSTILE],
    ethical_considerations: [{ name: HOSTILE, mitigation_strategy: HOSTILE }],
    users: ['@everyone'],
    use_cases: ['#1'],
  },
};

const markdown = cardToMarkdown(hostile);
const body = markdown.slice(markdown.indexOf('\n---\n') + 5);
const html = micromark(body, {
  extensions: [gfm()],
  htmlExtensions: [gfmHtml()],
  allowDangerousHtml: true,
});

function text(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

describe('hostile card text', () => {
  it('keeps the whole card in the front matter', () => {
    expect(parseCardMarkdown(markdown)).toStrictEqual(hostile);
  });

  it('writes no HTML tag but its own', () => {
    const tags = new Set(
      Array.from(html.matchAll(/<\/?([a-z0-9]+)/gi), (m) => m[1]?.toLowerCase()),
    );
    const own = ['h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li'];
    expect([...tags].sort()).toEqual([...own, 'a', 'code', 'em', 'strong'].sort());
    expect(html).not.toMatch(/<(script|img|b|del|blockquote|pre|hr|input|sup|section)\b/i);
    // GFM links a bare http(s) or www. address; the text shown is the address itself.
    for (const [, href, shown] of html.matchAll(/<a href="([^"]*)">(.*?)<\/a>/g)) {
      expect(href).toMatch(/^https?:\/\//);
      expect(href?.replace(/^http:\/\/(?=www\.)/, '')).toBe(shown);
    }
    expect(html).not.toContain('<!--');
    // Emphasis only where the renderer writes it: the bold labels and the italic notes.
    const strong = Array.from(html.matchAll(/<strong>(.*?)<\/strong>/g), (m) => m[1]);
    expect(strong).toEqual(['References', 'Architecture:', 'Training data:', 'Dataset:']);
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('shows each string as itself', () => {
    const plain = oneLine(HOSTILE);
    const items = Array.from(html.matchAll(/<li>(.*?)<\/li>/g), (m) => text(m[1] ?? ''));
    expect(items).toContain(plain);
    const cells = Array.from(html.matchAll(/<td>(.*?)<\/td>/g), (m) => text(m[1] ?? ''));
    expect(cells).toContain('in`put|x');
    expect(cells).toContain('a\\|b');
    expect(cells).toContain('``float``');
    expect(cells).toContain('[batch|size, 1]');
    expect(cells).toContain('a|b`c');
    const heading = html.match(/<h1>(.*?)<\/h1>/)?.[1] ?? '';
    expect(text(heading)).toBe(`Model card: ${plain.slice(0, 200)} … [cut: 173 more characters]`);
  });

  it('keeps every table row to its columns', () => {
    for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const rows = table.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
      const widths = rows.map((row) => (row.match(/<t[hd][ >]/g) ?? []).length);
      expect(new Set(widths).size).toBe(1);
    }
    expect(html.match(/<table>/g)).toHaveLength(4);
  });

  it('leaves no @mention or #reference whole', () => {
    // GitHub does not link or notify inside a code span.
    const shown = html.replace(/<code>.*?<\/code>/g, '').replace(/<[^>]*>/g, '');
    expect(shown).not.toMatch(/(^|[^\w])@[\w-]/);
    expect(shown).not.toMatch(/#\d/);
    expect(shown).not.toMatch(/GH-\d/i);
  });

  it('cuts a 100 kB field with a visible note, and bounds the whole body', () => {
    expect(text(html)).toContain('… [cut: 98000 more characters]');
    expect(text(html)).toContain('… [cut: 99800 more characters]');
    expect(text(html)).toContain('… [cut: 99500 more characters]');
    expect(body.length).toBeLessThan(30_000);
    expect(markdown.length).toBeGreaterThan(600_000);
  });
});

describe('escape helpers', () => {
  it('escapes in one pass: a pipe becomes \\| and a backslash \\\\, never \\\\|', () => {
    expect(inline('a|b')).toBe('a\\|b');
    expect(inline('a\\|b')).toBe('a\\\\\\|b');
    expect(inline('<b>&')).toBe('&lt;b&gt;&amp;');
  });

  it('escapes block starts only at the start', () => {
    expect(inline('- a - b')).toBe('\\- a - b');
    expect(inline('12. x 3. y')).toBe('12\\. x 3. y');
    expect(inline('+1')).toBe('\\+1');
  });

  it('fences a code span past any backtick run, padding a backtick at an edge', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`a`')).toBe('`` `a` ``');
    expect(code('a|b', { table: true })).toBe('`a\\|b`');
    expect(code('a\\|b', { table: true })).toBe('a\\\\\\|b');
    expect(code('', { table: true })).toBe('—');
  });

  it('never cuts inside a surrogate pair', () => {
    const cut = inline(`${'x'.repeat(9)}🧪🧪`, 10);
    expect(cut).toBe('xxxxxxxxx … \\[cut: 4 more characters\\]');
  });
});

describe('mentions', () => {
  it('breaks @user, @org/team and #1, and leaves an e-mail address whole', () => {
    expect(inline('@user @org/team (@x) #1 a#2 ml@example.com')).toBe(
      '@\u200buser @\u200borg/team (@\u200bx) \\#\u200b1 a\\#\u200b2 ml@example.com',
    );
  });
});
