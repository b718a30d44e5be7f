/**
 * The one Octokit factory (STYLE 7): @actions/github's getOctokit plus @octokit/plugin-retry
 * for what is transient (5xx, network) and @octokit/plugin-throttling for rate limits, with an
 * explicit doNotRetry list so that a 403, 404 or 422 fails at once instead of after backoff.
 *
 * @actions/github reads the environment when it is imported: its `context` reads GITHUB_EVENT_PATH
 * (and the event file) and GITHUB_*, and its defaults read GITHUB_API_URL and the proxy variables.
 * `@actions/github/lib/utils` does the same. So it is imported lazily, inside createOctokit: a
 * module that imports this one reads nothing (STYLE 5); the environment is read when the outer
 * layer asks for a client, which makes createOctokit async.
 */
import type { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { VERSION } from '../version.js';

/** The client every module in src/github takes: @actions/github's Octokit (rest + paginate). */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubLog {
  warn(message: string): void;
  info(message: string): void;
}

export interface CreateOctokitOptions {
  readonly token: string;
  /** The REST API root: https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server. */
  readonly baseUrl: string;
  /** Where rate-limit warnings go (core.warning in the action); default: stderr. */
  readonly log?: GitHubLog;
  /**
   * A rate limit that asks for a longer wait than this is not waited for (default 120 s): a CI
   * job should fail with a clear message rather than sleep until the hourly quota resets.
   */
  readonly retryAfterCapSeconds?: number;
  /**
   * Multiplies every wait: retry backoff (1 s, 4 s, 9 s), rate-limit waits and the pacing of
   * writes (1 s apart, 3 s for writes that notify). Tests pass about 0.001; default 1.
   */
  readonly waitScale?: number;
}

/** Statuses that a retry cannot fix; the plugin's default list, spelled out so it cannot drift. */
export const DO_NOT_RETRY: readonly number[] = [400, 401, 403, 404, 410, 422, 451];
/** Retries on the primary rate limit (x-ratelimit-remaining: 0) and on a secondary one. */
export const RATE_LIMIT_RETRIES = 2;
export const SECONDARY_RATE_LIMIT_RETRIES = 1;
const DEFAULT_RETRY_AFTER_CAP_SECONDS = 120;

const stderrLog: GitHubLog = {
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  info: () => {},
};

export async function createOctokit(options: CreateOctokitOptions): Promise<GitHubClient> {
  if (options.token === '') {
    throw new Error('No GitHub token: pass the `github-token` input (GITHUB_TOKEN by default).');
  }
  const { getOctokit } = await import('@actions/github');
  const log = options.log ?? stderrLog;
  const cap = options.retryAfterCapSeconds ?? DEFAULT_RETRY_AFTER_CAP_SECONDS;
  const scale = options.waitScale ?? 1;
  if (!(scale > 0)) throw new RangeError(`waitScale must be a positive number, got ${scale}`);

  // plugin-throttling's handlers: return true to retry after `retryAfter` seconds.
  const limitHandler =
    (kind: string, maxRetries: number) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      const what = `${kind} on ${request.method} ${request.url}`;
      if (count >= maxRetries) {
        log.warn(`GitHub ${what}: giving up after ${count} ${count === 1 ? 'retry' : 'retries'}.`);
        return false;
      }
      if (retryAfter > cap) {
        log.warn(`GitHub ${what}: it resets in ${retryAfter} s, longer than the ${cap} s we wait.`);
        return false;
      }
      log.warn(`GitHub ${what}: retrying in ${retryAfter} s (${count + 1} of ${maxRetries}).`);
      return true;
    };

  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: `model-gate/${VERSION}`,
      log: {
        debug: () => {},
        info: (message: string) => log.info(String(message)),
        warn: (message: string) => log.warn(String(message)),
        error: (message: string) => log.warn(String(message)),
      },
      retry: { doNotRetry: [...DO_NOT_RETRY], retryAfterBaseValue: 1000 * scale },
      throttle: {
        onRateLimit: limitHandler('rate limit', RATE_LIMIT_RETRIES),
        onSecondaryRateLimit: limitHandler('secondary rate limit', SECONDARY_RATE_LIMIT_RETRIES),
        retryAfterBaseValue: 1000 * scale,
        ...(scale === 1 ? {} : scaledPacing(scale)),
      },
    },
    retry,
    throttling,
  );
}

/**
 * plugin-throttling spaces writes 1 s apart (3 s for writes that notify, 2 s for searches) in
 * groups it shares across clients; with a scale, each client gets its own groups with the same
 * spacing scaled, so a test that posts three comments does not sleep nine seconds.
 */
function scaledPacing(scale: number): {
  write: Bottleneck.Group;
  search: Bottleneck.Group;
  notifications: Bottleneck.Group;
} {
  const group = (minTime: number) => new Bottleneck.Group({ maxConcurrent: 1, minTime });
  return {
    write: group(1000 * scale),
    search: group(2000 * scale),
    notifications: group(3000 * scale),
  };
}
