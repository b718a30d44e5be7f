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
