/**
 * Reading GitHub's answer out of an error thrown by Octokit: the HTTP status, GitHub's own
 * message, and whether it was a rate limit. Duck-typed, so that src/github does not depend on
 * @octokit/request-error's class (not one of our dependencies, and it may be duplicated).
 */

interface ErrorResponse {
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  readonly data?: unknown;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The HTTP status of a failed request (500 for a network failure); undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const status = field(error, 'status');
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's `message` from the response body, else the error's message. */
export function githubMessage(error: unknown): string {
  const response = field(error, 'response') as ErrorResponse | undefined;
  const message = field(response?.data, 'message');
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A 403 or 429 that is a rate limit, not a permission: the primary limit says
 * x-ratelimit-remaining: 0, a secondary one says so in its message (and usually retry-after).
 */
export function isRateLimit(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return false;
  const headers = (field(error, 'response') as ErrorResponse | undefined)?.headers ?? {};
  return (
    String(headers['x-ratelimit-remaining']) === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(githubMessage(error))
  );
}

/**
 * A request that got no answer at all — refused, reset, timed out, a name that does not resolve:
 * Octokit reports it as status 500 with no response, which must not read as GitHub's own 500.
 */
export function isNetworkFailure(error: unknown): boolean {
  return statusOf(error) === 500 && field(error, 'response') === undefined;
}

/** Octokit's message for a network failure, with the system error code when the cause has one. */
function networkMessage(error: unknown): string {
  let cause: unknown = error;
  let code: unknown;
  for (let depth = 0; depth < 4 && cause !== undefined && code === undefined; depth++) {
    code = field(cause, 'code');
    cause = field(cause, 'cause');
  }
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * A failed GitHub request as the person running the workflow needs it: what GitHub said, and
 * which permission or setting to check. Null for an error that is not GitHub's answer.
 */
export function explainGitHubError(error: unknown): { message: string; hint: string } | null {
  const status = statusOf(error);
  if (status === undefined) return null;
  if (isNetworkFailure(error)) {
    const url = field(field(error, 'request'), 'url');
    const host = typeof url === 'string' ? safeOrigin(url) : 'the GitHub API';
    return {
      message: `could not reach ${host}: ${networkMessage(error)} — a network failure, not an answer from GitHub`,
      hint: "Check the runner's network and proxy (HTTPS_PROXY, NO_PROXY) and the API address (GITHUB_API_URL); re-run the job once GitHub is reachable.",
    };
  }
  const said = `GitHub answered ${status}: ${githubMessage(error)}`;
  if (isRateLimit(error)) {
    return { message: said, hint: 'The API rate limit ran out; re-run the job later.' };
  }
  const hints: Record<number, string> = {
    401: "The token was refused: check the step's github-token input.",
    403: 'The token lacks a permission. Give the job `permissions:` contents: read to read the registry, contents: write to promote or roll back, pull-requests: write to comment.',
    404: "Not found for this token: check the repository and that the token can see it (a fork's pull request gets a read-only token).",
    422: 'GitHub refused the request as invalid; the message says which field.',
  };
  return {
    message: said,
    hint: hints[status] ?? 'GitHub failed after retries; re-run the job.',
  };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the GitHub API';
  }
}
