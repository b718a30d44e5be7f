/**
 * The release wrappers against the fake GitHub: a draft is invisible by tag until published;
 * assets go to the release's upload_url template and come back byte for byte through GitHub's
 * redirect to storage.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createDraftRelease,
  deleteRelease,
  downloadReleaseAsset,
  getRelease,
  getReleaseByTag,
  listReleaseAssets,
  publishRelease,
  uploadReleaseAsset,
} from '../../src/github/releases.js';
import { useFakeGitHub } from '../support/github-server/harness.js';

const gh = useFakeGitHub();
const repo = { owner: 'acme', repo: 'models' };
const TAG = 'churn@v1.2.0';

/** Length and sha256: toEqual on 300 kB of bytes takes a second. */
const digest = (bytes: Uint8Array) => [
  bytes.byteLength,
  createHash('sha256').update(bytes).digest('hex'),
];

/** Every byte value, in a scrambled order, 300 kB: what a text round trip would mangle. */
function modelBytes(): Uint8Array {
  const bytes = new Uint8Array(300_000);
  let state = 12345;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = i < 256 ? i : state >>> 24;
  }
  return bytes;
}

describe('a version’s release', () => {
  it('is a draft until published; its assets round trip byte for byte', async () => {
    const draft = await createDraftRelease(gh.octokit, repo, {
      tag: TAG,
      name: 'churn v1.2.0',
      body: 'Promoted: PASS',
    });
    expect(draft).toMatchObject({ tagName: TAG, name: 'churn v1.2.0', draft: true });
    expect(draft.uploadUrl).toMatch(
      /\/uploads\/repos\/acme\/models\/releases\/\d+\/assets\{\?name,label\}$/,
    );
    expect(await getReleaseByTag(gh.octokit, repo, TAG)).toBeNull();

    const model = modelBytes();
    const card = new TextEncoder().encode('# churn — model card\n\nü, 🙂\n');
    const uploaded = await uploadReleaseAsset(gh.octokit, draft, {
      name: 'model.onnx',
      data: model,
      contentType: 'application/octet-stream',
    });
    await uploadReleaseAsset(gh.octokit, draft, {
      name: 'MODEL_CARD.md',
      data: card,
      contentType: 'text/markdown; charset=utf-8',
    });
    expect(uploaded).toMatchObject({ name: 'model.onnx', size: model.byteLength });
    // Octokit expands `{?name,label}` to `?name=model.onnx&` when there is no label.
    const uploads = gh.server.requestsTo('POST', '/uploads/*');
    expect(uploads.map((r) => new URLSearchParams(r.query).get('name'))).toEqual([
      'model.onnx',
      'MODEL_CARD.md',
    ]);

    const assets = await listReleaseAssets(gh.octokit, repo, draft.id);
    expect(assets.map((a) => [a.name, a.contentType, a.size])).toEqual([
      ['model.onnx', 'application/octet-stream', model.byteLength],
      ['MODEL_CARD.md', 'text/markdown; charset=utf-8', card.byteLength],
    ]);
    const [modelAsset, cardAsset] = assets;
    if (!modelAsset || !cardAsset) throw new Error('assets missing');
    expect(digest(await downloadReleaseAsset(gh.octokit, repo, modelAsset.id))).toEqual(
      digest(model),
    );
    expect(await downloadReleaseAsset(gh.octokit, repo, cardAsset.id)).toEqual(card);
    expect(
      gh.server.requests.filter((r) => r.method === 'GET' && /assets\/\d+$/.test(r.path)),
    ).toMatchObject([
      { path: `/repos/acme/models/releases/assets/${modelAsset.id}`, status: 302 },
      { path: `/storage/assets/${modelAsset.id}`, status: 200 },
      { path: `/repos/acme/models/releases/assets/${cardAsset.id}`, status: 302 },
      { path: `/storage/assets/${cardAsset.id}`, status: 200 },
    ]);

    const published = await publishRelease(gh.octokit, repo, draft.id, TAG);
    expect(published).toMatchObject({ id: draft.id, draft: false, tagName: TAG });
    expect(await getReleaseByTag(gh.octokit, repo, TAG)).toEqual(published);
    expect(gh.server.requestsTo('GET', '/repos/acme/models/releases/tags/*').at(-1)?.rawPath).toBe(
      '/repos/acme/models/releases/tags/churn%40v1.2.0',
    );

    await deleteRelease(gh.octokit, repo, draft.id);
    expect(await getReleaseByTag(gh.octokit, repo, TAG)).toBeNull();
    await expect(getRelease(gh.octokit, repo, draft.id)).rejects.toMatchObject({ status: 404 });
  });

  it('finds a draft by id', async () => {
    const draft = await createDraftRelease(gh.octokit, repo, { tag: TAG, name: 'n', body: 'b' });
    expect(await getRelease(gh.octokit, repo, draft.id)).toEqual(draft);
  });

  it('refuses a second asset of the same name, without retrying', async () => {
    const draft = await createDraftRelease(gh.octokit, repo, { tag: TAG, name: 'n', body: 'b' });
    const asset = {
      name: 'model.onnx',
      data: new Uint8Array([1, 2, 3]),
      contentType: 'application/octet-stream',
    };
    await uploadReleaseAsset(gh.octokit, draft, asset);
    await expect(uploadReleaseAsset(gh.octokit, draft, asset)).rejects.toMatchObject({
      status: 422,
    });
    expect(gh.server.requestsTo('POST', '/uploads/*')).toHaveLength(2);
  });

  it('retries an upload that met a 502', async () => {
    const draft = await createDraftRelease(gh.octokit, repo, { tag: TAG, name: 'n', body: 'b' });
    gh.server.fail('POST', '/uploads/*', { status: 502 });
    const data = modelBytes();
    const asset = await uploadReleaseAsset(gh.octokit, draft, {
      name: 'model.onnx',
      data,
      contentType: 'application/octet-stream',
    });
    expect(digest(await downloadReleaseAsset(gh.octokit, repo, asset.id))).toEqual(digest(data));
    expect(gh.server.requestsTo('POST', '/uploads/*').map((r) => r.status)).toEqual([502, 201]);
  });

  it('a published tag cannot be published twice', async () => {
    const first = await createDraftRelease(gh.octokit, repo, { tag: TAG, name: 'a', body: '' });
    const second = await createDraftRelease(gh.octokit, repo, { tag: TAG, name: 'b', body: '' });
    await publishRelease(gh.octokit, repo, first.id, TAG);
    await expect(publishRelease(gh.octokit, repo, second.id, TAG)).rejects.toMatchObject({
      status: 422,
    });
  });
});
