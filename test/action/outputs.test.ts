/**
 * What a workflow reads back from the step: the outputs (the report's four files, the
 * artifact's name), the verdict as the log's last line on every outcome, `fail-on: never` for an
 * advisory week, paths relative to the workspace in the comment and the summary, a runner
 * without onnxruntime's binding, and a network failure said as one.
 */
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { createOctokit } from '../../src/github/octokit.js';
import { loadOrt } from '../../src/runtime/ort.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { tempDir } from '../support/tmp.js';
import { deps, fakeCore, gateConfig, OWNER, REPO, runnerEnv, TELCO } from './support.js';

const gh = useFakeGitHub();
const tmp = tempDir();

describe('the step’s outputs and its last line', () => {
  it('names the report, its Markdown, the card, the contract and the artifact; ends on the verdict', async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'outputs'),
      'model-name': 'telco-churn',
      comment: 'never',
    });
    await runAction(deps(gh, core, runnerEnv(tmp.dir, gh.url, null)));
    const out = seen.outputs;
    expect(out).toMatchObject({
      verdict: 'PASS',
      'artifact-name': 'model-gate-telco-churn-report',
    });
    expect(readFileSync(out['markdown-path'] as string, 'utf8')).toMatch(/^## model-gate: PASS/);
    expect(readFileSync(out['card-path'] as string, 'utf8')).toMatch(/^---\n/);
    const report = JSON.parse(readFileSync(out['report-path'] as string, 'utf8'));
    expect(report.command).toBe('gate');
    // The candidate's serving contract, as the report carries it.
    const contract = JSON.parse(readFileSync(out['contract-path'] as string, 'utf8'));
    expect(contract).toEqual(report.serving_contract);
    expect(contract['x-model-gate'].model.sha256).toBe(report.models.candidate.sha256);
    expect(seen.info.at(-1)).toBe('model-gate: PASS — 1 rule passed');
  });

  it('fail-on: never reports a FAIL and lets the step pass', async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'advisory'),
      candidate: join(TELCO, 'candidate_worse.onnx'),
      'fail-on': 'never',
      comment: 'never',
    });
    await runAction(deps(gh, core, runnerEnv(tmp.dir, gh.url, null)));
    expect(seen.failed).toEqual([]);
    expect(seen.outputs.verdict).toBe('FAIL');
    expect(seen.warnings.join('\n')).toMatch(/fail-on: never, so the step passes/);
    expect(seen.info.at(-1)).toMatch(/^model-gate: FAIL — 1 of 1 rule failed: roc_auc/);
  });
});

describe('paths in the comment and the summary', () => {
  it('are relative to the workspace, whatever form the inputs took', async () => {
    const workspace = join(tmp.dir, 'workspace');
    cpSync(TELCO, join(workspace, 'models'), { recursive: true });
    const env = { ...runnerEnv(join(tmp.dir), gh.url, 31), GITHUB_WORKSPACE: workspace };
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'paths'),
      // Absolute, as `${{ github.workspace }}/models/...` gives them.
      candidate: join(workspace, 'models', 'candidate.onnx'),
      baseline: join(workspace, 'models', 'baseline.onnx'),
      holdout: join(workspace, 'models', 'holdout.csv'),
      'github-token': 't',
    });
    await runAction(deps(gh, core, env));
    const comment = gh.server.store.repo(OWNER, REPO).commentsOn(31)[0]?.body ?? '';
    for (const text of [comment, seen.summary.join('\n')]) {
      expect(text).toContain('`models/candidate.onnx`');
      expect(text).toContain('`models/baseline.onnx`');
      expect(text).not.toContain(tmp.dir);
    }
    const report = JSON.parse(readFileSync(seen.outputs['report-path'] as string, 'utf8'));
    expect(report.models.candidate.path).toBe('models/candidate.onnx');
    expect(report.data.holdout.path).toBe('models/holdout.csv');
  });
});

describe('a runner without onnxruntime’s binding', () => {
  it('fails at once, naming the supported runners, with the artifact’s name set', async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'platform'),
      'model-name': 'telco-churn',
    });
    const temp = join(tmp.dir, 'platform');
    mkdirSync(temp);
    const step = deps(gh, core, runnerEnv(temp, gh.url, null));
    const run = runAction({
      ...step,
      loadRuntime: () => loadOrt({ platform: 'sunos', arch: 'x64' }),
    });
    await expect(run).rejects.toThrow(
      /no onnxruntime binding for sunos\/x64\. Models run on Linux x64 \(ubuntu-latest\), Linux arm64 \(ubuntu-24\.04-arm\), macOS arm64 \(macos-latest\), Windows x64 \(windows-latest\)/,
    );
    expect(seen.outputs).toEqual({ 'artifact-name': 'model-gate-telco-churn-report' });
    // Nothing was read or written before the failure.
    expect(existsSync(join(temp, 'model-gate'))).toBe(false);
  });
});

describe('a network failure', () => {
  it('is said to be one, not "GitHub answered 500"', async () => {
    // A port nothing listens on: the connection is refused.
    const closed = await gh.server.start();
    await closed.close();
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'network'),
      'github-token': 't',
    });
    const step = deps(gh, core, { ...runnerEnv(tmp.dir, closed.url, 32) });
    await runAction({
      ...step,
      octokit: (token, baseUrl) => createOctokit({ token, baseUrl, waitScale: 0.001 }),
    });
    const warning = seen.warnings.join('\n');
    expect(warning).toMatch(
      /could not reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.* — a network failure, not an answer from GitHub/,
    );
    expect(warning).not.toMatch(/GitHub answered/);
    expect(seen.outputs.verdict).toBe('PASS');
  });
});
