/**
 * The GitHub registry on the fake GitHub (test/support/github-server): a registry on acme/models
 * for the model telco-churn, promotion through app/promote.ts, readers of what the fake holds, and
 * a hook on the fake's asset store for what fault injection cannot do (change an upload's bytes,
 * or start failing after the n-th upload).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promote } from '../../../src/app/promote.js';
import { createAnnotatedTag, moveTagRef } from '../../../src/github/git.js';
import { githubRegistry } from '../../../src/registry/github-registry.js';
import type { DecisionRecord, Registry } from '../../../src/registry/port.js';
import { recordFromReport, recordText } from '../../../src/registry/record.js';
import type { Bump } from '../../../src/registry/semver.js';
import type { GitHubHarness } from '../../support/github-server/harness.js';
import type { AssetRecord, RepoState } from '../../support/github-server/store.js';
import { type Candidate, candidate } from '../helpers.js';

export const REPO = { owner: 'acme', repo: 'models' } as const;
export const MODEL = 'telco-churn';
export const NOW = new Date('2025-03-01T12:00:00Z');
export const COMMIT_A = 'a'.repeat(40);
export const COMMIT_B = 'b'.repeat(40);
export const SERVER_URL = 'https://github.example';

export type UploadArtifact = (name: string, files: readonly string[]) => Promise<void>;

export function registryOn(
  gh: GitHubHarness,
  options: { commitSha?: string; uploadArtifact?: UploadArtifact } = {},
): Registry {
  return githubRegistry({
    octokit: gh.octokit,
    repo: REPO,
    modelName: MODEL,
    commitSha: options.commitSha ?? COMMIT_A,
    serverUrl: SERVER_URL,
    ...(options.uploadArtifact ? { uploadArtifact: options.uploadArtifact } : {}),
  });
}

export function run(registry: Registry, c: Candidate, bump: Bump = 'minor') {
  return promote({
    registry,
    report: c.report,
    files: c.files,
    modelName: MODEL,
    stage: 'production',
    bump,
    now: NOW,
  });
}

/** v1.0.0 promoted from a candidate `first` on commit A; the registry on commit B for what follows. */
export async function withFirst(gh: GitHubHarness, dir: string) {
  const first = candidate(dir, 'first');
  await run(registryOn(gh), first);
  return { dir, first, registry: registryOn(gh, { commitSha: COMMIT_B }) };
}

export const production = async (registry: Registry) =>
  (await registry.stage('production'))?.version;

/** A candidate's decision record as `version` (its report's verdict). */
export function recordOf(c: Candidate, version: string, modelName = MODEL): DecisionRecord {
  return recordFromReport(c.report, { modelName, version, now: NOW });
}

/** A candidate in its own folder, with a record as `version`, ready for registry.publish. */
export function versionOf(dir: string, version: string, verdict: 'pass' | 'fail' = 'pass') {
  const c = candidate(mkdtempSync(join(dir, 'v-')), version, verdict);
  return { ...c, record: recordOf(c, version) };
}

/** A version tag made by someone else, through the wrappers (no release). */
export function tagVersion(gh: GitHubHarness, record: DecisionRecord, commitSha = COMMIT_B) {
  return createAnnotatedTag(gh.octokit, REPO, {
    name: `${record.model_name}@v${record.version}`,
    message: recordText(record),
    commitSha,
  });
}

/** An annotated production tag with `message`, as a person (not model-gate) might write it. */
export async function pointStage(gh: GitHubHarness, message: string, commitSha = COMMIT_A) {
  const name = `${MODEL}#production`;
  const { data } = await gh.octokit.rest.git.createTag({
    ...REPO,
    tag: name,
    message,
    object: commitSha,
    type: 'commit',
  });
  await moveTagRef(gh.octokit, REPO, { name, sha: data.sha });
}

/** What the fake holds for acme/models. */
export const state = (gh: GitHubHarness): RepoState => gh.server.store.repo(REPO.owner, REPO.repo);

/** The annotated tag object the tag `name` points at; undefined for none or a lightweight tag. */
export function tagObject(gh: GitHubHarness, name: string) {
  const sha = state(gh).refs.get(`refs/tags/${name}`);
  return sha === undefined ? undefined : state(gh).tags.get(sha);
}

/** The production tag as [its message, the commit it is on]. */
export function productionTag(gh: GitHubHarness): [string, string] | undefined {
  const tag = tagObject(gh, `${MODEL}#production`);
  return tag && [tag.message, tag.objectSha];
}

/** Every release (drafts too), with its assets' bytes by name, as text (the test files are text). */
export function releases(gh: GitHubHarness) {
  return [...state(gh).releases.values()].map((release) => ({
    tagName: release.tagName,
    draft: release.draft,
    assets: Object.fromEntries(
      state(gh)
        .assetsOf(release.id)
        .map((a) => [a.name, Buffer.from(a.data).toString('utf8')]),
    ),
  }));
}

/**
 * Calls `hook` with each asset the fake is about to store; what it returns is stored instead.
 * Drives faults that depend on the order of uploads and bytes that differ from those sent.
 */
export function onAssetStored(
  gh: GitHubHarness,
  hook: (asset: AssetRecord) => AssetRecord | undefined,
): void {
  const assets = state(gh).assets;
  const set = assets.set.bind(assets);
  assets.set = (id, asset) => set(id, hook(asset) ?? asset);
}

/** Replaces the stored bytes of the asset `name` of the release of `tag`. */
export function replaceAsset(gh: GitHubHarness, tag: string, name: string, data: Uint8Array) {
  const release = [...state(gh).releases.values()].find((r) => r.tagName === tag);
  const asset =
    release &&
    state(gh)
      .assetsOf(release.id)
      .find((a) => a.name === name);
  if (!asset) throw new Error(`no asset ${name} on ${tag}`);
  state(gh).assets.set(asset.id, { ...asset, data });
}

/** Releases as [tag, draft] pairs. */
export const releaseTags = (gh: GitHubHarness) =>
  releases(gh).map((r): [string, boolean] => [r.tagName, r.draft]);

/** Once model.onnx is stored, the next uploads answer 500, more times than the client retries. */
export function failUploadsAfterModel(gh: GitHubHarness): void {
  let armed = true;
  onAssetStored(gh, (asset) => {
    if (armed && asset.name === 'model.onnx') {
      gh.server.fail('POST', '/uploads/*', { status: 500, times: 4 });
      armed = false;
    }
    return undefined;
  });
}

/** The registry, with `before` run at the start of each publish (another run racing it). */
export function racedBy(registry: Registry, before: () => Promise<unknown>): Registry {
  return {
    ...registry,
    publish: async (record, files) => {
      await before();
      return registry.publish(record, files);
    },
  };
}

/** The log as `METHOD path`, ids as N, without API reads: the order in which the registry wrote. */
export const writeLog = (gh: GitHubHarness) =>
  gh.server.requests
    .map((r) => `${r.method} ${r.path.replace(/\/\d+/g, '/N')}`)
    .filter((line) => !line.startsWith('GET /repos'));

/** Requests that write (anything but GET), from the log's `from`-th entry on. */
export const writesSince = (gh: GitHubHarness, from: number) =>
  gh.server.requests.slice(from).filter((r) => r.method !== 'GET');
