/**
 * The fake GitHub itself, where tests rely on it being exact: Link headers as GitHub writes
 * them, the token checked, unknown routes answered 404, faults consumed in order.
 */
import { describe, expect, it } from 'vitest';
import { useFakeGitHub } from '../support/github-server/harness.js';

const gh = useFakeGitHub();
const auth = { authorization: `token ${'test-token'}` };

describe('the fake GitHub', () => {
  it('writes Link headers as GitHub does, on /repositories/<id>', async () => {
    const repo = gh.server.store.repo('acme', 'models');
    for (let i = 0; i < 250; i++) repo.addComment(7, `c${i}`);
    const at = (page: number) =>
      `${gh.url}/repositories/${repo.id}/issues/7/comments?per_page=100&page=${page}`;
    const get = (query: string) =>
      fetch(`${gh.url}/repos/acme/models/issues/7/comments${query}`, { headers: auth });

    const first = await get('?per_page=100');
    expect(first.headers.get('link')).toBe(`<${at(2)}>; rel="next", <${at(3)}>; rel="last"`);
    expect(await first.json()).toHaveLength(100);
    const middle = await get('?per_page=100&page=2');
    expect(middle.headers.get('link')).toBe(
      `<${at(1)}>; rel="prev", <${at(3)}>; rel="next", <${at(3)}>; rel="last", <${at(1)}>; rel="first"`,
    );
    const last = await fetch(at(3), { headers: auth });
    expect(last.headers.get('link')).toBe(`<${at(2)}>; rel="prev", <${at(1)}>; rel="first"`);
    expect(await last.json()).toHaveLength(50);
    const one = await get('');
    expect(one.headers.get('link')).toContain('?page=2>; rel="next"');
  });

  it('checks the token', async () => {
    const response = await fetch(`${gh.url}/repos/acme/models/issues/comments/1`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('answers 404 on a route it does not play', async () => {
    const response = await fetch(`${gh.url}/repos/acme/models/deployments`, { headers: auth });
    expect(response.status).toBe(404);
  });

  it('consumes faults in order, then answers normally', async () => {
    gh.server.fail('*', '/repos/acme/models/git/ref/*', { status: 500, times: 2 });
    gh.server.fail('GET', '/repos/acme/models/git/ref/*', { status: 404, headers: { 'x-a': 'b' } });
    const get = () => fetch(`${gh.url}/repos/acme/models/git/ref/tags%2Fx`, { headers: auth });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([500, 500, 404, 404]);
    expect(gh.server.requests.map((r) => r.path)).toEqual(
      Array(4).fill('/repos/acme/models/git/ref/tags/x'),
    );
  });
});
