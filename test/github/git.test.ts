/**
 * The tag wrappers against the fake GitHub: annotated version tags (`<model>@v<semver>`) and
 * stage pointers (`<model>#<stage>`) round trip, with '@' and '#' percent-encoded on the wire.
 */
import { describe, expect, it } from 'vitest';
import {
  checkTagName,
  createAnnotatedTag,
  getTagRef,
  listTagRefs,
  moveTagRef,
  RefExistsError,
  readTagObject,
} from '../../src/github/git.js';
import { useFakeGitHub } from '../support/github-server/harness.js';

const gh = useFakeGitHub();
const repo = { owner: 'acme', repo: 'models' };
const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);
const record = JSON.stringify({ schema: 1, model_name: 'churn', version: '1.2.0' });
const refs = () => gh.server.store.repo('acme', 'models').refs;

describe('annotated version tags', () => {
  it('creates churn@v1.2.0 and reads its record back', async () => {
    const tagger = { name: 'model-gate', email: 'gate@example.com', date: '2025-01-02T03:04:05Z' };
    const { tagSha } = await createAnnotatedTag(gh.octokit, repo, {
      name: 'churn@v1.2.0',
      message: record,
      commitSha: COMMIT_A,
      tagger,
    });
    expect(refs().get('refs/tags/churn@v1.2.0')).toBe(tagSha);

    expect(await getTagRef(gh.octokit, repo, 'churn@v1.2.0')).toEqual({ sha: tagSha, type: 'tag' });
    expect(await readTagObject(gh.octokit, repo, tagSha)).toEqual({
      sha: tagSha,
      tag: 'churn@v1.2.0',
      message: record,
      objectSha: COMMIT_A,
      objectType: 'commit',
    });
    const stored = gh.server.store.repo('acme', 'models').tags.get(tagSha);
    expect(stored?.tagger).toEqual(tagger);
    expect(gh.server.requestsTo('GET', '/repos/acme/models/git/ref/*')[0]?.rawPath).toBe(
      '/repos/acme/models/git/ref/tags%2Fchurn%40v1.2.0',
    );
  });

  it('refuses to create a version twice', async () => {
    const input = { name: 'churn@v1.2.0', message: record, commitSha: COMMIT_A };
    const { tagSha } = await createAnnotatedTag(gh.octokit, repo, input);
    const again = createAnnotatedTag(gh.octokit, repo, { ...input, commitSha: COMMIT_B });
    await expect(again).rejects.toBeInstanceOf(RefExistsError);
    await expect(again).rejects.toThrow(/churn@v1\.2\.0 exists already/);
    expect(refs().get('refs/tags/churn@v1.2.0')).toBe(tagSha);
    expect(gh.server.requestsTo('POST', '/repos/acme/models/git/refs')).toHaveLength(2);
  });

  it('returns null for a tag that does not exist', async () => {
    expect(await getTagRef(gh.octokit, repo, 'churn@v9.9.9')).toBeNull();
  });

  it('propagates other failures', async () => {
    gh.server.fail('GET', '/repos/acme/models/git/ref/*', { status: 401 });
    await expect(getTagRef(gh.octokit, repo, 'churn@v1.0.0')).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('stage pointers', () => {
  it('creates churn#production, then moves it', async () => {
    expect(await moveTagRef(gh.octokit, repo, { name: 'churn#production', sha: COMMIT_A })).toBe(
      'created',
    );
    expect(await getTagRef(gh.octokit, repo, 'churn#production')).toEqual({
      sha: COMMIT_A,
      type: 'commit',
    });
    expect(await moveTagRef(gh.octokit, repo, { name: 'churn#production', sha: COMMIT_B })).toBe(
      'moved',
    );
    expect(refs().get('refs/tags/churn#production')).toBe(COMMIT_B);
    expect([...refs().keys()]).toEqual(['refs/tags/churn#production']);
    // '#' went as %23 every time; sent raw it would have cut the path short.
    const byName = gh.server.requestsTo('*', '/repos/acme/models/git/ref*/tags/*');
    expect(byName.map((r) => [r.method, r.status])).toEqual([
      ['PATCH', 422],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    for (const request of byName) expect(request.rawPath).toContain('churn%23production');
  });

  it('points a stage at a version tag object', async () => {
    const { tagSha } = await createAnnotatedTag(gh.octokit, repo, {
      name: 'churn@v1.0.0',
      message: record,
      commitSha: COMMIT_A,
    });
    await moveTagRef(gh.octokit, repo, { name: 'churn#staging', sha: tagSha });
    expect(await getTagRef(gh.octokit, repo, 'churn#staging')).toEqual({
      sha: tagSha,
      type: 'tag',
    });
  });
});

describe('listTagRefs', () => {
  it('lists every tag with the prefix, across pages', async () => {
    const stored = refs();
    for (let i = 0; i < 130; i++) stored.set(`refs/tags/churn@v1.0.${i}`, COMMIT_A);
    stored.set('refs/tags/churn#production', COMMIT_B);
    stored.set('refs/tags/churn-big@v1.0.0', COMMIT_A);
    stored.set('refs/tags/fraud@v1.0.0', COMMIT_A);
    stored.set('refs/heads/churn@v1.0.0', COMMIT_A);

    const tags = await listTagRefs(gh.octokit, repo, 'churn@');
    expect(tags).toHaveLength(130);
    expect(tags.every((t) => t.name.startsWith('churn@v1.0.') && t.type === 'commit')).toBe(true);
    expect(new Set(tags.map((t) => t.name)).size).toBe(130);
    expect(gh.server.requestsTo('GET', '/repos/acme/models/git/matching-refs/*').length).toBe(5);

    expect(await listTagRefs(gh.octokit, repo, 'churn#')).toEqual([
      { name: 'churn#production', sha: COMMIT_B, type: 'commit' },
    ]);
    expect(await listTagRefs(gh.octokit, repo, 'none@')).toEqual([]);
  });
});

describe('checkTagName', () => {
  it('accepts GTO names', () => {
    for (const name of ['churn@v1.2.0', 'churn#production', 'team/churn@v0.1.0-rc.1']) {
      expect(() => checkTagName(name)).not.toThrow();
    }
  });

  it('refuses what git refuses, before any request', async () => {
    for (const name of [
      '',
      '@',
      'churn v1',
      'a..b',
      'x.lock',
      'a//b',
      '.hidden',
      'end.',
      'a@{1',
      'q?',
    ]) {
      expect(() => checkTagName(name), name).toThrow(/cannot be a git tag name/);
    }
    await expect(
      createAnnotatedTag(gh.octokit, repo, {
        name: 'my model@v1',
        message: '',
        commitSha: COMMIT_A,
      }),
    ).rejects.toThrow(/"my model@v1" cannot be a git tag name/);
    expect(gh.server.requests).toEqual([]);
  });
});
