/**
 * Thin typed wrappers over GitHub's git database API for tags, which the GitHub registry is built
 * on: `<model>@v<semver>` annotated tags (their message holds the decision record) and
 * `<model>#<stage>` pointers (GTO's layout). Tag names hold '@' and '#', so they always travel as
 * an Octokit path parameter, which percent-encodes them ('#' sent raw would start a fragment).
 */
import { githubMessage, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** What a tag ref points at: a tag object (annotated tag) or a commit (lightweight tag). */
export interface RefTarget {
  readonly sha: string;
  readonly type: 'tag' | 'commit';
}

export interface TagRef extends RefTarget {
  /** The tag's name, without refs/tags/. */
  readonly name: string;
}

export interface TagObject {
  readonly sha: string;
  readonly tag: string;
  readonly message: string;
  /** What the tag points at, usually a commit. */
  readonly objectSha: string;
  readonly objectType: string;
}

export interface Tagger {
  readonly name: string;
  readonly email: string;
  /** ISO 8601; GitHub uses the time of the request when absent. */
  readonly date?: string;
}

/** The tag exists already: creating a version twice is refused, never overwritten. */
export class RefExistsError extends Error {
  override readonly name = 'RefExistsError';
  constructor(
    readonly ref: string,
    cause: unknown,
  ) {
    super(`The tag ${ref} exists already; a published version is never replaced.`, { cause });
  }
}

/**
 * Throws unless `name` is a valid tag name (git check-ref-format), so that a bad model name is
 * reported as such rather than as GitHub's 422.
 */
export function checkTagName(name: string): void {
  const forbidden = (ch: string) => ch <= ' ' || ch === '\x7f' || '~^:?*[\\'.includes(ch);
  const rules: ReadonlyArray<readonly [boolean, string]> = [
    [name === '' || name === '@', 'it is empty or "@"'],
    [Array.from(name).some(forbidden), 'it holds a space, a control character or one of ~^:?*[\\'],
    [name.includes('..') || name.includes('@{'), 'it holds ".." or "@{"'],
    [
      name.split('/').some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock')),
      'a part between slashes is empty, starts with "." or ends with ".lock"',
    ],
    [name.endsWith('.'), 'it ends with "."'],
  ];
  const broken = rules.find(([fails]) => fails);
  if (broken) throw new Error(`"${name}" cannot be a git tag name: ${broken[1]}.`);
}

function refTarget(ref: string, object: { sha: string; type: string }): RefTarget {
  if (object.type !== 'tag' && object.type !== 'commit') {
    throw new Error(`${ref} points at a ${object.type}, not at a tag or a commit.`);
  }
  return { sha: object.sha, type: object.type };
}

/** The tag `name`, or null when there is none. */
export async function getTagRef(
  octokit: GitHubClient,
  repo: RepoRef,
  name: string,
): Promise<RefTarget | null> {
  checkTagName(name);
  try {
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: `tags/${name}` });
    return refTarget(data.ref, data.object);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Every tag whose name starts with `prefix` (GitHub's prefix match: filter what you need). */
export async function listTagRefs(
  octokit: GitHubClient,
  repo: RepoRef,
  prefix: string,
): Promise<TagRef[]> {
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, {
    ...repo,
    ref: `tags/${prefix}`,
  });
  return refs.map((ref) => ({
    name: ref.ref.replace(/^refs\/tags\//, ''),
    ...refTarget(ref.ref, ref.object),
  }));
}

export async function readTagObject(
  octokit: GitHubClient,
  repo: RepoRef,
  sha: string,
): Promise<TagObject> {
  const { data } = await octokit.rest.git.getTag({ ...repo, tag_sha: sha });
  return {
    sha: data.sha,
    tag: data.tag,
    message: data.message,
    objectSha: data.object.sha,
    objectType: data.object.type,
  };
}

/**
 * An annotated tag `name` on `commitSha`: the tag object, then the ref. When the ref exists the
 * tag object stays unreferenced (git collects it) and RefExistsError is thrown.
 */
export async function createAnnotatedTag(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { name: string; message: string; commitSha: string; tagger?: Tagger },
): Promise<{ readonly tagSha: string }> {
  checkTagName(input.name);
  const { data: tag } = await octokit.rest.git.createTag({
    ...repo,
    tag: input.name,
    message: input.message,
    object: input.commitSha,
    type: 'commit',
    ...(input.tagger ? { tagger: input.tagger } : {}),
  });
  try {
    await createTagRef(octokit, repo, input.name, tag.sha);
  } catch (error) {
    // A createRef that succeeded but whose answer was lost (a 502) is retried and then meets its
    // own ref: that is success, not another run's tag.
    if (!(error instanceof RefExistsError)) throw error;
    const existing = await getTagRef(octokit, repo, input.name);
    if (existing?.sha !== tag.sha) throw error;
  }
  return { tagSha: tag.sha };
}

async function createTagRef(octokit: GitHubClient, repo: RepoRef, name: string, sha: string) {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${name}`, sha });
  } catch (error) {
    if (statusOf(error) === 422 && /already exists/i.test(githubMessage(error))) {
      throw new RefExistsError(name, error);
    }
    throw error;
  }
}

/**
 * Points the tag `name` at `sha`, moving it (forced) or creating it; for stage pointers such as
 * `churn#production`. GitHub answers 422 "Reference does not exist" when updating a missing ref.
 */
export async function moveTagRef(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { name: string; sha: string },
): Promise<'moved' | 'created'> {
  checkTagName(input.name);
  const update = () =>
    octokit.rest.git.updateRef({ ...repo, ref: `tags/${input.name}`, sha: input.sha, force: true });
  try {
    await update();
    return 'moved';
  } catch (error) {
    const missing =
      statusOf(error) === 404 ||
      (statusOf(error) === 422 && /does not exist/i.test(githubMessage(error)));
    if (!missing) throw error;
  }
  try {
    await createTagRef(octokit, repo, input.name, input.sha);
    return 'created';
  } catch (error) {
    // Another run created it between our two requests: move it after all.
    if (!(error instanceof RefExistsError)) throw error;
    await update();
    return 'moved';
  }
}
