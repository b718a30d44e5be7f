/**
 * The fake GitHub's state, in memory: per repository its issue comments, git refs, annotated
 * tag objects, releases and assets. Tests seed it directly (`store.repo('o', 'r').addComment`)
 * and read it back to check what the code under test left behind.
 */
import { createHash } from 'node:crypto';

export interface CommentRecord {
  readonly id: number;
  readonly issue: number;
  body: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface PullRecord {
  readonly number: number;
  state: 'open' | 'closed';
  /** owner/repo of the head (a fork's for a fork's pull request). */
  readonly headRepository: string;
  readonly headBranch: string;
  headSha: string;
}

export interface TagRecord {
  readonly sha: string;
  readonly tag: string;
  readonly message: string;
  readonly objectSha: string;
  readonly objectType: string;
  readonly tagger: { name: string; email: string; date: string };
}

export interface ReleaseRecord {
  readonly id: number;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  readonly createdAt: string;
  publishedAt: string | null;
}

export interface AssetRecord {
  readonly id: number;
  readonly releaseId: number;
  readonly name: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly createdAt: string;
}

/** GitHub's timestamps: ISO 8601 to the second. */
export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export class RepoState {
  readonly comments: CommentRecord[] = [];
  readonly pulls: PullRecord[] = [];
  /** Full ref name (refs/tags/x) → the sha it points at. */
  readonly refs = new Map<string, string>();
  /** Annotated tag objects by sha. */
  readonly tags = new Map<string, TagRecord>();
  readonly releases = new Map<number, ReleaseRecord>();
  readonly assets = new Map<number, AssetRecord>();

  constructor(
    readonly id: number,
    readonly owner: string,
    readonly name: string,
    private readonly nextId: () => number,
  ) {}

  addComment(issue: number, body: string): CommentRecord {
    const now = timestamp();
    const comment = { id: this.nextId(), issue, body, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  addPull(pull: Omit<PullRecord, 'state'>): PullRecord {
    const record: PullRecord = { state: 'open', ...pull };
    this.pulls.push(record);
    return record;
  }

  commentsOn(issue: number): CommentRecord[] {
    return this.comments.filter((comment) => comment.issue === issue);
  }

  addTag(tag: Omit<TagRecord, 'sha'>): TagRecord {
    const sha = fakeSha(`tag ${this.nextId()} ${JSON.stringify(tag)}`);
    const record = { sha, ...tag };
    this.tags.set(sha, record);
    return record;
  }

  /** A ref's object type as GitHub reports it: a known tag object, else a commit. */
  objectType(sha: string): 'tag' | 'commit' {
    return this.tags.has(sha) ? 'tag' : 'commit';
  }

  addRelease(release: Omit<ReleaseRecord, 'id' | 'createdAt' | 'publishedAt'>): ReleaseRecord {
    const createdAt = timestamp();
    const publishedAt = release.draft ? null : createdAt;
    const record: ReleaseRecord = { id: this.nextId(), createdAt, publishedAt, ...release };
    this.releases.set(record.id, record);
    return record;
  }

  assetsOf(releaseId: number): AssetRecord[] {
    return [...this.assets.values()].filter((asset) => asset.releaseId === releaseId);
  }
}

export class Store {
  private readonly repos = new Map<string, RepoState>();
  private lastId = 1000;

  readonly nextId = (): number => ++this.lastId;

  /** The repository owner/name, created empty on first use. */
  repo(owner: string, name: string): RepoState {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) {
      repo = new RepoState(this.repos.size + 1, owner, name, this.nextId);
      this.repos.set(key, repo);
    }
    return repo;
  }

  /** Every release asset, of every repository (the storage host knows no repositories). */
  allAssets(): AssetRecord[] {
    return [...this.repos.values()].flatMap((repo) => [...repo.assets.values()]);
  }

  byId(id: number): RepoState | undefined {
    return [...this.repos.values()].find((repo) => repo.id === id);
  }
}

export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
