/**
 * The bundled action (the release tree: dist/ from `npm test`'s build, or
 * MODEL_GATE_RELEASE_TREE) copied to a bare folder with no node_modules and run by
 * `node dist/action/index.js` with the INPUT_* and GITHUB_* environment the runner sets, against
 * loopback servers playing GitHub's REST API and the artifact service: a pull request run
 * (comment, summary, outputs), a promotion on main (tags, release, workflow artifact), hostile
 * column names in the log, and the same tree without this machine's binding (an error naming
 * the supported runners; a rollback, which needs no model, still runs). Asynchronous child
 * processes: the servers live in this process.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { baseEnv, copyReleaseTree } from '../support/release-tree.js';
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
  bare = copyReleaseTree(join(tmp.dir, 'action'));
});
afterAll(async () => {
  await api.close();
  await artifacts.close();
});

/** Runs the bundle as the runner would; returns exit code, the outputs file and the summary. */
async function step(
  name: string,
  inputs: Record<string, string>,
  pr: number | null,
  options: { tree?: string; config?: string } = {},
) {
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
    ...baseEnv(),
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
    options.config ??
      `version: 1
label: Churn
models: { candidate: data/candidate.onnx, baseline: data/baseline.onnx }
data: { holdout: data/holdout.csv }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }
  - { memory: { peak_mb: { max: 1000 } } }   # the bundle's probe process, dist/probe
statistics: { bootstrap: 200 }
`,
  );
  const tree = options.tree ?? bare;
  const result = await run(process.execPath, [join(tree, 'dist/action/index.js')], {
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
    for (const file of ['report-path', 'markdown-path', 'card-path', 'contract-path']) {
      expect(existsSync(output(r.outputs, file) ?? ''), file).toBe(true);
    }
    expect(output(r.outputs, 'artifact-name')).toBe('model-gate-telco-churn-report');
    // The log ends on the verdict, on a PASS too.
    expect(r.stdout.trimEnd().split(/\r?\n/).at(-1)).toMatch(/^model-gate: PASS — /);
    expect(r.summary).toMatch(/^## model-gate: PASS/m);
    // The memory rule ran dist/probe from the release tree, on each model.
    const gated = JSON.parse(readFileSync(output(r.outputs, 'report-path') ?? '', 'utf8'));
    expect(gated.serving.memory[0].candidate.peak_mb).toBeGreaterThan(0);
    expect(gated.decision.rules[1].rule).toBe('peak memory at batch 1 ≤ 1000 MiB');
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
    ).toEqual(['MODEL_CARD.md', 'contract.json', 'report.json', 'report.md']);
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
    expect(zip.map((e) => e.name).sort()).toEqual([
      'MODEL_CARD.md',
      'contract.json',
      'model.onnx',
      'report.json',
    ]);
    const card = zip.find((e) => e.name === 'MODEL_CARD.md');
    expect(card?.data.toString('utf8')).toContain('Registered as `telco-churn@v1.0.0`.');
    expect(r.summary).toMatch(/\*\*Promotion:\*\*/);
  });

  it('fails the step with a message on a bad input', async () => {
    const r = await step('bad', { promote: 'maybe' }, null);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::model-gate: input 'promote' is 'maybe'; it takes true or false/,
    );
  });

  it('prints hostile column and slice names without a workflow command', async () => {
    const hostile = 'Contract\n::error title=pwned::injected\n::add-mask::age';
    const dir = join(tmp.dir, 'hostile-data');
    const [header, ...rows] = readFileSync(join(TELCO, 'holdout.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    cpSync(TELCO, dir, { recursive: true });
    writeFileSync(
      join(dir, 'holdout.csv'),
      [
        `"${hostile}",${header}`,
        ...rows.map((row, i) => `${i % 2 ? '::warning::pwned' : '"##[error]x"'},${row}`),
      ].join('\n'),
    );
    const config = JSON.stringify({
      version: 1,
      label: 'Churn',
      models: { candidate: join(dir, 'candidate.onnx'), baseline: join(dir, 'baseline.onnx') },
      data: { holdout: join(dir, 'holdout.csv') },
      slices: [{ column: hostile }],
      // Failing per slice, so the verdict line names the slices; fail-on: never prints it as
      // information (core.info writes it raw), not as an escaped ::error::.
      rules: [{ metric: 'accuracy', min: 0.99, slices: true }],
      statistics: { bootstrap: 100 },
    });
    const inputs = { 'model-name': 'hostile', comment: 'never', 'fail-on': 'never' };
    const r = await step('hostile', inputs, null, {
      config,
    });
    expect(r.code, r.stdout).toBe(0);
    // The file's payloads may appear inside the toolkit's own commands (an annotation's
    // message, escaped by @actions/core), never as a line of their own.
    const payloads = ['::error title=pwned::', '::add-mask::age', '::warning::pwned', '##[error]'];
    const injected = r.stdout
      .split(/\r?\n/)
      .filter((line) => payloads.some((p) => line.trimStart().startsWith(p)));
    expect(injected).toEqual([]);
    // The verdict line, written by core.info, names the slices (neutralised, not dropped).
    expect(r.stdout).toMatch(/^model-gate: FAIL — 3 of 3 rules failed: [\s\S]*warning::pwned/m);
  });

  describe('without a binding for this machine', () => {
    let tree: string;
    beforeAll(() => {
      tree = copyReleaseTree(join(tmp.dir, 'no-binding'));
      rmSync(join(tree, 'dist', 'bin', 'napi-v6', process.platform, process.arch), {
        recursive: true,
        force: true,
      });
    });

    it('fails the step with an error naming the supported runners, outputs still set', async () => {
      const r = await step('no-binding', { 'model-name': 'telco-churn' }, null, { tree });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /^::error::model-gate: onnxruntime's native binding for \w+\/\w+ could not be loaded: .*Models run on Linux x64 \(ubuntu-latest\), Linux arm64 \(ubuntu-24\.04-arm\), macOS arm64 \(macos-latest\), Windows x64 \(windows-latest\)/m,
      );
      expect(output(r.outputs, 'artifact-name')).toBe('model-gate-telco-churn-report');
    });

    it('still rolls back, which needs no model', async () => {
      // The promotion above made v1.0.0; a second version to move back from.
      const r = await step(
        'rollback',
        { 'model-name': 'telco-churn', 'rollback-to': 'v1.0.0' },
        null,
        {
          tree,
        },
      );
      expect(r.code, r.stdout).toBe(0);
      expect(output(r.outputs, 'verdict')).toBe('ROLLBACK');
      expect(output(r.outputs, 'tag')).toBe('telco-churn@v1.0.0');
    });
  });
});
