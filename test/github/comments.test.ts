/**
 * The PR comment upsert against the fake GitHub over real HTTP: created once, then found by its
 * marker on whatever page it is and updated in place; one comment per model; a read-only token
 * is a CommentForbiddenError that says what to do, a rate limit is not.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMIT,
  CommentForbiddenError,
  commentMarker,
  upsertComment,
} from '../../src/github/comments.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { rateLimit } from '../support/github-server.js';

const gh = useFakeGitHub();
const target = { owner: 'acme', repo: 'models', issueNumber: 7 };
const churn = commentMarker('churn');
const comments = () => gh.server.store.repo('acme', 'models').commentsOn(7);
const listRequests = () => gh.server.requestsTo('GET', '/repos/acme/models/issues/7/comments');

describe('upsertComment', () => {
  it('creates the first comment, the marker on its first line', async () => {
    const result = await upsertComment(gh.octokit, { ...target, marker: churn, body: '## PASS' });
    expect(result.action).toBe('created');
    expect(comments().map((c) => c.body)).toEqual([`${churn}\n## PASS`]);
    expect(result.id).toBe(comments()[0]?.id);
    expect(result.url).toBe(`${gh.url}/acme/models/pull/7#issuecomment-${result.id}`);
  });

  it('updates in place on a PR with 250 comments, the marker on page 3', async () => {
    const repo = gh.server.store.repo('acme', 'models');
    for (let i = 0; i < 230; i++) repo.addComment(7, `LGTM ${i}`);
    const ours = repo.addComment(7, `${churn}\n## FAIL`);
    for (let i = 0; i < 19; i++) repo.addComment(7, `nit ${i}`);

    const result = await upsertComment(gh.octokit, { ...target, marker: churn, body: '## PASS' });
    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    expect(ours.body).toBe(`${churn}\n## PASS`);
    expect(comments()).toHaveLength(250);
    expect(listRequests().length).toBeLessThanOrEqual(3);
    // Pages 2 and 3 came from the Link header, as GitHub writes it.
    expect(listRequests().map((r) => [r.rawPath, r.query])).toEqual([
      ['/repos/acme/models/issues/7/comments', '?per_page=100'],
      [`/repositories/${repo.id}/issues/7/comments`, '?per_page=100&page=2'],
      [`/repositories/${repo.id}/issues/7/comments`, '?per_page=100&page=3'],
    ]);
    expect(gh.server.requestsTo('POST', '*')).toEqual([]);
    expect(gh.server.requestsTo('PATCH', '*')).toHaveLength(1);
  });

  it('stops reading at the page that holds the marker', async () => {
    const repo = gh.server.store.repo('acme', 'models');
    repo.addComment(7, `${churn}\nold`);
    for (let i = 0; i < 249; i++) repo.addComment(7, `comment ${i}`);
    await upsertComment(gh.octokit, { ...target, marker: churn, body: 'new' });
    expect(listRequests()).toHaveLength(1);
  });

  it('keeps one comment per marker: two models, two comments', async () => {
    const fraud = commentMarker('fraud');
    const first = await upsertComment(gh.octokit, { ...target, marker: churn, body: 'churn 1' });
    const second = await upsertComment(gh.octokit, { ...target, marker: fraud, body: 'fraud 1' });
    const again = await upsertComment(gh.octokit, { ...target, marker: churn, body: 'churn 2' });
    expect([first.action, second.action, again.action]).toEqual(['created', 'created', 'updated']);
    expect(again.id).toBe(first.id);
    expect(comments().map((c) => c.body)).toEqual([`${churn}\nchurn 2`, `${fraud}\nfraud 1`]);
  });

  it('keeps a marker already in the body where it is', async () => {
    const body = `# Gate\n\n${churn}\n`;
    await upsertComment(gh.octokit, { ...target, marker: churn, body });
    expect(comments()[0]?.body).toBe(body);
  });

  it('refuses a body over GitHub’s limit before sending anything', async () => {
    const body = 'x'.repeat(COMMENT_LIMIT);
    await expect(upsertComment(gh.octokit, { ...target, marker: churn, body })).rejects.toThrow(
      /65536/,
    );
    expect(gh.server.requests).toEqual([]);
  });
});

describe('a token that cannot comment', () => {
  it('403 on create is a CommentForbiddenError that offers workflow_run', async () => {
    gh.server.fail('POST', '/repos/acme/models/issues/7/comments', { status: 403 });
    const error = await upsertComment(gh.octokit, { ...target, marker: churn, body: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommentForbiddenError);
    const forbidden = error as CommentForbiddenError;
    expect(forbidden).toMatchObject({ status: 403, operation: 'create', target });
    expect(forbidden.message).toContain('acme/models#7');
    expect(forbidden.message).toContain('Resource not accessible by integration');
    expect(forbidden.message).toMatch(/fork.*read-only/);
    expect(forbidden.message).toContain('workflow_run');
    expect(gh.server.requestsTo('POST', '*')).toHaveLength(1);
  });

  it('403 on list is a CommentForbiddenError, and nothing is posted', async () => {
    gh.server.fail('GET', '/repos/acme/models/issues/7/comments', { status: 403 });
    await expect(
      upsertComment(gh.octokit, { ...target, marker: churn, body: 'x' }),
    ).rejects.toMatchObject({ name: 'CommentForbiddenError', status: 403, operation: 'list' });
    expect(gh.server.requestsTo('POST', '*')).toEqual([]);
  });

  it('404 is a CommentForbiddenError that names the pull request', async () => {
    gh.server.fail('GET', '/repos/acme/models/issues/7/comments', { status: 404 });
    const error = await upsertComment(gh.octokit, { ...target, marker: churn, body: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommentForbiddenError);
    expect((error as Error).message).toMatch(/acme\/models#7.*404.*does not exist/s);
  });

  it('a rate limit that outlasts the retries is not mistaken for a read-only token', async () => {
    gh.server.fail('GET', '/repos/acme/models/issues/7/comments', rateLimit(1, 10));
    const error = await upsertComment(gh.octokit, { ...target, marker: churn, body: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).not.toBeInstanceOf(CommentForbiddenError);
    expect(error).toMatchObject({ status: 403 });
  });
});

describe('commentMarker', () => {
  it('is a hidden HTML line with the model and the optional comment id', () => {
    expect(commentMarker('churn')).toBe('<!-- model-gate:churn -->');
    expect(commentMarker('churn', 'nightly')).toBe('<!-- model-gate:churn:nightly -->');
    expect(commentMarker('churn', '')).toBe('<!-- model-gate:churn -->');
  });

  it('cannot be closed early by the id', () => {
    for (const id of ['a --> b', 'x--!>y', 'z->', '---', 'tail-', 'ü 🙂', '<!--']) {
      const marker = commentMarker(id);
      const inner = marker.slice('<!-- '.length, -' -->'.length);
      expect(inner, id).not.toMatch(/--|>|<|\s/);
    }
  });

  it('gives distinct ids distinct markers, none inside another', () => {
    const ids = ['a-b', 'a_b', 'a b', 'a%20b', 'a--b', 'a-%2Db', 'a', 'ab', 'a:b'];
    const markers = [...ids.map((id) => commentMarker(id)), commentMarker('a', 'b')];
    expect(new Set(markers).size).toBe(ids.length + 1);
    for (const a of markers)
      for (const b of markers) if (a !== b) expect(a.includes(b)).toBe(false);
  });

  it('refuses an empty model name', () => {
    expect(() => commentMarker(' ')).toThrow(/empty/);
  });
});
