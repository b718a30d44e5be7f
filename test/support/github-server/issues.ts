/**
 * Issue comments as GitHub serves them: list (paginated, Link to /repositories/<id>/...),
 * create, get and update, with the fields Octokit's types promise.
 */
import {
  HttpError,
  jsonBody,
  numberParam,
  paginated,
  param,
  type Route,
  stringField,
} from './http.js';
import { type CommentRecord, type RepoState, type Store, timestamp } from './store.js';

export function commentJson(origin: string, repo: RepoState, comment: CommentRecord): unknown {
  const api = `${origin}/repos/${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${origin}/${repo.owner}/${repo.name}/pull/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue}`,
    body: comment.body,
    user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    author_association: 'NONE',
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

export function issueRoutes(store: Store): Route[] {
  const repoOf = (req: Parameters<Route['handle']>[0]) =>
    store.repo(param(req, 'owner'), param(req, 'repo'));
  const commentOf = (repo: RepoState, id: number) => {
    const comment = repo.comments.find((c) => c.id === id);
    if (!comment) throw new HttpError(404, 'Not Found');
    return comment;
  };
  return [
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/issues/comments/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const comment = commentOf(repo, numberParam(req, 'id'));
        return { status: 200, json: commentJson(req.origin, repo, comment) };
      },
    },
    {
      method: 'PATCH',
      pattern: '/repos/:owner/:repo/issues/comments/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const comment = commentOf(repo, numberParam(req, 'id'));
        comment.body = stringField(jsonBody(req), 'body');
        comment.updatedAt = timestamp();
        return { status: 200, json: commentJson(req.origin, repo, comment) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/issues/:issue/comments',
      handle: (req) => {
        const repo = repoOf(req);
        const issue = numberParam(req, 'issue');
        const comments = repo.commentsOn(issue).map((c) => commentJson(req.origin, repo, c));
        return paginated(req, comments, `/repositories/${repo.id}/issues/${issue}/comments`);
      },
    },
    {
      method: 'POST',
      pattern: '/repos/:owner/:repo/issues/:issue/comments',
      handle: (req) => {
        const repo = repoOf(req);
        const body = stringField(jsonBody(req), 'body');
        if (body.length > 65_536) {
          throw new HttpError(
            422,
            'Validation Failed: body is too long (maximum is 65536 characters)',
          );
        }
        const comment = repo.addComment(numberParam(req, 'issue'), body);
        return { status: 201, json: commentJson(req.origin, repo, comment) };
      },
    },
  ];
}
