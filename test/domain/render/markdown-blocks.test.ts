/**
 * Tables, `<details>`, fences, markers and Mermaid charts, read back through the GFM parser.
 */
import { describe, expect, it } from 'vitest';
import {
  details,
  fence,
  marker,
  mermaidNumber,
  mermaidText,
  raw,
  table,
  text,
  xyChart,
  xyChartSource,
} from '../../../src/domain/render/markdown/index.js';
import {
  badMermaidLines,
  brokenTables,
  detailsBalanced,
  mermaidBlocks,
  rawHtmlTags,
  tableShapes,
  toHtml,
} from './gfm.js';
import { HOSTILE } from './hostile.js';

describe('table', () => {
  it('gives every row the header’s column count', () => {
    const md = table(
      [{ header: raw('a') }, { header: raw('b'), align: 'right' }, { header: raw('c') }],
      [[raw('1')], [raw('1'), raw('2'), raw('3'), raw('4')], [], [raw('x\ny'), raw(''), raw('z')]],
    );
    expect(tableShapes(md)).toEqual([{ line: 1, header: 3, delimiter: 3, rows: [3, 3, 3, 3] }]);
    expect(md.split('\n')[1]).toBe('| --- | ---: | --- |');
  });

  it('holds hostile text in its cells', () => {
    const md = table(
      [{ header: text('a | b') }, { header: text('c\nd') }],
      HOSTILE.map((h) => [text(h), text(`${h}|${h}`)]),
    );
    expect(brokenTables(md)).toEqual([]);
    expect(tableShapes(md)[0]?.rows).toHaveLength(HOSTILE.length);
  });

  it('is empty without columns', () => {
    expect(table([], [[raw('x')]])).toBe('');
  });
});

describe('details', () => {
  it('closes, with Markdown read inside and the summary inert', () => {
    const inner = table([{ header: raw('x') }], [[raw('1')]]);
    const md = details('<b>@org/team</b> #1', details('nested', inner));
    const html = toHtml(md);
    expect(detailsBalanced(html)).toBe(true);
    expect(html).toContain('<table>');
    expect(rawHtmlTags(md).filter((t) => t !== 'details' && t !== 'summary')).toEqual([]);
  });
});

describe('fence', () => {
  it('cannot be closed by its content', () => {
    const content = 'a\n```\nb\n````\n<script>x</script>';
    const md = fence(content, 'js`x');
    expect(md.startsWith('`````jsx\n')).toBe(true);
    const html = toHtml(`${md}\n\nafter`);
    expect(html).toContain('<pre><code class="language-jsx">');
    expect(html).toContain('&lt;script&gt;');
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toMatch(/<\/pre>\n<p>after<\/p>/);
  });
});

describe('marker', () => {
  it('stays one HTML comment', () => {
    expect(marker('model-gate', 'telco')).toBe('<!-- model-gate:telco -->');
    const md = marker('model-gate', 'a --> <script>x</script> --');
    expect(md).toMatch(/^<!-- model-gate:[A-Za-z0-9._:/-]+ -->$/);
    expect(md.slice(4, -3)).not.toContain('--');
  });
});

describe('mermaid xychart', () => {
  it('writes numbers Mermaid reads', () => {
    expect(mermaidNumber(1e-7)).toBe('0');
    expect(mermaidNumber(2.5e-3)).toBe('0.0025');
    expect(mermaidNumber(-0.5)).toBe('-0.5');
    expect(mermaidNumber(1e21)).toBe('1000000000000000');
    expect(mermaidNumber(Number.NaN)).toBe('0');
    expect(mermaidNumber(-1e-9)).toBe('0');
  });

  it('quotes labels that cannot end the quote or start a directive', () => {
    for (const h of [...HOSTILE, '"quoted"', '%%{init: {"theme": "dark"}}%%', '#quot;', '']) {
      const label = mermaidText(h);
      expect(label).toMatch(/^"[^"`\n]*"$/);
      expect(label).not.toMatch(/%%|#\w+;|[<>]/);
    }
  });

  it('renders a chart GitHub reads as mermaid', () => {
    const md = xyChart({
      title: 'Score "distribution"',
      x: { title: 'bin', labels: ['a', 'a', '<b>', '"c"', '`d`'] },
      y: { title: '% of rows', min: 0, max: 0 },
      series: [
        { kind: 'bar', title: 'baseline', values: [1, 2, 3] },
        { kind: 'line', title: 'candidate', values: [1e-9, 2, 3, 4, 5, 6] },
      ],
    });
    const blocks = mermaidBlocks(toHtml(md));
    expect(blocks.fenced).toBe(1);
    expect(blocks.loose).toBe(0);
    const source = blocks.sources[0] as string;
    expect(badMermaidLines(source)).toEqual([]);
    expect(source).toContain('x-axis "bin" ["a", "a (2)", "‹b›", "\'c\'", "\'d\'"]');
    expect(source).toContain('y-axis "% of rows" 0 --> 1');
    expect(source).toContain('bar "baseline" [1, 2, 3, 0, 0]');
    expect(source).toContain('line "candidate" [0, 2, 3, 4, 5]');
  });

  it('omits an axis it cannot write', () => {
    const source = xyChartSource({
      x: { labels: [] },
      y: { min: Number.NaN, max: 1 },
      series: [{ kind: 'line', values: [1, 2] }],
    });
    expect(source).toBe('xychart-beta\n  line [1, 2]');
    expect(badMermaidLines(source)).toEqual([]);
  });
});
