/**
 * What every gate run leaves behind: report.json and its Markdown in the runner's temp folder,
 * the Markdown in the job summary (always), an annotation per failing or inconclusive rule, and
 * the PR comment, upserted on its hidden marker. A comment GitHub refuses (a fork's read-only
 * token, a 403) is a warning: the summary still holds the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardToMarkdown } from '../domain/card/index.js';
import type { GateReport } from '../domain/gate/report.js';
import { renderGateMarkdown } from '../domain/render/gate-markdown/index.js';
import {
  CommentForbiddenError,
  commentMarker,
  findComment,
  upsertComment,
} from '../github/comments.js';
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
  readonly octokit: GitHubClient;
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
  const markdown = renderGateMarkdown(report, {
    fullReport: `report.json (the step's report-path output, ${reportPath})`,
    commit: context.sha,
  });
  writeFileSync(join(dir, 'report.md'), markdown);
  await core.summary(markdown);
  annotate(deps, report);
  const commentUrl = await comment(deps, input, markdown);
  return {
    reportPath,
    commentUrl,
    files: { model: report.models.candidate.path, card, report: reportPath },
  };
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

async function comment(
  deps: ActionDeps,
  input: PublishInput,
  markdown: string,
): Promise<string | null> {
  const { inputs, context, report, octokit, modelName } = input;
  if (inputs.comment === 'never' || context.pullRequest === null) return null;
  const target = { owner: context.owner, repo: context.repo, issueNumber: context.pullRequest };
  // One comment per model and workflow; comment-id, when given, names it instead.
  const marker = commentMarker(modelName, inputs.commentId || context.workflow);
  try {
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
    if (error instanceof CommentForbiddenError) {
      deps.core.warning(error.message, { title: 'model-gate: no PR comment' });
      return null;
    }
    throw error;
  }
}
