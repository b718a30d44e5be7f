/**
 * The gate's PR comment with hostile text in every string that came from a file or the config
 * (it must render inert and bounded), and with 5,000 slices against GitHub's size limit.
 */
import { describe, expect, it } from 'vitest';
import type { CardDiff } from '../../../src/domain/card/diff-types.js';
import {
  type GateMarkdownReport,
  renderGateMarkdown,
} from '../../../src/domain/render/gate-markdown/index.js';
import { fixture, OPTIONS, report } from './fixtures.js';
import { checkGfm, tableShapes } from './gfm.js';

/** What every rendering must satisfy, whatever the report held. */
function expectWellFormed(md: string, limit = 65_536): string {
  expect(md.length).toBeLessThanOrEqual(limit);
  return checkGfm(md);
}

/** Drift with hostile column names and categories (categorical columns marked drifted, to be charted). */
function hostileDrift(r: GateMarkdownReport, evil: string): GateMarkdownReport['drift'] {
  if (!r.drift) return null;
  const columns = Object.fromEntries(
    Object.entries(r.drift.columns).map(([name, c], i) => [
      i < 3 ? `${evil}${i}` : name,
      c.type === 'categorical'
        ? {
            ...c,
            drifted: true,
            categories: { ...c.categories, values: c.categories.values.map((v) => `${evil}${v}`) },
            unseen: { rows: 3, categories: [evil, `${evil}\`\`\``] },
          }
        : c,
    ]),
  );
  return { ...r.drift, columns };
}

/** The card diff with hostile names, card text (one of 100 kB), producer and training data. */
function hostileCard(evil: string): CardDiff {
  const base = fixture<CardDiff>('card-diff.json');
  const tensor = { name: evil, type: evil, shape: [evil] };
  return {
    ...base,
    baseline: { name: evil, version: evil },
    fields: [{ path: evil, before: evil, after: 'x'.repeat(100_000) }],
    contract: {
      ...base.contract,
      producer: { before: evil, after: evil },
      inputs: [{ name: evil, change: 'added', before: null, after: tensor }],
    },
    training_data: { ...base.training_data, before: { reference: evil, sha256: evil } },
  };
}

/** Every string of the report that came from a file or the config, made hostile. */
function hostileReport(evil: string): GateMarkdownReport {
  const r = report('drifted');
  return {
    ...r,
    label: { ...r.label, column: evil, positive_label: evil },
    models: {
      candidate: { ...r.models.candidate, path: evil },
      baseline: { ...r.models.baseline, path: `${evil}.onnx` },
    },
    slices: r.slices.map((s) => ({
      ...s,
      name: evil,
      column: evil,
      groups: s.groups.map((g) => ({ ...g, slice: `${evil}${g.slice}` })),
    })),
    flips: r.flips && {
      ...r.flips,
      top_slices: r.flips.top_slices.map((t) => ({ ...t, column: evil, slice: evil })),
    },
    drift: hostileDrift(r, evil),
    decision: {
      ...r.decision,
      notes: [evil, evil],
      rules: r.decision.rules.map((x) => ({
        ...x,
        rule: evil,
        reason: evil,
        scope: { slicing: evil, column: evil, slice: evil },
      })),
    },
    card_diff: hostileCard(evil),
  };
}

describe('gate Markdown: hostile text', () => {
  const cases = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '@org/team',
    '#1 org/repo#2',
    'a|b\\|c',
    '`x` ```',
    'line\nbreak',
    '"quoted" %%{init: {}}%% #quot;',
    'https://evil.example',
  ];
  it.each(cases)('%j stays inert', (evil) => {
    const md = renderGateMarkdown(hostileReport(evil), OPTIONS);
    const html = expectWellFormed(md);
    expect(html).not.toMatch(/<(script|img)\b/);
  });

  it('bounds a 100 kB string', () => {
    const md = renderGateMarkdown(hostileReport('y'.repeat(100_000)), OPTIONS);
    expectWellFormed(md);
    expect(md.length).toBeLessThan(65_536);
    expect(Math.max(...Array.from(md.matchAll(/[xy]+/g), (m) => m[0].length))).toBeLessThanOrEqual(
      400,
    );
  });
});

describe('gate Markdown: size', () => {
  it('5,000 slices of one column stay under GitHub’s limit, with consistent tables', () => {
    const r = report('pass');
    const first = r.slices[0];
    if (!first) throw new Error('fixture has no slices');
    const template = first.groups[0];
    if (!template) throw new Error('fixture has no slice groups');
    const groups = Array.from({ length: 5_000 }, (_, i) => ({
      ...template,
      slice: `category ${i} <b>@team</b> | #${i}`,
      rows: 10 + (i % 50),
      judged: i % 3 !== 0,
      metrics: Object.fromEntries(
        Object.entries(template.metrics).map(([m, c]) => [m, { ...c, delta: c.delta - i * 1e-5 }]),
      ),
    }));
    const rules = Array.from({ length: 100 }, (_, i) => ({
      ...(r.decision.rules[0] as (typeof r.decision.rules)[number]),
      scope: { slicing: first.name, column: first.column, slice: `category ${i}` },
    }));
    const big: GateMarkdownReport = {
      ...r,
      slices: [{ ...first, groups }, ...r.slices.slice(1)],
      decision: { ...r.decision, rules: [...r.decision.rules, ...rules] },
    };
    const md = renderGateMarkdown(big, OPTIONS);
    expect(md.length).toBeLessThan(65_536);
    expectWellFormed(md);
    expect(md.startsWith('<!-- model-gate:telco -->\n## model-gate: PASS')).toBe(true);
    expect(md).toContain('Shortened to stay within GitHub');
    expect(md).toContain('The full report: the workflow artifact model-gate-report.');
    expect(md).toMatch(/slices: \d+ of 5,000 rows shown/);
    expect(tableShapes(md).length).toBeGreaterThan(3);
    // The worst slice (largest negative delta) is listed first.
    expect(md).toContain('| category 4999 &lt;b&gt;@\u200bteam&lt;/b&gt; &#124; #\u200b4999 |');
  });

  it('honours a smaller limit', () => {
    for (const limit of [2_000, 5_000, 10_000]) {
      const md = renderGateMarkdown(report('drifted'), { ...OPTIONS, limit });
      expectWellFormed(md, limit);
      expect(md).toContain('## model-gate: INCONCLUSIVE');
      expect(md).toContain('config `551b657d2cb1`');
    }
  });
});
