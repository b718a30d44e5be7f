/**
 * The gate's PR comment from report.json (copies of gate runs on the shipped fixtures): a golden
 * file for a synthetic card diff (the live scenarios are in test/app/gate-golden.test.ts), and
 * what the comment says; every rendering is read back through a GFM parser (gfm.ts checkGfm).
 */
import { describe, expect, it } from 'vitest';
import type { CardDiff } from '../../../src/domain/card/diff-types.js';
import {
  type GateMarkdownReport,
  renderGateMarkdown,
  type ScoreDistributions,
} from '../../../src/domain/render/gate-markdown/index.js';
import { golden } from '../../support/golden.js';
import { fixture, OPTIONS, report } from './fixtures.js';
import { checkGfm, mermaidBlocks } from './gfm.js';

/** What every rendering must satisfy, whatever the report held. */
function expectWellFormed(md: string, limit = 65_536): string {
  expect(md.length).toBeLessThanOrEqual(limit);
  return checkGfm(md);
}

describe('gate Markdown: golden files', () => {
  // Live gate runs of every scenario are golden in test/app/gate-golden.test.ts; this one adds a
  // synthetic card diff with every kind of change.
  it('gate-sample-card-diff.md: a card diff and the proposed score bins', () => {
    const r: GateMarkdownReport = {
      ...report('fail'),
      card_diff: fixture<CardDiff>('card-diff.json'),
      scores: fixture<ScoreDistributions>('scores.json'),
    };
    const md = renderGateMarkdown(r, { ...OPTIONS, commit: '0123456789abcdef' });
    const html = expectWellFormed(md);
    const charts = mermaidBlocks(html).sources.map((c) => c.split('\n')[1]);
    expect(charts.slice(0, 2)).toEqual([
      '  title "Score distribution (holdout)"',
      '  title "Calibration (holdout)"',
    ]);
    expect(md).toContain('⚠️ **Breaking contract change**');
    golden('gate-sample-card-diff.md', md);
  });
});

describe('gate Markdown: content', () => {
  it('starts with the marker and the verdict, and says whether the model may ship', () => {
    const pass = renderGateMarkdown(report('pass'), { marker: 'a' });
    expect(pass.split('\n').slice(0, 2)).toEqual(['<!-- model-gate:a -->', '## model-gate: PASS']);
    expect(pass).toContain('**The candidate may ship**');
    const fail = renderGateMarkdown(report('fail'));
    expect(fail.startsWith('## model-gate: FAIL\n')).toBe(true);
    expect(fail).toContain('**The candidate may not ship**: 4 of 4 rules failed');
    const drifted = renderGateMarkdown(report('drifted'));
    expect(drifted).toContain('## model-gate: INCONCLUSIVE');
    expect(drifted).toContain('`on_inconclusive: fail` counts that as a failure');
  });

  it('says where the point estimate alone would have decided otherwise', () => {
    const md = renderGateMarkdown(report('drifted'));
    expect(md).toContain(
      'negative flips ≤ 0.05 of rows: PASS by the point estimate, INCONCLUSIVE by its interval',
    );
  });

  it('lists slices worst first and drifted columns first', () => {
    const md = renderGateMarkdown(report('drifted'));
    const order = (a: string, b: string) => expect(md.indexOf(a)).toBeLessThan(md.indexOf(b));
    order('| Two year |', '| One year |');
    order('| One year |', '| Month-to-month |');
    order('| PaymentMethod | categorical | **drifted**', '| SeniorCitizen |');
  });

  it('marks small slices as not judged, and lets the pass policy ship', () => {
    const r = report('drifted');
    const slices = r.slices.map((s, i) =>
      i === 0
        ? { ...s, groups: s.groups.map((g, k) => (k === 0 ? { ...g, judged: false } : g)) }
        : s,
    );
    const md = renderGateMarkdown({
      ...r,
      slices,
      decision: { ...r.decision, on_inconclusive: 'pass', exit_code: 0 },
    });
    expect(md).toContain('| Month-to-month | 1,171 |');
    expect(md).toMatch(/\| Month-to-month \|[^\n]*_small: not judged_/);
    expect(md).toContain('lets it pass, so **the candidate may ship** (exit 0)');
  });
});

describe('gate Markdown: what a report may lack', () => {
  it('renders a report without rules, slices, flips, drift, DeLong or McNemar', () => {
    const r = report('pass');
    const { delong: _d, mcnemar: _m, ...comparison } = r.comparison;
    const md = renderGateMarkdown({
      ...r,
      comparison,
      slices: [],
      flips: null,
      drift: null,
      data: { ...r.data, reference: null },
      decision: { ...r.decision, rules: [], notes: [] },
    });
    checkGfm(md);
    expect(md).toContain('No rule was applied');
    expect(md).not.toMatch(/### (Rules|Slices|Prediction flips|Drift|Charts)/);
    expect(md).not.toContain('DeLong');
    expect(md).toContain('### Metrics');
  });

  it('ranks regression slices by r2 and charts value bins', () => {
    const r = report('pass');
    const rename = <T>(m: Record<string, T>) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k === 'roc_auc' ? 'r2' : k, v]));
    const slices = r.slices.map((s) => ({
      ...s,
      groups: s.groups.map((g) => ({ ...g, metrics: rename(g.metrics) })),
    }));
    const scores = fixture<ScoreDistributions>('scores.json');
    const md = renderGateMarkdown({
      ...r,
      task: 'regression',
      flips: null,
      slices,
      decision: { ...r.decision, rules: [] },
      scores: { ...scores, score: 'value', edges: scores.edges.map((e) => e * 1e6) },
    });
    checkGfm(md);
    expect(md).toContain('Worst first by Δ r2');
    expect(md).toContain('x-axis "predicted value" ["0–100000"');
    expect(md).toContain('y-axis "mean label"\n');
  });
});
