/**
 * The Octokit factory's retry and throttling against the fake GitHub: transient failures are
 * retried, statuses a retry cannot fix are not, rate limits are waited out (scaled down here)
 * a bounded number of times, and nothing leaves the machine.
 */
import { describe, expect, it } from 'vitest';
import {
  createOctokit,
  DO_NOT_RETRY,
  RATE_LIMIT_RETRIES,
  SECONDARY_RATE_LIMIT_RETRIES,
} from '../../src/github/octokit.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { rateLimit, secondaryRateLimit } from '../support/github-server.js';

const gh = useFakeGitHub();
const COMMENT = '/repos/acme/models/issues/comments/*';

async function getComment() {
  const comment = gh.server.store.repo('acme', 'models').addComment(1, 'hello');
  const { data } = await gh.octokit.rest.issues.getComment({
    owner: 'acme',
    repo: 'models',
    comment_id: comment.id,
  });
  return data;
}

const statuses = () => gh.server.requestsTo('GET', COMMENT).map((r) => r.status);

describe('retry', () => {
  it('retries 5xx, then succeeds', async () => {
    gh.server.fail('GET', COMMENT, { status: 500 });
    gh.server.fail('GET', COMMENT, { status: 502 });
    expect((await getComment()).body).toBe('hello');
    expect(statuses()).toEqual([500, 502, 200]);
  });

  it('gives up after three retries', async () => {
    gh.server.fail('GET', COMMENT, { status: 503, times: 10 });
    await expect(getComment()).rejects.toMatchObject({ status: 503 });
    expect(statuses()).toEqual([503, 503, 503, 503]);
  });

  it('retries a bare 429', async () => {
    gh.server.fail('GET', COMMENT, { status: 429 });
    await getComment();
    expect(statuses()).toEqual([429, 200]);
  });

  it.each([400, 401, 404, 410, 422, 451])('does not retry %i', async (status) => {
    expect(DO_NOT_RETRY).toContain(status);
    gh.server.fail('GET', COMMENT, { status, times: 10 });
    await expect(getComment()).rejects.toMatchObject({ status });
    expect(statuses()).toEqual([status]);
  });

  it('does not retry a 403 that is not a rate limit', async () => {
    gh.server.fail('GET', COMMENT, { status: 403, times: 10 });
    await expect(getComment()).rejects.toMatchObject({ status: 403 });
    expect(statuses()).toEqual([403]);
    expect(gh.warnings).toEqual([]);
  });

  it('sends the token: a wrong one is a 401, not retried', async () => {
    const octokit = await gh.client({ token: 'wrong' });
    await expect(
      octokit.rest.issues.getComment({ owner: 'acme', repo: 'models', comment_id: 1 }),
    ).rejects.toMatchObject({ status: 401 });
    expect(gh.server.requests).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('waits for the primary limit to reset (scaled) and retries, with a warning', async () => {
    gh.server.fail('GET', COMMENT, rateLimit(2));
    const started = performance.now();
    await getComment();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(statuses()).toEqual([403, 200]);
    expect(gh.warnings).toHaveLength(1);
    expect(gh.warnings[0]).toMatch(/rate limit on GET .*: retrying in [23] s \(1 of 2\)/);
  });

  it(`retries the primary limit at most ${RATE_LIMIT_RETRIES} times`, async () => {
    gh.server.fail('GET', COMMENT, rateLimit(1, 10));
    await expect(getComment()).rejects.toMatchObject({ status: 403 });
    expect(statuses()).toEqual([403, 403, 403]);
    expect(gh.warnings.at(-1)).toMatch(/giving up after 2 retries/);
  });

  it(`retries a secondary limit ${SECONDARY_RATE_LIMIT_RETRIES} time`, async () => {
    gh.server.fail('GET', COMMENT, secondaryRateLimit(30, 10));
    await expect(getComment()).rejects.toMatchObject({ status: 403 });
    expect(statuses()).toEqual([403, 403]);
    expect(gh.warnings[0]).toMatch(/secondary rate limit .*retrying in 30 s/);
  });

  it('succeeds after one secondary limit', async () => {
    gh.server.fail('GET', COMMENT, secondaryRateLimit(60));
    await getComment();
    expect(statuses()).toEqual([403, 200]);
  });

  it('does not wait longer than retryAfterCapSeconds', async () => {
    const octokit = await gh.client({ retryAfterCapSeconds: 60 });
    gh.server.fail('GET', '/repos/acme/models/issues/comments/1', rateLimit(3600));
    await expect(
      octokit.rest.issues.getComment({ owner: 'acme', repo: 'models', comment_id: 1 }),
    ).rejects.toMatchObject({ status: 403 });
    expect(gh.server.requests).toHaveLength(1);
    expect(gh.warnings[0]).toMatch(/resets in 360\d s, longer than the 60 s we wait/);
  });

  it('paces writes without sleeping whole seconds', async () => {
    const started = performance.now();
    for (let i = 0; i < 4; i++) {
      await gh.octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'models',
        issue_number: 1,
        body: `comment ${i}`,
      });
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the machine boundary', () => {
  it('a request to another host fails and is recorded', async () => {
    const octokit = await createOctokit({
      token: 't',
      baseUrl: 'http://192.0.2.1',
      waitScale: 0.001,
      log: { warn: () => {}, info: () => {} },
    });
    await expect(octokit.rest.meta.root()).rejects.toThrow(/leave the machine/);
    expect(gh.blocked.splice(0)).toContain('192.0.2.1:80');
  });

  it('refuses a waitScale that is not positive', async () => {
    await expect(gh.client({ waitScale: 0 })).rejects.toThrow(/waitScale/);
  });
});

describe('createOctokit', () => {
  it('refuses an empty token with a message that says where it comes from', async () => {
    await expect(gh.client({ token: '' })).rejects.toThrow(/github-token/);
  });
});
