/**
 * Git refs and annotated tag objects as GitHub serves them: get one ref (exact), matching-refs
 * (prefix, paginated), create (422 "Reference already exists"), update (422 "Reference does not
 * exist" when missing), delete, and tag objects. Any 40-hex sha is taken for a commit: the fake
 * keeps no commit graph, so it cannot refuse a non-fast-forward move.
 */
import {
  HttpError,
  jsonBody,
  paginated,
  param,
  type Req,
  type Route,
  stringField,
} from './http.js';
import type { RepoState, Store } from './store.js';

const SHA = /^[0-9a-f]{40}$/;

function encodePath(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

function refJson(origin: string, repo: RepoState, ref: string, sha: string): unknown {
  const api = `${origin}/repos/${repo.owner}/${repo.name}`;
  const type = repo.objectType(sha);
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${api}/git/${encodePath(ref)}`,
    object: { sha, type, url: `${api}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` },
  };
}

function tagJson(origin: string, repo: RepoState, sha: string): unknown {
  const tag = repo.tags.get(sha);
  if (!tag) throw new HttpError(404, 'Not Found');
  const api = `${origin}/repos/${repo.owner}/${repo.name}`;
  return {
    node_id: `TAG_${sha}`,
    sha,
    url: `${api}/git/tags/${sha}`,
    tag: tag.tag,
    message: tag.message,
    tagger: tag.tagger,
    object: {
      sha: tag.objectSha,
      type: tag.objectType,
      url: `${api}/git/commits/${tag.objectSha}`,
    },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
  };
}

function checkSha(sha: string): void {
  if (!SHA.test(sha)) throw new HttpError(422, 'Object does not exist');
}

export function gitRoutes(store: Store): Route[] {
  const repoOf = (req: Req) => store.repo(param(req, 'owner'), param(req, 'repo'));
  return [
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/git/ref/*ref',
      handle: (req) => {
        const repo = repoOf(req);
        const ref = `refs/${param(req, 'ref')}`;
        const sha = repo.refs.get(ref);
        if (sha === undefined) throw new HttpError(404, 'Not Found');
        return { status: 200, json: refJson(req.origin, repo, ref, sha) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/git/matching-refs/*ref',
      handle: (req) => {
        const repo = repoOf(req);
        const prefix = param(req, 'ref');
        const refs = [...repo.refs.entries()]
          .filter(([ref]) => ref.startsWith(`refs/${prefix}`))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([ref, sha]) => refJson(req.origin, repo, ref, sha));
        return paginated(
          req,
          refs,
          `/repositories/${repo.id}/git/matching-refs/${encodePath(prefix)}`,
        );
      },
    },
    {
      method: 'POST',
      pattern: '/repos/:owner/:repo/git/refs',
      handle: (req) => {
        const repo = repoOf(req);
        const body = jsonBody(req);
        const ref = stringField(body, 'ref');
        const sha = stringField(body, 'sha');
        if (!/^refs\/[^/]+\/./.test(ref)) throw new HttpError(422, 'Reference name is invalid');
        checkSha(sha);
        if (repo.refs.has(ref)) throw new HttpError(422, 'Reference already exists');
        repo.refs.set(ref, sha);
        return { status: 201, json: refJson(req.origin, repo, ref, sha) };
      },
    },
    {
      method: 'PATCH',
      pattern: '/repos/:owner/:repo/git/refs/*ref',
      handle: (req) => {
        const repo = repoOf(req);
        const ref = `refs/${param(req, 'ref')}`;
        const sha = stringField(jsonBody(req), 'sha');
        if (!repo.refs.has(ref)) throw new HttpError(422, 'Reference does not exist');
        checkSha(sha);
        repo.refs.set(ref, sha);
        return { status: 200, json: refJson(req.origin, repo, ref, sha) };
      },
    },
    {
      method: 'DELETE',
      pattern: '/repos/:owner/:repo/git/refs/*ref',
      handle: (req) => {
        if (!repoOf(req).refs.delete(`refs/${param(req, 'ref')}`)) {
          throw new HttpError(422, 'Reference does not exist');
        }
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/repos/:owner/:repo/git/tags',
      handle: (req) => {
        const repo = repoOf(req);
        const body = jsonBody(req);
        const objectSha = stringField(body, 'object');
        checkSha(objectSha);
        const tagger = body.tagger as { name?: string; email?: string; date?: string } | undefined;
        const record = repo.addTag({
          tag: stringField(body, 'tag'),
          message: stringField(body, 'message'),
          objectSha,
          objectType: stringField(body, 'type'),
          tagger: {
            name: tagger?.name ?? 'github-actions[bot]',
            email: tagger?.email ?? '41898282+github-actions[bot]@users.noreply.github.com',
            date: tagger?.date ?? new Date().toISOString(),
          },
        });
        return { status: 201, json: tagJson(req.origin, repo, record.sha) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/git/tags/:sha',
      handle: (req) => ({ status: 200, json: tagJson(req.origin, repoOf(req), param(req, 'sha')) }),
    },
  ];
}
