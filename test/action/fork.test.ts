/**
 * Pull requests from forks, the two-workflow pattern (README, "Pull requests from forks"): the
 * gate runs on pull_request with the fork's read-only token — no comment, a warning that says
 * how, the report uploaded as the run's artifact — and a workflow_run workflow publishes that
 * report with `report:`, finding the pull request through the API (GitHub lists none on a fork's
 * run) and writing the one comment both halves share. Real Octokit, the fake GitHub over HTTP.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { commentMarker } from '../../src/github/comments.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { tempDir } from '../support/tmp.js';
import { deps, fakeCore, gateConfig, OWNER, REPO, runnerEnv } from './support.js';

const gh = useFakeGitHub();
const tmp = tempDir();
const repo = () => gh.server.store.repo(OWNER, REPO);
const HEAD = 'c'.repeat(40);

/** The environment of the workflow_run workflow that the gate's run triggered. */
function workflowRunEnv(name: string, run: Record<string, unknown>) {
  const event = tmp.write(`${name}-event.json`, JSON.stringify({ workflow_run: run }));
  return {
    ...runnerEnv(tmp.dir, gh.url, null),
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: event,
    GITHUB_WORKFLOW: 'model-gate comment',
  };
}

const forkRun = (headSha = HEAD) => ({
  id: 4242,
  name: 'model-gate',
  event: 'pull_request',
  head_sha: headSha,
  head_branch: 'better-model',
  head_repository: { full_name: 'someone/models' },
  // GitHub leaves this empty for a fork's pull request.
  pull_requests: [],
});

async function gateOnFork(): Promise<Record<string, string>> {
  const uploads: string[] = [];
  const { core, seen } = fakeCore({
    config: gateConfig(tmp.dir, 'fork'),
    'model-name': 'telco-churn',
    'github-token': 'read-only',
  });
  const env = { ...runnerEnv(tmp.dir, gh.url, 21, true), GITHUB_WORKFLOW: 'model-gate' };
  await runAction(deps(gh, core, env, uploads));
  expect(seen.failed).toEqual([]);
  expect(seen.warnings.join('\n')).toMatch(/workflow_run workflow that publishes that artifact/);
  expect(uploads).toEqual(['model-gate-telco-churn-report']);
  expect(repo().commentsOn(21)).toHaveLength(0);
  return seen.outputs;
}

describe('a pull request from a fork', () => {
  it('gates read-only, then the workflow_run workflow comments on the right pull request', async () => {
    repo().addPull({
      number: 20,
      headRepository: 'other/models',
      headBranch: 'better-model',
      headSha: 'd'.repeat(40),
    });
    repo().addPull({
      number: 21,
      headRepository: 'someone/models',
      headBranch: 'better-model',
      headSha: HEAD,
    });
    const gated = await gateOnFork();
    expect(gated['artifact-name']).toBe('model-gate-telco-churn-report');

    // The commenting workflow downloaded the artifact; it publishes report.json from it.
    const downloaded = join(tmp.dir, 'download-report.json');
    copyFileSync(gated['report-path'] as string, downloaded);
    const { core, seen } = fakeCore({
      report: downloaded,
      'model-name': 'telco-churn',
      'github-token': 'write',
    });
    const uploads: string[] = [];
    await runAction(deps(gh, core, workflowRunEnv('comment', forkRun()), uploads));
    expect(seen.failed).toEqual([]);
    expect(uploads).toEqual([]);
    const comments = repo().commentsOn(21);
    expect(comments).toHaveLength(1);
    // The gate workflow's name marks the comment, so a same-repository run updates this one.
    expect(comments[0]?.body.startsWith(commentMarker('telco-churn', 'model-gate'))).toBe(true);
    expect(comments[0]?.body).toMatch(/## model-gate: PASS/);
    expect(repo().commentsOn(20)).toHaveLength(0);
    expect(seen.outputs).toMatchObject({
      verdict: 'PASS',
      'artifact-name': 'model-gate-telco-churn-report',
    });
    expect(seen.outputs['comment-url']).toMatch(/\/pull\/21#issuecomment-/);
    expect(seen.info.at(-1)).toMatch(/^model-gate: PASS — /);
    expect(gh.server.requestsTo('GET', '/repos/acme/models/pulls')).toHaveLength(1);

    // Pushed to since: the report is about an older commit, so it does not overwrite the comment.
    const stale = fakeCore({
      report: downloaded,
      'model-name': 'telco-churn',
      'github-token': 'w',
    });
    await runAction(deps(gh, stale.core, workflowRunEnv('stale', forkRun('e'.repeat(40)))));
    expect(stale.seen.warnings.join('\n')).toMatch(
      /no open pull request has someone\/models:better-model at eeeeeeeeeeee/,
    );
    expect(repo().commentsOn(21)).toHaveLength(1);
    expect(repo().commentsOn(21)[0]?.body).toBe(comments[0]?.body);
  });

  it('takes a same-repository pull request from the run, without a lookup', async () => {
    const gated = await gateOnFork();
    const { core, seen } = fakeCore({
      report: gated['report-path'] as string,
      'github-token': 'w',
    });
    const run = { ...forkRun(), head_repository: { full_name: 'acme/models' } };
    await runAction(
      deps(
        gh,
        core,
        workflowRunEnv('same', { ...run, pull_requests: [{ number: 5, head: { sha: HEAD } }] }),
      ),
    );
    expect(seen.outputs['comment-url']).toMatch(/\/pull\/5#issuecomment-/);
    expect(gh.server.requestsTo('GET', '/repos/acme/models/pulls')).toHaveLength(0);
    // The model's name comes from the report when the step does not give one.
    expect(repo().commentsOn(5)[0]?.body.startsWith(commentMarker('candidate', 'model-gate'))).toBe(
      true,
    );
  });

  it('refuses a report that is not a whole gate report, naming the input', async () => {
    const gated = await gateOnFork();
    const report = JSON.parse(readFileSync(gated['report-path'] as string, 'utf8'));
    delete report.comparison;
    const broken = tmp.write('broken.json', JSON.stringify(report));
    const { core } = fakeCore({ report: broken, 'github-token': 'w' });
    await expect(runAction(deps(gh, core, workflowRunEnv('broken', forkRun())))).rejects.toThrow(
      /input 'report' '.*broken\.json' is not a whole model-gate gate report/,
    );
    writeFileSync(broken, '{"command": "evaluate"}');
    await expect(runAction(deps(gh, core, workflowRunEnv('broken', forkRun())))).rejects.toThrow(
      /input 'report'/,
    );
  });
});
