/**
 * The action end to end in-process, against the fake GitHub over real HTTP: the PR comment
 * (first, updated in place among 250, one per model, a fork's 403 as a warning), the job
 * summary and annotations, the step failing on FAIL, promotion and the registry baseline,
 * rollback.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/action/run.js';
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

  it("warns on a fork's read-only token and still writes the summary", async () => {
    gh.server.fail('POST', '/repos/acme/models/issues/9/comments', { status: 403 });
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'fork'),
      comment: 'always',
      'github-token': 't',
    });
    await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 9, true)));
    expect(seen.failed).toEqual([]);
    expect(seen.warnings.join('\n')).toMatch(/workflow_run/);
    expect(seen.summary[0]).toMatch(/## model-gate: PASS/);
    expect(seen.outputs.verdict).toBe('PASS');
  });

  it('fails the step on FAIL, with an annotation per failing rule', async () => {
    const { core, seen } = fakeCore({
      config: gateConfig(tmp.dir, 'fail'),
      candidate: `${TELCO}/candidate_worse.onnx`,
      'github-token': 't',
    });
    await run(deps(gh, core, runnerEnv(tmp.dir, gh.url, 10)));
    expect(seen.outputs.verdict).toBe('FAIL');
    expect(seen.failed[0]).toMatch(/^model-gate: FAIL — roc_auc/);
    expect(seen.errors.length).toBeGreaterThan(0);
    // comment: auto comments on a FAIL.
    expect(repo().commentsOn(10)).toHaveLength(1);
  });
});

describe('the action on main: promotion, the registry baseline, rollback', () => {
  it('promotes v1.0.0, then gates against it, then rolls back', async () => {
    const uploads: string[][] = [];
    const push = runnerEnv(tmp.dir, gh.url, null);
    const first = fakeCore({
      config: gateConfig(tmp.dir, 'promote'),
      'model-name': 'telco-churn',
      promote: 'true',
      'github-token': 't',
    });
    await run(deps(gh, first.core, push, uploads));
    expect(first.seen.failed).toEqual([]);
    expect(first.seen.outputs).toMatchObject({
      verdict: 'PASS',
      version: '1.0.0',
      tag: 'telco-churn@v1.0.0',
    });
    expect(uploads).toHaveLength(1);
    expect(repo().refs.has('refs/tags/telco-churn@v1.0.0')).toBe(true);
    expect(repo().refs.has('refs/tags/telco-churn#production')).toBe(true);

    // The next run reads the baseline from the registry: the same model, so nothing new.
    const second = fakeCore({
      config: gateConfig(tmp.dir, 'registry', ''),
      baseline: 'registry',
      'model-name': 'telco-churn',
      promote: 'true',
      'github-token': 't',
    });
    await run(deps(gh, second.core, push, uploads));
    expect(second.seen.failed).toEqual([]);
    expect(second.seen.info.join('\n')).toMatch(/baseline is telco-churn@v1\.0\.0/);
    expect(second.seen.outputs.version).toBe('1.0.0');
    expect(uploads).toHaveLength(1);

    const back = fakeCore({
      'rollback-to': 'v1.0.0',
      'model-name': 'telco-churn',
      'github-token': 't',
    });
    await run(deps(gh, back.core, push));
    expect(back.seen.outputs).toMatchObject({ verdict: 'ROLLBACK', version: '1.0.0' });
  });
});
