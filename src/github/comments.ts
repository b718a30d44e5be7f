/**
 * The gate's pull-request comment, upserted: one comment per model (and optional comment id),
 * found by a hidden HTML marker (STYLE 9), updated in place on every run. Every page of
 * comments is read until the marker turns up (STYLE 8): a busy PR has more than one page, and
 * reading only the first posts a duplicate.
 *
 * A read-only token (a pull request from a fork) cannot comment; that is a CommentForbiddenError,
 * which the action turns into a warning and a job-summary note instead of a failed step (STYLE 11).
 */
import { githubMessage, isRateLimit, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';

/** GitHub rejects a comment body longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  /** The pull request's (or issue's) number. */
  readonly issueNumber: number;
}

export interface UpsertCommentInput extends CommentTarget {
  /** From commentMarker(); put on the body's first line when the body does not hold it. */
  readonly marker: string;
  readonly body: string;
}

export interface UpsertCommentResult {
  readonly action: 'created' | 'updated';
  readonly id: number;
  /** The comment's web address. */
  readonly url: string;
}

/** Characters kept as they are in a marker id; the rest are percent-encoded (UTF-8). */
const MARKER_SAFE = /^[A-Za-z0-9._@#/+=-]$/;

function encodeMarkerPart(part: string): string {
  const encoded = Array.from(part, (ch) =>
    MARKER_SAFE.test(ch)
      ? ch
      : Array.from(
          new TextEncoder().encode(ch),
          (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join(''),
  );
  return encoded.join('').replace(/--/g, '-%2D');
}

/**
 * The hidden line that identifies a comment: `<!-- model-gate:<model>[:<commentId>] -->`. Each
 * part is percent-encoded where needed, so that it cannot end the HTML comment (no `--`, no `>`)
 * and distinct (model, comment id) pairs give distinct markers: the encoding is reversible, the
 * `:` between the parts is the only raw one, and ` -->` ends each marker, so none holds another.
 */
export function commentMarker(model: string, commentId?: string): string {
  if (model.trim() === '') throw new Error('commentMarker: the model name is empty');
  const parts = commentId === undefined || commentId === '' ? [model] : [model, commentId];
  return `<!-- model-gate:${parts.map(encodeMarkerPart).join(':')} -->`;
}

/** Why a comment could not be written, and what to do; the action warns instead of failing. */
export class CommentForbiddenError extends Error {
  override readonly name = 'CommentForbiddenError';
  constructor(
    readonly status: 403 | 404,
    readonly target: CommentTarget,
    readonly operation: 'list' | 'create' | 'update',
    cause: unknown,
  ) {
    super(forbiddenMessage(status, target, operation, githubMessage(cause)), { cause });
  }
}

function forbiddenMessage(
  status: 403 | 404,
  { owner, repo, issueNumber }: CommentTarget,
  operation: string,
  answer: string,
): string {
  const where = `${owner}/${repo}#${issueNumber}`;
  const why =
    status === 403
      ? 'the token is read-only here. A pull request from a fork gets a read-only GITHUB_TOKEN; ' +
        'otherwise give the job `permissions: pull-requests: write`.'
      : 'the pull request does not exist, or the token cannot see the repository. Check the ' +
        "issue number and the token's access.";
  return (
    `model-gate could not ${operation} comments on ${where} (GitHub answered ${status}: ${answer}): ` +
    `${why} For pull requests from forks, run the gate on \`pull_request\`, upload report.json as ` +
    'an artifact, and post the comment from a `workflow_run` workflow, which has a write token.'
  );
}

async function guarded<T>(
  target: CommentTarget,
  operation: CommentForbiddenError['operation'],
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = statusOf(error);
    if ((status === 403 || status === 404) && !isRateLimit(error)) {
      throw new CommentForbiddenError(status, target, operation, error);
    }
    throw error;
  }
}

/** The first comment whose body holds `marker`, reading pages of 100 until it turns up. */
export async function findComment(
  octokit: GitHubClient,
  target: CommentTarget,
  marker: string,
): Promise<{ readonly id: number; readonly url: string } | null> {
  return guarded(target, 'list', async () => {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    for await (const { data } of pages) {
      const found = data.find((comment) => comment.body?.includes(marker));
      // Leaving the loop ends the iterator: no further page is requested.
      if (found) return { id: found.id, url: found.html_url };
    }
    return null;
  });
}

export async function upsertComment(
  octokit: GitHubClient,
  input: UpsertCommentInput,
): Promise<UpsertCommentResult> {
  const { owner, repo, issueNumber, marker } = input;
  const target: CommentTarget = { owner, repo, issueNumber };
  const body = input.body.includes(marker) ? input.body : `${marker}\n${input.body}`;
  if (body.length > COMMENT_LIMIT) {
    throw new Error(
      `The comment for ${owner}/${repo}#${issueNumber} is ${body.length} characters; GitHub ` +
        `accepts ${COMMENT_LIMIT}. The report renderer should have trimmed it: please report this.`,
    );
  }
  const existing = await findComment(octokit, target, marker);
  if (existing) {
    const { data } = await guarded(target, 'update', () =>
      octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body }),
    );
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await guarded(target, 'create', () =>
    octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
  );
  return { action: 'created', id: data.id, url: data.html_url };
}
