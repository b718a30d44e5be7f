/**
 * The bundled action (dist/, from `npm run build`) copied to a bare folder with no
 * node_modules and run by `node dist/action/index.js` with the INPUT_* and GITHUB_* environment
 * the runner sets, against loopback servers playing GitHub's REST API and the artifact service:
 * a pull request run (comment, summary, outputs), then a promotion on main (tags, release,
 * workflow artifact). Asynchronous child processes: the servers live in this process.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArtifactServer,
  mintRuntimeToken,
  readZip,
  startArtifactServer,
} from '../support/artifact-server.js';
import { FakeGitHub } from '../support/github-server.js';
import { tempDir } from '../support/tmp.js';

const run = promisify(execFile);
const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');
const github = new FakeGitHub();
let api: { url: string; close(): Promise<void> };
let artifacts: ArtifactServer;
let bare: string;

beforeAll(async () => {
  api = await github.start();
  artifacts = await startArtifactServer();
  bare = join(tmp.dir, 'action');
  cpSync('dist', join(bare, 'dist'), { recursive: true });
  cpSync('action.yml', join(bare, 'action.yml'));
});
afterAll(async () => {
  await api.close();
  await artifacts.close();
});

/** Runs the bundle as the runner would; returns exit code, the outputs file and the summary. */
async function step(name: string, inputs: Record<string, string>, pr: number | null) {
  const dir = join(tmp.dir, name);
  cpSync(join(TELCO), join(dir, 'data'), { recursive: true });
  const event = join(dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify(
      pr === null
        ? {}
        : { pull_request: { number: pr, head: { repo: { full_name: 'acme/models' } } } },
    ),
  );
  const outputs = join(dir, 'outputs.txt');
  const summary = join(dir, 'summary.md');
  writeFileSync(outputs, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_EVENT_NAME: pr === null ? 'push' : 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_API_URL: api.url,
    // github.com: any other server is taken for GHES, which has no artifact service v2.
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: outputs,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    ACTIONS_RUNTIME_TOKEN: mintRuntimeToken({
      workflowRunBackendId: 'run-1',
      workflowJobRunBackendId: 'job-1',
    }),
    ACTIONS_RESULTS_URL: artifacts.resultsUrl,
    'INPUT_GITHUB-TOKEN': github.token,
  };
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase()}`] = value;
  const config = join(dir, '.model-gate.yml');
  writeFileSync(
    config,
    `version: 1
label: Churn
models: { candidate: data/candidate.onnx, baseline: data/baseline.onnx }
data: { holdout: data/holdout.csv }
statistics: { bootstrap: 200 }
`,
  );
  const result = await run(process.execPath, [join(bare, 'dist/action/index.js')], {
    cwd: dir,
    env,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  return {
    ...result,
    outputs: readFileSync(outputs, 'utf8'),
    summary: readFileSync(summary, 'utf8'),
  };
}

/** The value of one output in GITHUB_OUTPUT's heredoc format. */
function output(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(text);
  return match?.[2];
}

describe('dist/action from a bare folder', () => {
  it('has no node_modules to lean on', () => {
    expect(existsSync(join(bare, 'node_modules'))).toBe(false);
  });

  it('on a pull request: PASS, the summary, one comment, the outputs', async () => {
    const r = await step('pr', { 'model-name': 'telco-churn', comment: 'always' }, 5);
    expect(r.code, r.stdout).toBe(0);
    expect(output(r.outputs, 'verdict')).toBe('PASS');
    expect(existsSync(output(r.outputs, 'report-path') ?? '')).toBe(true);
    expect(r.summary).toMatch(/^## model-gate: PASS/m);
    const comments = github.store.repo('acme', 'models').commentsOn(5);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/<!-- model-gate:telco-churn -->\n## model-gate: PASS/);
    expect(output(r.outputs, 'comment-url')).toMatch(/#issuecomment-/);
    // The full report, which a trimmed comment points to, is the run's workflow artifact.
    const report = artifacts.artifact('model-gate-telco-churn-report');
    expect(
      readZip(report?.blob as Uint8Array)
        .map((e) => e.name)
        .sort(),
    ).toEqual(['MODEL_CARD.md', 'report.json', 'report.md']);
  });

  it('on main with promote: the version tag, the stage tag, the release and the artifact', async () => {
    const r = await step('main', { 'model-name': 'telco-churn', promote: 'true' }, null);
    expect(r.code, r.stdout).toBe(0);
    expect(output(r.outputs, 'version')).toBe('1.0.0');
    expect(output(r.outputs, 'tag')).toBe('telco-churn@v1.0.0');
    const refs = github.store.repo('acme', 'models').refs;
    expect(refs.has('refs/tags/telco-churn@v1.0.0')).toBe(true);
    expect(refs.has('refs/tags/telco-churn#production')).toBe(true);
    const artifact = artifacts.artifact('telco-churn-v1.0.0');
    expect(artifact, r.stdout).toBeDefined();
    const zip = readZip(artifact?.blob as Uint8Array);
    expect(zip.map((e) => e.name).sort()).toEqual(['MODEL_CARD.md', 'model.onnx', 'report.json']);
    expect(r.summary).toMatch(/\*\*Promotion:\*\*/);
  });

  it('fails the step with a message on a bad input', async () => {
    const r = await step('bad', { promote: 'maybe' }, null);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::model-gate: input 'promote' is 'maybe'; it takes true or false/,
    );
  });
});
