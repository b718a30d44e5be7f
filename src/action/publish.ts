/**
 * What every gate run leaves behind: report.json, its Markdown and the candidate's card in the
 * runner's temp folder (and as the run's workflow artifact, the full report a trimmed comment
 * points to); the step's verdict and report-path outputs; the Markdown in the job summary; an
 * annotation per failing or inconclusive rule; and the PR comment, upserted on its hidden
 * marker. A comment that cannot be written — a fork's read-only token, a 403, GitHub failing —
 * is a warning: the summary still holds the report and the verdict still decides the step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardToMarkdown } from '../domain/card/index.js';
import type { GateReport } from '../domain/gate/report.js';
import { renderGateMarkdown } from '../domain/render/gate-markdown/index.js';
import { GITHUB_COMMENT_LIMIT } from '../domain/render/markdown/index.js';
import {
  CommentForbiddenError,
  commentMarker,
  findComment,
  upsertComment,
} from '../github/comments.js';
import { explainGitHubError } from '../github/errors.js';
import type { GitHubClient } from '../github/octokit.js';
import type { VersionFiles } from '../registry/port.js';
import type { ActionContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionDeps } from './run.js';

export interface Published {
  readonly reportPath: string;
  readonly commentUrl: string | null;
  /** report.json, MODEL_CARD.md and the candidate model, as a promotion stores them. */
  readonly files: VersionFiles;
}

export interface PublishInput {
  readonly inputs: ActionInputs;
  readonly context: ActionContext;
  readonly report: GateReport;
  readonly modelName: string;
  readonly github: () => Promise<GitHubClient>;
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
  core.setOutput('verdict', report.decision.verdict);
  core.setOutput('report-path', reportPath);
  const artifact = `model-gate-${modelName}${inputs.commentId ? `-${inputs.commentId}` : ''}-report`;
  const marker = commentMarker(modelName, inputs.commentId || context.workflow);
  const markdown = renderGateMarkdown(report, {
    // The comment carries the marker line too.
    limit: GITHUB_COMMENT_LIMIT - marker.length - 1,
    fullReport: `the workflow artifact ${artifact} of this run`,
  });
  const markdownPath = join(dir, 'report.md');
  writeFileSync(markdownPath, markdown);
  await deps.uploadArtifact(artifact, [reportPath, markdownPath, card], context);
  await summary(deps, context, markdown);
  annotate(deps, report);
  const commentUrl = await comment(deps, input, marker, markdown);
  return {
    reportPath,
    commentUrl,
    files: { model: report.models.candidate.path, card, report: reportPath },
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
    const scope = r.scope === 'overall' ? '' : ` [${r.scope.slicing} = ${r.scope.slice}]`;
    const message = `${r.rule}${scope}: ${r.reason}`;
    if (r.outcome === 'FAIL') deps.core.error(message, { title: 'model-gate: rule failed' });
    if (r.outcome === 'INCONCLUSIVE') {
      deps.core.warning(message, { title: 'model-gate: rule inconclusive' });
    }
  }
}

const FORK_NOTE =
  'A pull request from a fork runs with a read-only token, so model-gate cannot comment on it: the report is in this job\'s summary. To comment, run the gate in a `workflow_run` workflow triggered by this one (see dorny/test-reporter\'s "Recommended setup for public repositories").';

async function comment(
  deps: ActionDeps,
  input: PublishInput,
  marker: string,
  markdown: string,
): Promise<string | null> {
  const { inputs, context, report } = input;
  if (inputs.comment === 'never' || context.pullRequest === null) return null;
  if (context.fromFork) {
    deps.core.warning(FORK_NOTE, { title: 'model-gate: no PR comment' });
    await summary(deps, context, `\n> ${FORK_NOTE}\n`);
    return null;
  }
  const target = { owner: context.owner, repo: context.repo, issueNumber: context.pullRequest };
  try {
    const octokit = await input.github();
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
