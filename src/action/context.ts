/**
 * What the runner tells the step through its environment, read once (index.ts passes
 * process.env): the repository, the event and its pull request, the commit, the API and
 * artifact service URLs, and the files the step writes its outputs and summary to.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';
import { type ArtifactEnvironment, artifactEnvironmentFrom } from '../github/artifact-upload.js';
import { VERSION } from '../version.js';

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
  /**
   * On a workflow_run event, the run that triggered this one (the gate, in the fork pattern);
   * its pull request is found through the API (github/pulls.ts), since GitHub leaves
   * `pull_requests` empty for a fork's.
   */
  readonly workflowRun: WorkflowRun | null;
  readonly workspace: string;
  /** Where the step may write files that outlive it in this job. */
  readonly runnerTemp: string;
  readonly summaryFile: string | undefined;
  /** What @actions/artifact reads (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, ...). */
  readonly artifactEnv: ArtifactEnvironment;
}

export interface WorkflowRun {
  /** The triggering workflow's name: its comment marker, so both halves write one comment. */
  readonly name: string;
  /** The event that started it: pull_request for the fork pattern. */
  readonly event: string;
  readonly headSha: string;
  readonly headBranch: string;
  /** owner/repo the head commit lives in (the fork's, for a fork). */
  readonly headRepository: string;
  /** The pull requests GitHub lists on the run (same-repository ones only). */
  readonly pullRequests: readonly { number: number; headSha: string }[];
}

type Env = Readonly<Record<string, string | undefined>>;

export function actionContext(env: Env): ActionContext {
  const need = (name: string): string => {
    const v = env[name];
    if (v === undefined || v === '') {
      throw new InputError(
        `${name} is not set: model-gate's action runs as a step of a GitHub Actions job`,
        `Outside Actions, run the CLI: npx model-gate@${VERSION} gate --config .model-gate.yml`,
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
    workflowRun: eventName === 'workflow_run' ? workflowRunOf(event) : null,
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

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

function workflowRunOf(event: Record<string, unknown>): WorkflowRun {
  const run = record(event.workflow_run);
  const prs = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  return {
    name: text(run.name),
    event: text(run.event),
    headSha: text(run.head_sha),
    headBranch: text(run.head_branch),
    headRepository: text(record(run.head_repository).full_name),
    pullRequests: prs.flatMap((pr) => {
      const p = record(pr);
      return typeof p.number === 'number'
        ? [{ number: p.number, headSha: text(record(p.head).sha) }]
        : [];
    }),
  };
}
