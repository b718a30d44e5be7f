/**
 * Golden files of the gate's Markdown report (test/golden/gate-*.md), one per scenario, from real
 * gate runs on the fixtures: pass, fail, inconclusive, the drifted holdout, the worse candidate,
 * a regression task and a slicing with 5,000 categories. What differs between machines is fixed
 * before rendering — timings, measured latency, the absolute path of the checkout and the config's
 * hash (its file names those paths) — so a diff
 * of a golden file shows how the report changed. UPDATE_GOLDEN=1 rewrites them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gate } from '../../src/app/gate.js';
import { silentProgress } from '../../src/app/progress.js';
import type { GateReport } from '../../src/domain/gate/report.js';
import { renderGateMarkdown } from '../../src/domain/render/gate-markdown/index.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/domain/render/markdown/index.js';
import { checkGfm } from '../domain/render/gfm.js';
import { golden } from '../support/golden.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const ROOT = resolve('.');
const TELCO = resolve('fixtures/classification_telco_churn');
const HOUSING = resolve('fixtures/regression_california_housing');
const CARDS = resolve('examples/telco/cards');
const deps = {
  progress: silentProgress,
  now: () => 0,
  toolVersion: '0.0.0-test',
  worker: null,
  probe: null,
};

/** The report with what differs between machines and runs fixed. */
function stable(report: GateReport): GateReport {
  const text = JSON.stringify(report, (key, value) => {
    if (typeof value === 'string' && value.startsWith(tmp.dir)) {
      return `tmp${value.slice(tmp.dir.length)}`;
    }
    if (typeof value === 'string' && value.startsWith(ROOT)) return value.slice(ROOT.length + 1);
    if (key === 'p50_ms') return 1.25;
    if (key === 'p95_ms') return 2.5;
    if (key.endsWith('_ms')) return 0;
    return value;
  });
  const fixed = JSON.parse(text) as GateReport;
  // The config files hold absolute paths into this checkout, so their hash is the machine's.
  return { ...fixed, config: { path: fixed.config.path, sha256: 'c'.repeat(64) } };
}

async function run(name: string, yaml: string): Promise<GateReport> {
  const config = tmp.write(`${name}.yml`, yaml);
  return stable(await gate({ config, cwd: tmp.dir, overrides: {}, threads: 2 }, deps));
}

const telco = (extra: string, candidate = 'candidate.onnx', holdout = 'holdout.csv') => `version: 1
label: Churn
positive_label: 1
models: { candidate: ${join(TELCO, candidate)}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, holdout)}, reference: ${join(TELCO, 'reference.csv')} }
cards: { candidate: ${join(CARDS, 'candidate.yml')}, baseline: ${join(CARDS, 'baseline.yml')} }
slices: [ Contract, { column: tenure, bins: [0, 12, 24, 72] } ]
statistics: { bootstrap: 1000, seed: 42 }
${extra}`;

const PASS_RULES = `rules:
  - { metric: roc_auc, min: 0.80 }
  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }
  - { metric: log_loss, vs_baseline: { max_drop: 0.02 } }
  - { flips: { max_negative_rate: 0.05 } }`;

function render(name: string, report: GateReport): string {
  const md = renderGateMarkdown(report, {
    marker: 'telco',
    fullReport: 'the report.json artifact',
  });
  checkGfm(md);
  expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  golden(`gate-${name}.md`, md);
  return md;
}

describe('gate Markdown, golden files', () => {
  it('pass: the candidate against the baseline', async () => {
    const r = await run('pass', telco(PASS_RULES));
    expect(r.decision.verdict).toBe('PASS');
    render('pass', r);
  });

  it('fail: a required improvement the candidate does not make', async () => {
    const r = await run(
      'fail',
      telco(`rules:\n  - { metric: roc_auc, vs_baseline: { min_delta: 0.05 } }`),
    );
    expect(r.decision.verdict).toBe('FAIL');
    render('fail', r);
  });

  it('inconclusive: an interval that straddles the bound', async () => {
    const r = await run(
      'inconclusive',
      telco(`rules:\n  - { metric: roc_auc, vs_baseline: { min_delta: 0.02 } }`),
    );
    expect(r.decision.verdict).toBe('INCONCLUSIVE');
    render('inconclusive', r);
  });

  it('drifted holdout', async () => {
    const r = await run('drifted', telco(PASS_RULES, 'candidate.onnx', 'holdout_drifted.csv'));
    expect(r.drift?.dataset).toBeDefined();
    render('drifted', r);
  });

  it('worse candidate', async () => {
    const r = await run('worse', telco(PASS_RULES, 'candidate_worse.onnx'));
    expect(r.decision.verdict).toBe('FAIL');
    render('worse', r);
  });

  it('regression task', async () => {
    const r = await run(
      'regression',
      `version: 1
label: median_house_value
models: { candidate: ${join(HOUSING, 'candidate.onnx')}, baseline: ${join(HOUSING, 'baseline.onnx')} }
data: { holdout: ${join(HOUSING, 'holdout.csv')}, reference: ${join(HOUSING, 'reference.csv')} }
slices: [ ocean_proximity ]
rules:
  - { metric: r2, vs_baseline: { max_drop: 0.01 } }
  - { metric: mae, vs_baseline: { max_drop: 1000 }, slices: true }
statistics: { bootstrap: 1000, seed: 42 }
`,
    );
    expect(r.task).toBe('regression');
    render('regression', r);
  });

  it('5,000-category slice: stays under the comment limit and says what it cut', async () => {
    const lines = readFileSync(join(HOUSING, 'holdout.csv'), 'utf8').trimEnd().split('\n');
    const csv = [
      `${lines[0]},block`,
      ...lines.slice(1).map((line, i) => `${line},b${String(i % 5000).padStart(4, '0')}`),
    ].join('\n');
    const holdout = tmp.write('blocks.csv', `${csv}\n`);
    const r = await run(
      'many-slices',
      `version: 1
label: median_house_value
models: { candidate: ${join(HOUSING, 'candidate.onnx')}, baseline: ${join(HOUSING, 'baseline.onnx')} }
data: { holdout: ${holdout} }
slices: [ block ]
min_slice_size: 1
rules:
  - { metric: r2, vs_baseline: { max_drop: 0.01 } }
statistics: { bootstrap: 200, seed: 42 }
`,
    );
    expect(r.slices[0]?.groups).toHaveLength(5000);
    const md = render('many-slices', r);
    expect(md).toMatch(/report\.json artifact/);
  });
});
