/**
 * The action end to end in-process, against the fake GitHub over real HTTP: the PR comment
 * (first, updated in place among 250, one per model, a fork's 403 as a warning), the job
 * summary and annotations, the step failing on FAIL, promotion and the registry baseline,
 * rollback.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction as run } from '../../src/action/run.js';
import { InputError } from '../../src/domain/errors.js';
import { commentMarker } from '../../src/github/comments.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { tempDir } from '../support/tmp.js';
import { deps, fakeCore, gateConfig, OWNER, REPO, runnerEnv, TELCO } from './support.js';

const gh = useFakeGitHub();
const tmp = tempDir();
const repo = () => gh.server.store.repo(OWNER, REPO);

describe('the action on a pull request', () => {
  it('gates, writes the summary, comments once and updates that comment in place', async () => {
    const inputs = {
      config: gateConfig(tmp.dir, 'pr'),
      'model-name': 'telco-churn',
      comment: 'always',
      'github-token': 't',
    };
    const first = fakeCore(inputs);
    await run(deps(gh, first.core, runnerEnv(tmp.dir, gh.url, 7)));
    expect(first.seen.failed).toEqual([]);
    expect(first.seen.outputs.verdict).toBe('PASS');
    expect(first.seen.summary[0]).toMatch(/^## model-gate: PASS/);
    const comments = repo().commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(commentMarker('telco-churn'))).toBe(true);
    expect(first.seen.outputs['comment-url']).toMatch(/#issuecomment-/);

    for (let i = 0; i < 249; i++) repo().addComment(7, `review ${i}`);
    const again = fakeCore(inputs);
    await run(deps(gh, again.core, runnerEnv(tmp.dir, gh.url, 7)));
    expect(repo().commentsOn(7)).toHaveLength(250);
    expect(again.seen.outputs['comment-url']).toBe(first.seen.outputs['comment-url']);
  });

  it('keeps one comment per model, and says nothing on a first PASS with comment: auto', async () => {
    const config = gateConfig(tmp.dir, 'two');
    for (const name of ['churn-a', 'churn-b']) {
      const { core } = fakeCore({
        config,
        'model-name': name,
        comment: 'always',
        'github-token': 't',
      });
      await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 8)));
    }
    expect(repo().commentsOn(8)).toHaveLength(2);
    const quiet = fakeCore({
      config,
      'model-name': 'churn-c',
      comment: 'auto',
      'github-token': 't',
    });
    await run(deps(gh, quiet.core, runnerEnv(tmp.dir, gh.url, 8)));
    expect(repo().commentsOn(8)).toHaveLength(2);
    expect(quiet.seen.outputs['comment-url']).toBe('');
  });

  it('keeps one comment per workflow for the same model', async () => {
    const config = gateConfig(tmp.dir, 'workflows');
    for (const workflow of ['ci', 'nightly', 'ci']) {
      const { core } = fakeCore({
        config,
        'model-name': 'churn',
        comment: 'always',
        'github-token': 't',
      });
      await run(deps(gh, core, { ...runnerEnv(tmp.dir, gh.url, 11), GITHUB_WORKFLOW: workflow }));
    }
    const bodies = repo()
      .commentsOn(11)
      .map((c) => c.body.split('\n')[0]);
    expect(bodies).toEqual([commentMarker('churn', 'ci'), commentMarker('churn', 'nightly')]);
  });

  it("on a fork's pull request: no comment attempted, a warning and a note in the summary", async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'fork'),
      comment: 'always',
      'github-token': 't',
    });
    await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 9, true)));
    expect(seen.failed).toEqual([]);
    expect(seen.warnings.join('\n')).toMatch(/workflow_run/);
    expect(seen.summary[0]).toMatch(/## model-gate: PASS/);
    expect(seen.summary.join('\n')).toMatch(/fork runs with a read-only token/);
    expect(seen.outputs.verdict).toBe('PASS');
    expect(gh.server.requestsTo('*', '*/issues/9/comments')).toEqual([]);
  });

  it.each([
    [403, /Resource not accessible|workflow_run/],
    [500, /GitHub answered 500/],
  ])(
    'a %d on the comment is a warning; the verdict still decides the step',
    async (status, why) => {
      gh.server.fail('POST', '/repos/acme/models/issues/12/comments', { status, times: 10 });
      const { core, seen } = fakeCore({
        config: gateConfig(tmp.dir, `c${status}`),
        comment: 'always',
        'github-token': 't',
      });
      await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 12)));
      expect(seen.failed).toEqual([]);
      expect(seen.warnings.join('\n')).toMatch(why);
      expect(seen.outputs).toMatchObject({ verdict: 'PASS', 'comment-url': '' });
    },
  );

  it('refuses promote on a pull request, and needs a token only when it uses GitHub', async () => {
    const config = gateConfig(tmp.dir, 'refuse');
    const promoting = fakeCore({ config, promote: 'true', 'github-token': 't' });
    await expect(run(deps(gh, promoting.core, runnerEnv(tmp.dir, gh.url, 13)))).rejects.toThrow(
      /promote: true on a pull_request event/,
    );
    // No token, no comment, no registry: the gate runs.
    const quiet = fakeCore({ config, comment: 'never', 'github-token': '' });
    await run(deps(gh, quiet.core, runnerEnv(tmp.dir, gh.url, 13)));
    expect(quiet.seen.outputs.verdict).toBe('PASS');
    // No token but a registry baseline: a clear error.
    const needs = fakeCore({ config, baseline: 'registry', 'model-name': 'x', 'github-token': '' });
    await expect(run(deps(gh, needs.core, runnerEnv(tmp.dir, gh.url, null)))).rejects.toThrow(
      /input 'github-token' is empty/,
    );
  });

  it('fails the step on FAIL, with an annotation per failing rule', async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'fail'),
      candidate: `${TELCO}/candidate_worse.onnx`,
      'github-token': 't',
    });
    await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 10)));
    expect(seen.outputs.verdict).toBe('FAIL');
    expect(seen.failed[0]).toMatch(/^model-gate: FAIL — 1 of 1 rule failed: roc_auc/);
    expect(seen.errors.length).toBeGreaterThan(0);
    // comment: auto comments on a FAIL.
    expect(repo().commentsOn(10)).toHaveLength(1);
  });
});

describe('the action with models as users export them', () => {
  it('gates a candidate given as predictions, and refuses to promote it before publishing', async () => {
    const path = join(tmp.dir, 'preds.yml');
    writeFileSync(
      path,
      `label: Churn
models:
  candidate: { predictions: ${TELCO}/predictions_candidate_holdout.csv, scores: onnx_proba_1, order: true, read_as: probability }
  baseline: ${TELCO}/baseline.onnx
data: { holdout: ${TELCO}/holdout.csv }
statistics: { bootstrap: 100 }
`,
    );
    const gated = fakeCore({ config: path, comment: 'never', 'github-token': '' });
    await run(deps(gh, gated.core, runnerEnv(tmp.dir, gh.url, 21)));
    expect(gated.seen.outputs.verdict).toBe('PASS');
    // No model file, so no serving contract.
    expect(gated.seen.outputs['contract-path']).toBe('');
    expect(gated.seen.summary.join('\n')).toMatch(
      /candidate: given as predictions \(one file, 2,110 rows\), joined to the holdout by row order/,
    );
    const promoting = fakeCore({
      config: path,
      promote: 'true',
      'model-name': 'churn',
      'github-token': 't',
    });
    await expect(run(deps(gh, promoting.core, runnerEnv(tmp.dir, gh.url, null)))).rejects.toThrow(
      /input 'promote': the candidate was gated from predictions/,
    );
    expect(promoting.seen.outputs['comment-url']).toBeUndefined();
  });

  it('takes features and batch-size as inputs, and names them in errors', async () => {
    const { core } = fakeCore({
      config: gateConfig(tmp.dir, 'batch'),
      'batch-size': 'lots',
      'github-token': '',
    });
    await expect(run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 22)))).rejects.toThrow(
      /input 'batch-size' is 'lots', not a whole number of rows above 0/,
    );
    const sized = fakeCore({
      config: gateConfig(tmp.dir, 'batch2'),
      'batch-size': '512',
      comment: 'never',
      'github-token': '',
    });
    await run(deps(gh, sized.core, runnerEnv(tmp.dir, gh.url, 22)));
    expect(sized.seen.outputs.verdict).toBe('PASS');
  });
});

describe('a promotion the token may not make', () => {
  it('names the status and the permission to give', async () => {
    gh.server.fail('POST', /\/repos\/acme\/models\/(git\/refs|releases)/, {
      status: 403,
      times: 20,
    });
    const { core } = fakeCore({
      config: gateConfig(tmp.dir, 'forbidden'),
      promote: 'true',
      'model-name': 'forbidden',
      'github-token': 't',
    });
    const error = await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, null))).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/forbidden@v1\.0\.0 was not published.*GitHub answered 403/);
    expect(error.hint).toMatch(/contents: write to promote/);
  });
});

describe('the action on main: promotion, the registry baseline, rollback', () => {
  it('promotes v1.0.0, then v1.1.0 against the registry baseline, the same run twice, rollback', async () => {
    const uploads: string[] = [];
    const versionUploads = () => uploads.filter((name) => !name.endsWith('-report'));
    const push = runnerEnv(tmp.dir, gh.url, null);
    const step = async (inputs: Record<string, string>) => {
      const r = fakeCore({ 'model-name': 'telco-churn', 'github-token': 't', ...inputs });
      await run(deps(gh, r.core, push, uploads));
      return r.seen;
    };
    // v1.0.0: the logistic model, gated against itself (the first version has no registry yet).
    const first = await step({
      config: gateConfig(tmp.dir, 'promote'),
      candidate: `${TELCO}/baseline.onnx`,
      promote: 'true',
    });
    expect(first.failed).toEqual([]);
    expect(first.outputs).toMatchObject({
      verdict: 'PASS',
      version: '1.0.0',
      tag: 'telco-churn@v1.0.0',
    });
    expect(versionUploads()).toHaveLength(1);
    expect(repo().refs.has('refs/tags/telco-churn@v1.0.0')).toBe(true);
    expect(repo().refs.has('refs/tags/telco-churn#production')).toBe(true);

    // v1.1.0: the boosted candidate against the registry's production version.
    const registryRun = {
      config: gateConfig(tmp.dir, 'registry'),
      baseline: 'registry',
      promote: 'true',
    };
    const second = await step(registryRun);
    expect(second.failed).toEqual([]);
    expect(second.info.join('\n')).toMatch(/baseline is telco-churn@v1\.0\.0/);
    expect(second.outputs).toMatchObject({
      verdict: 'PASS',
      version: '1.1.0',
      tag: 'telco-churn@v1.1.0',
    });
    expect(versionUploads()).toHaveLength(2);

    // The same run again: the model is registered and production points at it; nothing new.
    const writes = () =>
      gh.server.requestsTo('POST', '*').length + gh.server.requestsTo('PATCH', '*').length;
    const before = writes();
    const third = await step(registryRun);
    expect(third.outputs.version).toBe('1.1.0');
    expect(writes()).toBe(before);
    expect(versionUploads()).toHaveLength(2);

    const back = await step({ 'rollback-to': 'v1.0.0' });
    expect(back.outputs).toMatchObject({ verdict: 'ROLLBACK', version: '1.0.0' });
    const refused = fakeCore({
      'rollback-to': 'v3.0.0',
      'model-name': 'telco-churn',
      'github-token': 't',
    });
    await expect(run(deps(gh, refused.core, push))).rejects.toThrow(/3\.0\.0/);
  });
});
