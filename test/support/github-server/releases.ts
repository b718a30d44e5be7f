/**
 * Releases and their assets as GitHub serves them: drafts are not found by tag; assets are
 * uploaded to the release's `upload_url` template, which points at /uploads/ on this server (on
 * GitHub, another host), and read with Accept: application/octet-stream through a 302 redirect
 * to /storage/, served without the token as GitHub's storage host is.
 */
import {
  HttpError,
  jsonBody,
  numberParam,
  paginated,
  param,
  type Req,
  type Route,
} from './http.js';
import {
  type AssetRecord,
  type ReleaseRecord,
  type RepoState,
  type Store,
  timestamp,
} from './store.js';

function assetJson(origin: string, repo: RepoState, asset: AssetRecord): unknown {
  const tag = repo.releases.get(asset.releaseId)?.tagName ?? '';
  return {
    url: `${origin}/repos/${repo.owner}/${repo.name}/releases/assets/${asset.id}`,
    browser_download_url: `${origin}/${repo.owner}/${repo.name}/releases/download/${encodeURIComponent(tag)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: `RA_${asset.id}`,
    name: asset.name,
    label: '',
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.data.byteLength,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
  };
}

function releaseJson(origin: string, repo: RepoState, release: ReleaseRecord): unknown {
  const api = `${origin}/repos/${repo.owner}/${repo.name}/releases/${release.id}`;
  return {
    url: api,
    html_url: `${origin}/${repo.owner}/${repo.name}/releases/tag/${encodeURIComponent(release.tagName)}`,
    assets_url: `${api}/assets`,
    upload_url: `${origin}/uploads/repos/${repo.owner}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    tarball_url: null,
    zipball_url: null,
    id: release.id,
    node_id: `RE_${release.id}`,
    tag_name: release.tagName,
    target_commitish: 'main',
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: false,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    author: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    assets: repo.assetsOf(release.id).map((asset) => assetJson(origin, repo, asset)),
  };
}

/** A second published release of one tag is refused, as on GitHub. */
function checkTagFree(repo: RepoState, tag: string, except?: number): void {
  for (const release of repo.releases.values()) {
    if (!release.draft && release.tagName === tag && release.id !== except) {
      throw new HttpError(422, 'Validation Failed: tag_name already_exists');
    }
  }
}

export function releaseRoutes(store: Store): Route[] {
  const repoOf = (req: Req) => store.repo(param(req, 'owner'), param(req, 'repo'));
  const releaseOf = (repo: RepoState, id: number) => {
    const release = repo.releases.get(id);
    if (!release) throw new HttpError(404, 'Not Found');
    return release;
  };
  const assetOf = (repo: RepoState, id: number) => {
    const asset = repo.assets.get(id);
    if (!asset) throw new HttpError(404, 'Not Found');
    return asset;
  };
  const optional = (value: unknown) => (typeof value === 'string' ? value : null);
  return [
    {
      method: 'POST',
      pattern: '/repos/:owner/:repo/releases',
      handle: (req) => {
        const repo = repoOf(req);
        const body = jsonBody(req);
        const tagName = optional(body.tag_name);
        if (!tagName) throw new HttpError(422, 'Validation Failed: tag_name is missing');
        const draft = body.draft === true;
        if (!draft) checkTagFree(repo, tagName);
        const release = repo.addRelease({
          tagName,
          name: optional(body.name),
          body: optional(body.body),
          draft,
        });
        return { status: 201, json: releaseJson(req.origin, repo, release) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/releases/tags/*tag',
      handle: (req) => {
        const repo = repoOf(req);
        const tag = param(req, 'tag');
        const release = [...repo.releases.values()].find((r) => !r.draft && r.tagName === tag);
        if (!release) throw new HttpError(404, 'Not Found');
        return { status: 200, json: releaseJson(req.origin, repo, release) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/releases/assets/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const asset = assetOf(repo, numberParam(req, 'id'));
        if (req.headers.accept?.includes('application/octet-stream')) {
          const location = `${req.origin}/storage/assets/${asset.id}?sig=fake`;
          return { status: 302, headers: { location } };
        }
        return { status: 200, json: assetJson(req.origin, repo, asset) };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/releases/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const release = releaseOf(repo, numberParam(req, 'id'));
        return { status: 200, json: releaseJson(req.origin, repo, release) };
      },
    },
    {
      method: 'PATCH',
      pattern: '/repos/:owner/:repo/releases/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const release = releaseOf(repo, numberParam(req, 'id'));
        const body = jsonBody(req);
        const tagName = optional(body.tag_name) ?? release.tagName;
        const draft = typeof body.draft === 'boolean' ? body.draft : release.draft;
        if (!draft) checkTagFree(repo, tagName, release.id);
        if (release.draft && !draft) release.publishedAt = timestamp();
        release.tagName = tagName;
        release.draft = draft;
        if ('name' in body) release.name = optional(body.name);
        if ('body' in body) release.body = optional(body.body);
        return { status: 200, json: releaseJson(req.origin, repo, release) };
      },
    },
    {
      method: 'DELETE',
      pattern: '/repos/:owner/:repo/releases/:id',
      handle: (req) => {
        const repo = repoOf(req);
        const release = releaseOf(repo, numberParam(req, 'id'));
        for (const asset of repo.assetsOf(release.id)) repo.assets.delete(asset.id);
        repo.releases.delete(release.id);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: '/repos/:owner/:repo/releases/:id/assets',
      handle: (req) => {
        const repo = repoOf(req);
        const release = releaseOf(repo, numberParam(req, 'id'));
        const assets = repo.assetsOf(release.id).map((asset) => assetJson(req.origin, repo, asset));
        return paginated(req, assets, `/repositories/${repo.id}/releases/${release.id}/assets`);
      },
    },
    {
      method: 'POST',
      pattern: '/uploads/repos/:owner/:repo/releases/:id/assets',
      handle: (req) => {
        const repo = repoOf(req);
        const release = releaseOf(repo, numberParam(req, 'id'));
        const name = req.query.get('name');
        const contentType = req.headers['content-type'];
        if (!name) throw new HttpError(422, 'Validation Failed: name is missing');
        if (!contentType) throw new HttpError(422, 'Validation Failed: Content-Type is missing');
        if (repo.assetsOf(release.id).some((asset) => asset.name === name)) {
          throw new HttpError(422, 'Validation Failed: name already_exists');
        }
        const asset = {
          id: store.nextId(),
          releaseId: release.id,
          name,
          contentType,
          data: new Uint8Array(req.body),
          createdAt: timestamp(),
        };
        repo.assets.set(asset.id, asset);
        return { status: 201, json: assetJson(req.origin, repo, asset) };
      },
    },
    {
      method: 'GET',
      pattern: '/storage/assets/:id',
      auth: false,
      handle: (req) => {
        const id = numberParam(req, 'id');
        const asset = store.allAssets().find((a) => a.id === id);
        if (!asset) throw new HttpError(404, 'BlobNotFound');
        return {
          status: 200,
          bytes: asset.data,
          headers: { 'content-type': 'application/octet-stream' },
        };
      },
    },
  ];
}
