/**
 * The pull request a workflow run was for, found from a workflow_run event (the comment half of
 * the fork pattern). GitHub lists same-repository pull requests on the run but leaves the list
 * empty for a fork's, so those are looked up by the head branch (`head=<fork owner>:<branch>`).
 * Only a pull request whose head is still the run's commit counts: the comment is about that
 * commit, and a report from an older push must not overwrite the comment of a newer one.
 */
import type { GitHubClient } from './octokit.js';

export interface RunHead {
  readonly headSha: string;
  readonly headBranch: string;
  /** owner/repo of the head commit. */
  readonly headRepository: string;
  readonly pullRequests: readonly { number: number; headSha: string }[];
}

export async function pullRequestOfRun(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  run: RunHead,
): Promise<number | null> {
  const listed = run.pullRequests.find((pr) => pr.headSha === run.headSha);
  if (listed !== undefined) return listed.number;
  const headOwner = run.headRepository.split('/')[0];
  if (!headOwner || run.headBranch === '') return null;
  const iterator = octokit.paginate.iterator(octokit.rest.pulls.list, {
    ...repo,
    state: 'open',
    head: `${headOwner}:${run.headBranch}`,
    per_page: 100,
  });
  for await (const page of iterator) {
    const match = page.data.find(
      (pr) => pr.head.sha === run.headSha && pr.head.repo?.full_name === run.headRepository,
    );
    if (match !== undefined) return match.number;
  }
  return null;
}
