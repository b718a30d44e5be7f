/**
 * fitToLimit: lowest priority degrades first, kept sections never change, the note names what
 * was cut and where the full report is, and no limit makes it throw or overflow.
 */
import { describe, expect, it } from 'vitest';
import {
  fitToLimit,
  type Md,
  raw,
  type Section,
  table,
  tableForms,
} from '../../../src/domain/render/markdown/index.js';
import { brokenTables, detailsBalanced, toHtml } from './gfm.js';

function bigTable(rows: number, prefix: string): (n: number) => Md {
  return (n) => {
    const shown = Math.min(rows, n);
    return table(
      [{ header: raw('slice') }, { header: raw('rows'), align: 'right' }],
      Array.from({ length: shown }, (_, i) => [raw(`${prefix} ${i}`), raw(String(i))]),
    );
  };
}

function sections(): Section[] {
  return [
    { id: 'head', title: 'headline', priority: 100, keep: true, forms: [{ md: raw('## HEAD') }] },
    {
      id: 'rules',
      title: 'rules',
      priority: 90,
      forms: tableForms({
        render: bigTable(300, 'rule'),
        rows: 300,
        steps: [50, 10],
        what: 'rules',
        summary: 'Rules',
        line: raw('RULES LINE'),
      }),
    },
    {
      id: 'slices',
      title: 'slices',
      priority: 50,
      forms: tableForms({
        render: bigTable(3000, 'slice'),
        rows: 3000,
        steps: [50, 10],
        what: 'slices',
        summary: 'Slices',
        line: raw('SLICES LINE'),
      }),
    },
    { id: 'foot', title: 'footer', priority: 100, keep: true, forms: [{ md: raw('FOOT') }] },
  ];
}

describe('fitToLimit', () => {
  it('leaves a document that fits as it is', () => {
    const md = fitToLimit(sections(), 1_000_000, 'report.json');
    expect(md).toContain('| slice 2999 | 2999 |');
    expect(md).not.toContain('Shortened');
    expect(md.endsWith('FOOT\n')).toBe(true);
  });

  it('degrades the lowest priority first, one form at a time', () => {
    const md = fitToLimit(sections(), 20_000, 'the workflow artifact model-gate-report');
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain('| rule 299 | 299 |'); // rules whole
    expect(md).toContain('| slice 49 | 49 |');
    expect(md).not.toContain('| slice 50 | 50 |'); // slices cut to 50
    expect(md).toContain('slices: 50 of 3,000 rows shown');
    expect(md).toContain('The full report: the workflow artifact model-gate-report.');
    expect(md.startsWith('## HEAD\n\n')).toBe(true);
  });

  it('gives room back to lower sections once a higher one has shrunk', () => {
    const s = sections();
    const rules = s[1] as Section;
    // The rules (kept longer) are too big alone: everything below steps down first, then the
    // rules shrink, and the freed room goes back to the slices.
    const big = {
      ...rules,
      forms: [{ md: raw('r'.repeat(50_000)) }, { md: raw('RULES SHORT'), cut: 'rules: short' }],
    };
    const md = fitToLimit([s[0] as Section, big, s[2] as Section, s[3] as Section], 20_000, 'x');
    expect(md).toContain('RULES SHORT');
    expect(md).toContain('| slice 49 | 49 |');
    expect(md).not.toContain('SLICES LINE');
  });

  it('keeps a higher section at least as whole as a lower one', () => {
    for (const limit of [600, 1_200, 2_000, 3_000, 8_000]) {
      const md = fitToLimit(sections(), limit, 'report.json');
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(md.startsWith('## HEAD\n\n')).toBe(true);
      expect(md).toContain('FOOT');
      const rules = (md.match(/^\| rule \d+ \|/gm) ?? []).length;
      const slices = (md.match(/^\| slice \d+ \|/gm) ?? []).length;
      expect(rules, `limit ${limit}`).toBeGreaterThanOrEqual(slices);
      expect(rules + slices, `limit ${limit}`).toBeGreaterThan(0);
      expect(md).toMatch(/Shortened to stay within GitHub's [\d,]+-character limit — .*slices: /);
      expect(detailsBalanced(toHtml(md))).toBe(true);
      expect(brokenTables(md)).toEqual([]);
    }
    expect(fitToLimit(sections(), 400, 'report.json')).toContain('SLICES LINE');
  });

  it('leaves sections out, then cuts, but keeps the headline and never overflows', () => {
    for (const limit of [0, 1, 10, 50, 120, 200, 300, 400, 700, 1_000, 5_000, 65_536]) {
      const md = fitToLimit(sections(), limit, 'report.json');
      expect(md.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      if (limit >= 300) expect(md.startsWith('## HEAD'), `limit ${limit}`).toBe(true);
      expect(detailsBalanced(toHtml(md))).toBe(true);
      expect(brokenTables(md)).toEqual([]);
    }
  });

  it('cuts a kept section that alone is too long at a line end, closing its blocks', () => {
    const long = raw(
      `## HEAD\n\n<details>\n<summary>s</summary>\n\n${'line\n'.repeat(500)}\n\`\`\`mermaid\n${'x\n'.repeat(500)}\`\`\`\n\n</details>`,
    );
    expect(long.length).toBeGreaterThan(3_500);
    for (const limit of [300, 1_000, 3_000, 3_500]) {
      const md = fitToLimit(
        [{ id: 'h', title: 'headline', priority: 1, keep: true, forms: [{ md: long }] }],
        limit,
        'report.json',
      );
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(md).toContain('Cut to fit');
      const html = toHtml(md);
      expect(detailsBalanced(html)).toBe(true);
      expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
  });
});
