/**
 * `npm run local-action`: GitHub's @github/local-action imports src/action/main.ts, calls its
 * exported run() with its own stand-ins for @actions/core (and github, artifact) and the
 * .env.local-action inputs, and the gate runs on the shipped fixtures. (Its stand-in setFailed
 * does not change the exit code, so the test reads what it printed and wrote.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm run local-action', () => {
  it('runs the action’s run() on the fixtures: PASS, the outputs, the job summary', () => {
    const run = spawnSync(process.execPath, ['scripts/local-action.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(0);
    // local-action's core.setOutput prints the outputs in the old command form.
    expect(run.stdout).toMatch(/::set-output name=verdict::PASS/);
    expect(run.stdout).toMatch(/::set-output name=artifact-name::model-gate-telco-churn-report/);
    expect(run.stdout).toMatch(/model-gate: PASS — 7 rules passed/);
    expect(run.stdout).not.toMatch(/::error::/);
    const summary = readFileSync('local-action-out/summary.md', 'utf8');
    expect(summary).toMatch(/^## model-gate: PASS/);
    const report = JSON.parse(
      readFileSync('local-action-out/model-gate/telco-churn/report.json', 'utf8'),
    );
    // Paths relative to the workspace, as the comment shows them.
    expect(report.models.candidate.path).toBe('fixtures/classification_telco_churn/candidate.onnx');
  }, 60_000);
});
