/**
 * What every gate run leaves behind: report.json, its Markdown, the candidate's card and its
 * serving contract (contract.json) in the runner's temp folder (and as the run's workflow
 * artifact, the full report a trimmed comment points to); the step's outputs (verdict, the files'
 * paths, the artifact's name); the Markdown in the job summary; an annotation per failing or
 * inconclusive rule; and the PR comment, upserted on its hidden marker — on a pull_request event
 * for its pull request, on a workflow_run event (the fork pattern) for the triggering run's. A
 * comment that cannot be written — a fork's read-only token, a 403, GitHub failing — is a
 * warning: the summary still holds the report and the verdict still decides the step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardToMarkdown } from '../domain/card/index.js';
import { contractText } from '../domain/contract/index.js';
import type { GateReport } from '../domain/gate/report.js';
import { renderGateMarkdown } from '../domain/render/gate-markdown/index.js';
import { ruleScope } from '../domain/render/gate-text.js';
import { GITHUB_COMMENT_LIMIT } from '../domain/render/markdown/index.js';
import {
  CommentForbiddenError,
  commentMarker,
  findComment,
  upsertComment,
} from '../github/comments.js';
import { explainGitHubError } from '../github/errors.js';
import type { GitHubClient } from '../github/octokit.js';
import { pullRequestOfRun } from '../github/pulls.js';
import type { VersionFiles } from '../registry/port.js';
import type { ActionContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionDeps } from './run.js';

export interface Published {
  readonly reportPath: string;
  readonly commentUrl: string | null;
  /** report.json, MODEL_CARD.md, contract.json and the candidate model, as a promotion stores them. */
  readonly files: VersionFiles;
}

export interface PublishInput {
  readonly inputs: ActionInputs;
  readonly context: ActionContext;
  readonly report: GateReport;
  readonly modelName: string;
  readonly github: () => Promise<GitHubClient>;
  /** False when publishing an earlier run's report: that run's artifact already holds it. */
  readonly uploadArtifact: boolean;
}

/** The workflow artifact that holds the full report of a gate run. */
export function artifactName(modelName: string, commentId: string): string {
  return `model-gate-${modelName}${commentId ? `-${commentId}` : ''}-report`;
}

export async function publishReport(deps: ActionDeps, input: PublishInput): Promise<Published> {
  const { core } = deps;
  const { report, context, inputs, modelName } = input;
  const dir = join(context.runnerTemp, 'model-gate', modelName);
  mkdirSync(dir, { recursive: true });
  const reportPath = join(dir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const card = join(dir, 'MODEL_CARD.md');
  writeFileSync(card, cardToMarkdown(report.cards.candidate, { task: report.task }));
  const artifact = artifactName(modelName, inputs.commentId);
  // The gate's workflow names the comment, also when a workflow_run workflow writes it.
  const marker = commentMarker(
    modelName,
    inputs.commentId || (context.workflowRun?.name ?? context.workflow),
  );
  const markdown = renderGateMarkdown(report, {
    // The comment carries the marker line too.
    limit: GITHUB_COMMENT_LIMIT - marker.length - 1,
    fullReport: `the workflow artifact ${artifact} of ${input.uploadArtifact ? 'this run' : 'the gate run'}`,
  });
  const markdownPath = join(dir, 'report.md');
  writeFileSync(markdownPath, markdown);
  const served = report.serving_contract;
  const contract = served ? join(dir, 'contract.json') : undefined;
  if (served && contract !== undefined) writeFileSync(contract, contractText(served));
  core.setOutput('verdict', report.decision.verdict);
  core.setOutput('report-path', reportPath);
  core.setOutput('markdown-path', markdownPath);
  core.setOutput('card-path', card);
  core.setOutput('contract-path', contract ?? '');
  core.setOutput('artifact-name', artifact);
  if (input.uploadArtifact) {
    const files = [reportPath, markdownPath, card, ...(contract === undefined ? [] : [contract])];
    await deps.uploadArtifact(artifact, files, context);
  }
  await summary(deps, context, markdown);
  annotate(deps, report);
  const commentUrl = await comment(deps, input, marker, markdown);
  return {
    reportPath,
    commentUrl,
    files: { model: report.models.candidate.path, card, report: reportPath, contract },
  };
}

async function summary(deps: ActionDeps, context: ActionContext, markdown: string) {
  if (context.summaryFile === undefined) {
    deps.core.info('model-gate: GITHUB_STEP_SUMMARY is not set; no job summary');
    return;
  }
  await deps.core.summary(markdown);
}

function annotate(deps: ActionDeps, report: GateReport): void {
  for (const r of report.decision.rules) {
    const message = `${r.rule}${ruleScope(r.scope)}: ${r.reason}`;
    if (r.outcome === 'FAIL') deps.core.error(message, { title: 'model-gate: rule failed' });
    if (r.outcome === 'INCONCLUSIVE') {
      deps.core.warning(message, { title: 'model-gate: rule inconclusive' });
    }
  }
}

const FORK_NOTE =
  "A pull request from a fork runs with a read-only token, so model-gate cannot comment on it here: the report is in this job's summary and in this run's workflow artifact. To comment, add the workflow_run workflow that publishes that artifact (model-gate's README, \"Pull requests from forks\"; examples/workflows/fork-comment.yml).";

async function comment(
  deps: ActionDeps,
  input: PublishInput,
  marker: string,
  markdown: string,
): Promise<string | null> {
  const { inputs, context, report } = input;
  if (inputs.comment === 'never') return null;
  if (context.pullRequest === null && context.workflowRun === null) return null;
  if (context.fromFork) {
    deps.core.warning(FORK_NOTE, { title: 'model-gate: no PR comment' });
    await summary(deps, context, `\n> ${FORK_NOTE}\n`);
    return null;
  }
  try {
    const octokit = await input.github();
    const issueNumber = context.pullRequest ?? (await runPullRequest(deps, octokit, context));
    if (issueNumber === null) return null;
    const target = { owner: context.owner, repo: context.repo, issueNumber };
    if (inputs.comment === 'auto' && report.decision.verdict === 'PASS') {
      // auto: a passing gate updates its earlier comment but does not start a new one.
      const earlier = await findComment(octokit, target, marker);
      if (earlier === null) {
        deps.core.info('model-gate: PASS and no earlier comment: not commenting (comment: auto)');
        return null;
      }
    }
    const result = await upsertComment(octokit, { ...target, marker, body: markdown });
    deps.core.info(`model-gate: ${result.action} the comment ${result.url}`);
    return result.url;
  } catch (error) {
    const why =
      error instanceof CommentForbiddenError
        ? error.message
        : (explainGitHubError(error)?.message ?? (error as Error).message);
    deps.core.warning(why, { title: 'model-gate: no PR comment' });
    return null;
  }
}

/** The pull request of the workflow run that triggered this one, or null (said in the log). */
async function runPullRequest(
  deps: ActionDeps,
  octokit: GitHubClient,
  context: ActionContext,
): Promise<number | null> {
  const run = context.workflowRun;
  if (run === null) return null;
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    deps.core.info(
      `model-gate: the triggering run was a ${run.event} event: no pull request to comment on`,
    );
    return null;
  }
  const number = await pullRequestOfRun(octokit, { owner: context.owner, repo: context.repo }, run);
  if (number === null) {
    deps.core.warning(
      `no open pull request has ${run.headRepository}:${run.headBranch} at ${run.headSha.slice(0, 12)} as its head (closed, or pushed to since); not commenting`,
      { title: 'model-gate: no PR comment' },
    );
  }
  return number;
}
