/**
 * The action run in-process: a fake @actions/core that records outputs, the summary, failures
 * and annotations; the runner's environment for a pull request or a push; the real Octokit on
 * the fake GitHub (test/support/github-server).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActionCore, ActionDeps } from '../../src/action/run.js';
import type { GitHubHarness } from '../support/github-server/harness.js';

export const TELCO = resolve('fixtures/classification_telco_churn');
export const OWNER = 'acme';
export const REPO = 'models';
export const SHA = 'a'.repeat(40);

export interface Recorded {
  readonly outputs: Record<string, string>;
  readonly summary: string[];
  readonly failed: string[];
  readonly warnings: string[];
  readonly errors: string[];
  readonly info: string[];
}

export function fakeCore(inputs: Record<string, string>): { core: ActionCore; seen: Recorded } {
  const seen: Recorded = {
    outputs: {},
    summary: [],
    failed: [],
    warnings: [],
    errors: [],
    info: [],
  };
  const core: ActionCore = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      seen.outputs[name] = value;
    },
    setFailed: (message) => seen.failed.push(message),
    info: (message) => seen.info.push(message),
    warning: (message) => seen.warnings.push(message),
    error: (message) => seen.errors.push(message),
    summary: async (markdown) => {
      seen.summary.push(markdown);
    },
  };
  return { core, seen };
}

/** The environment the runner gives a step; a pull_request event when `pr` is a number. */
export function runnerEnv(dir: string, url: string, pr: number | null, fork = false) {
  const event =
    pr === null
      ? { ref: 'refs/heads/main' }
      : {
          pull_request: {
            number: pr,
            head: { repo: { full_name: fork ? 'someone/models' : `${OWNER}/${REPO}` } },
          },
        };
  const eventPath = join(dir, `event-${pr ?? 'push'}-${fork}.json`);
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_NAME: pr === null ? 'push' : 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: SHA,
    GITHUB_API_URL: url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_WORKSPACE: resolve('.'),
    RUNNER_TEMP: dir,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
}

export function deps(
  gh: GitHubHarness,
  core: ActionCore,
  env: Record<string, string>,
  /** Names of the workflow artifacts uploaded. */
  uploads: string[] = [],
): ActionDeps {
  return {
    core,
    env,
    octokit: async () => gh.octokit,
    uploadArtifact: async (name) => {
      uploads.push(name);
    },
    now: () => new Date('2026-11-28T10:00:00Z'),
    toolVersion: '0.0.0-test',
    worker: null,
    probe: null,
    threads: 2,
  };
}

export function gateConfig(dir: string, name: string, extra = ''): string {
  const path = join(dir, `${name}.yml`);
  writeFileSync(
    path,
    `version: 1
label: Churn
models: { candidate: ${join(TELCO, 'candidate.onnx')}, baseline: ${join(TELCO, 'baseline.onnx')} }
data: { holdout: ${join(TELCO, 'holdout.csv')} }
statistics: { bootstrap: 100 }
${extra}`,
  );
  return path;
}
