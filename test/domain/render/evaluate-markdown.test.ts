/**
 * Golden files: the Markdown report for fixture runs, committed so a diff shows how the report
 * changed. Timings are fixed before rendering; UPDATE_GOLDEN=1 rewrites the files.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/app/evaluate.js';
import { silentProgress } from '../../../src/app/progress.js';
import { renderEvaluateMarkdown } from '../../../src/domain/render/evaluate-markdown.js';
import type { EvaluateReport } from '../../../src/domain/report.js';
import { golden } from '../../support/golden.js';
import { checkGfm } from './gfm.js';

const deps = { progress: silentProgress, now: () => 0, toolVersion: '0.0.0-test' };

async function report(model: string, data: string, label: string): Promise<EvaluateReport> {
  return (
    await evaluate({ model, data, label, threshold: 0.5, threads: 2, missing: 'allow' }, deps)
  ).report;
}

describe('evaluate Markdown', () => {
  it('binary: Telco candidate', async () => {
    const r = await report(
      'fixtures/classification_telco_churn/candidate.onnx',
      'fixtures/classification_telco_churn/holdout.csv',
      'Churn',
    );
    golden('evaluate-telco-candidate.md', renderEvaluateMarkdown(r));
  });

  it('regression: California baseline on the drifted holdout', async () => {
    const r = await report(
      'fixtures/regression_california_housing/baseline.onnx',
      'fixtures/regression_california_housing/holdout_drifted.csv',
      'median_house_value',
    );
    golden('evaluate-housing-baseline-drifted.md', renderEvaluateMarkdown(r));
  });

  it('tables keep their columns and hostile text stays inert', async () => {
    const r = await report(
      'fixtures/classification_telco_churn/candidate.onnx',
      'fixtures/classification_telco_churn/holdout.csv',
      'Churn',
    );
    const hostile = '<script>alert(1)</script> | @org/team #1 `x`\nnext';
    const md = renderEvaluateMarkdown({
      ...r,
      model: { ...r.model, path: hostile, output: hostile },
      data: { ...r.data, missing: { [hostile]: 3, ['x'.repeat(100_000)]: 1 } },
    });
    checkGfm(md);
    expect(md).not.toContain('<script>');
    expect(md.length).toBeLessThan(10_000);
  });
});
