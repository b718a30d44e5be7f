/**
 * Thin typed wrappers over GitHub releases, where the GitHub registry keeps a version's files:
 * a draft release (invisible by tag, so a half-published version cannot be found), its assets
 * uploaded and read back, then published.
 *
 * Two things GitHub does differently from the rest of its API: assets are uploaded to the
 * release's `upload_url`, a URI template on another host (uploads.github.com), which is expanded
 * as given rather than rebuilt from the API's base URL; and an asset's bytes come from a 302
 * redirect to a storage host, which fetch follows.
 */
import { statusOf } from './errors.js';
import type { RepoRef } from './git.js';
import type { GitHubClient } from './octokit.js';

export interface Release {
  readonly id: number;
  readonly tagName: string;
  readonly name: string | null;
  readonly body: string | null;
  readonly draft: boolean;
  /** A URI template: `https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}`. */
  readonly uploadUrl: string;
  /** The release's web page. */
  readonly htmlUrl: string;
}

export interface ReleaseAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly browserDownloadUrl: string;
}

interface ApiRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null | undefined;
  draft: boolean;
  upload_url: string;
  html_url: string;
}

interface ApiAsset {
  id: number;
  name: string;
  size: number;
  content_type: string;
  browser_download_url: string;
}

function toRelease(data: ApiRelease): Release {
  return {
    id: data.id,
    tagName: data.tag_name,
    name: data.name,
    body: data.body ?? null,
    draft: data.draft,
    uploadUrl: data.upload_url,
    htmlUrl: data.html_url,
  };
}

function toAsset(data: ApiAsset): ReleaseAsset {
  return {
    id: data.id,
    name: data.name,
    size: data.size,
    contentType: data.content_type,
    browserDownloadUrl: data.browser_download_url,
  };
}

export async function createDraftRelease(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { tag: string; name: string; body: string },
): Promise<Release> {
  const { data } = await octokit.rest.repos.createRelease({
    ...repo,
    tag_name: input.tag,
    name: input.name,
    body: input.body,
    draft: true,
  });
  return toRelease(data);
}

export async function getRelease(
  octokit: GitHubClient,
  repo: RepoRef,
  releaseId: number,
): Promise<Release> {
  const { data } = await octokit.rest.repos.getRelease({ ...repo, release_id: releaseId });
  return toRelease(data);
}

/** The published release of `tag`, or null; GitHub does not find drafts by tag. */
export async function getReleaseByTag(
  octokit: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<Release | null> {
  try {
    const { data } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag });
    return toRelease(data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export async function uploadReleaseAsset(
  octokit: GitHubClient,
  release: Pick<Release, 'uploadUrl'>,
  asset: { name: string; data: Uint8Array; contentType: string },
): Promise<ReleaseAsset> {
  // The route is the release's own template, so `name` fills `{?name,label}` and `data` is the
  // raw body; Octokit sends a Uint8Array as it is.
  const { data } = await octokit.request({
    method: 'POST',
    url: release.uploadUrl,
    name: asset.name,
    data: asset.data,
    headers: { 'content-type': asset.contentType },
  });
  return toAsset(data as ApiAsset);
}

export async function listReleaseAssets(
  octokit: GitHubClient,
  repo: RepoRef,
  releaseId: number,
): Promise<ReleaseAsset[]> {
  const assets = await octokit.paginate(octokit.rest.repos.listReleaseAssets, {
    ...repo,
    release_id: releaseId,
    per_page: 100,
  });
  return assets.map(toAsset);
}

/** The asset's bytes, as uploaded. */
export async function downloadReleaseAsset(
  octokit: GitHubClient,
  repo: RepoRef,
  assetId: number,
): Promise<Uint8Array> {
  const response = await octokit.rest.repos.getReleaseAsset({
    ...repo,
    asset_id: assetId,
    headers: { accept: 'application/octet-stream' },
  });
  // With that Accept, Octokit reads the (redirected) body as an ArrayBuffer, whatever its type says.
  const data: unknown = response.data;
  if (!(data instanceof ArrayBuffer)) {
    throw new Error(
      `Release asset ${assetId} of ${repo.owner}/${repo.repo} came back as ${typeof data}, not bytes.`,
    );
  }
  return new Uint8Array(data);
}

/** Makes a draft release visible, on `tag`. */
export async function publishRelease(
  octokit: GitHubClient,
  repo: RepoRef,
  releaseId: number,
  tag: string,
): Promise<Release> {
  const { data } = await octokit.rest.repos.updateRelease({
    ...repo,
    release_id: releaseId,
    tag_name: tag,
    draft: false,
    // A model version must not become the repository's "Latest" release (its software's).
    make_latest: 'false',
  });
  return toRelease(data);
}

export async function deleteRelease(
  octokit: GitHubClient,
  repo: RepoRef,
  releaseId: number,
): Promise<void> {
  await octokit.rest.repos.deleteRelease({ ...repo, release_id: releaseId });
}
