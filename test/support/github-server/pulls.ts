/**
 * Pull requests as GitHub lists them (GET /repos/{o}/{r}/pulls): filtered by state and by
 * `head=<owner>:<branch>`, paginated, with the head's sha and repository (a fork's for a fork).
 */
import { paginated, param, type Route } from './http.js';
import type { PullRecord, RepoState, Store } from './store.js';

function pullJson(origin: string, repo: RepoState, pull: PullRecord): unknown {
  const [owner = '', name = ''] = pull.headRepository.split('/');
  return {
    number: pull.number,
    state: pull.state,
    html_url: `${origin}/${repo.owner}/${repo.name}/pull/${pull.number}`,
    head: {
      ref: pull.headBranch,
      sha: pull.headSha,
      label: `${owner}:${pull.headBranch}`,
      repo: { name, full_name: pull.headRepository, owner: { login: owner } },
    },
    base: { ref: 'main', repo: { full_name: `${repo.owner}/${repo.name}` } },
  };
}

export function pullRoutes(store: Store): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/pulls',
      handle: (req) => {
        const repo = store.repo(param(req, 'owner'), param(req, 'repo'));
        const state = req.query.get('state') ?? 'open';
        const head = req.query.get('head');
        const pulls = repo.pulls.filter(
          (p) =>
            (state === 'all' || p.state === state) &&
            (head === null || head === `${p.headRepository.split('/')[0]}:${p.headBranch}`),
        );
        return paginated(
          req,
          pulls.map((p) => pullJson(req.origin, repo, p)),
          `/repositories/${repo.id}/pulls`,
        );
      },
    },
  ];
}
