/**
 * What the runner tells the step through its environment, read once (index.ts passes
 * process.env): the repository, the event and its pull request, the commit, the API and
 * artifact service URLs, and the files the step writes its outputs and summary to.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';
import { type ArtifactEnvironment, artifactEnvironmentFrom } from '../github/artifact-upload.js';

export interface ActionContext {
  readonly owner: string;
  readonly repo: string;
  readonly eventName: string;
  /** The pull request's number on pull_request(_target) events; null elsewhere. */
  readonly pullRequest: number | null;
  /** True when the pull request comes from a fork (its token is read-only). */
  readonly fromFork: boolean;
  readonly sha: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly runId: string;
  /** The workflow's name (GITHUB_WORKFLOW): two workflows gating one model keep two comments. */
  readonly workflow: string;
  readonly workspace: string;
  /** Where the step may write files that outlive it in this job. */
  readonly runnerTemp: string;
  readonly summaryFile: string | undefined;
  /** What @actions/artifact reads (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, ...). */
  readonly artifactEnv: ArtifactEnvironment;
}

type Env = Readonly<Record<string, string | undefined>>;

export function actionContext(env: Env): ActionContext {
  const need = (name: string): string => {
    const v = env[name];
    if (v === undefined || v === '') {
      throw new InputError(
        `${name} is not set: model-gate's action runs as a step of a GitHub Actions job`,
        'Outside Actions, run the CLI: npx model-gate gate --config .model-gate.yml',
      );
    }
    return v;
  };
  const [owner, repo] = need('GITHUB_REPOSITORY').split('/') as [string, string | undefined];
  if (!repo) throw new InputError(`GITHUB_REPOSITORY '${env.GITHUB_REPOSITORY}' is not owner/repo`);
  const eventName = need('GITHUB_EVENT_NAME');
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = event.pull_request as Record<string, unknown> | undefined;
  const number = typeof pr?.number === 'number' ? pr.number : null;
  const head = (pr?.head as Record<string, unknown> | undefined)?.repo as
    | Record<string, unknown>
    | undefined;
  return {
    owner,
    repo,
    eventName,
    pullRequest: number,
    fromFork: typeof head?.full_name === 'string' && head.full_name !== `${owner}/${repo}`,
    sha: need('GITHUB_SHA'),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.GITHUB_WORKSPACE || process.cwd(),
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    artifactEnv: artifactEnvironmentFrom(env),
  };
}

function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`the event file ${path} cannot be read: ${(error as Error).message}`);
  }
}
