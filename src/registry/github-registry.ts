/**
 * The registry kept in a GitHub repository, in GTO's layout:
 *   version  an annotated tag `<model>@v<semver>` on the promoted commit; its message is the
 *            decision record (record.ts recordText). The files — model.onnx, MODEL_CARD.md,
 *            report.json, record.json — are assets of a GitHub Release for that tag (releases do
 *            not expire; workflow artifacts do) and, in Actions, also a workflow artifact.
 *   stage    an annotated tag `<model>#<stage>` whose message names the version; promotion
 *            moves it to a new tag object on the version's commit.
 *
 * publish keeps the port's order. The release starts as a draft — GitHub does not find drafts by
 * tag, so nothing reads a half-published version — its assets are uploaded, and the model is
 * downloaded again and its sha256 checked; only then is the version tag created and the release
 * published. A failure deletes the draft, and the tag if this run created it (or names what is
 * left, if that fails too): a version whose release stayed a draft could not be fetched.
 */

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../domain/errors.js';
import { explainGitHubError } from '../github/errors.js';
import {
  createAnnotatedTag,
  getTagRef,
  listTagRefs,
  moveTagRef,
  type RepoRef,
  readTagObject,
} from '../github/git.js';
import type { GitHubClient } from '../github/octokit.js';
import {
  createDraftRelease,
  deleteRelease,
  downloadReleaseAsset,
  getReleaseByTag,
  listReleaseAssets,
  publishRelease,
  type Release,
  uploadReleaseAsset,
} from '../github/releases.js';
import type { DecisionRecord, Registry, RegistryVersion, VersionFiles } from './port.js';
import { parseRecordText, recordSummary, recordText } from './record.js';
import { compareVersions, parseVersion, parseVersionTag, stageTag, versionTag } from './semver.js';

export interface GitHubRegistryOptions {
  readonly octokit: GitHubClient;
  readonly repo: RepoRef;
  readonly modelName: string;
  /** The commit a new version's tag points at (GITHUB_SHA). */
  readonly commitSha: string;
  /** https://github.com, for the locations people follow. */
  readonly serverUrl: string;
  /** Also stores a version's files as a workflow artifact; absent outside Actions. */
  readonly uploadArtifact?: (name: string, files: readonly string[]) => Promise<void>;
}

const ASSETS = {
  model: { name: 'model.onnx', type: 'application/octet-stream' },
  card: { name: 'MODEL_CARD.md', type: 'text/markdown' },
  report: { name: 'report.json', type: 'application/json' },
  contract: { name: 'contract.json', type: 'application/schema+json' },
} as const;

export function githubRegistry(options: GitHubRegistryOptions): Registry {
  const { octokit, repo, modelName } = options;
  const description = `GitHub registry ${repo.owner}/${repo.repo} (${modelName})`;
  const location = (tag: string) =>
    `${options.serverUrl}/${repo.owner}/${repo.repo}/releases/tag/${encodeURIComponent(tag)}`;

  async function versionAt(tag: string, sha: string): Promise<RegistryVersion | null> {
    const parsed = parseVersionTag(tag);
    if (parsed === null || parsed.model !== modelName) return null;
    const object = await readTagObject(octokit, repo, sha);
    const record = parseRecordText(object.message, `tag ${tag}`);
    return { version: parsed.version, record, location: location(tag) };
  }

  async function versions(): Promise<RegistryVersion[]> {
    const refs = await listTagRefs(octokit, repo, `${modelName}@v`);
    // A lightweight tag has no message, so no record: not a version this registry made; nor is
    // an annotated tag whose message is not a record (another tool's, e.g. GTO's own). The tag
    // objects are read concurrently (the client's throttling still paces them).
    const read = await Promise.all(
      refs
        .filter((ref) => ref.type === 'tag')
        .map((ref) =>
          versionAt(ref.name, ref.sha).catch((error: unknown) => {
            if (error instanceof InputError) return null;
            throw error;
          }),
        ),
    );
    const found = read.filter((v): v is RegistryVersion => v !== null);
    return found.sort((a, b) => compareVersions(b.version, a.version));
  }

  async function stage(name: string): Promise<RegistryVersion | null> {
    const tag = stageTag(modelName, name);
    const ref = await getTagRef(octokit, repo, tag);
    if (ref === null) return null;
    if (ref.type !== 'tag') throw brokenStage(tag, 'it is a lightweight tag, with no message');
    const named = /→ v(\S+)/.exec((await readTagObject(octokit, repo, ref.sha)).message)?.[1];
    // Only a version is looked up: other text may not even be a valid tag name.
    const version = named !== undefined && parseVersion(named) !== null ? named : null;
    const target =
      version === null ? null : await getTagRef(octokit, repo, versionTag(modelName, version));
    if (version === null || target === null) {
      throw brokenStage(tag, 'its message names no existing version');
    }
    // A lightweight version tag has no tag object to read, and no record.
    if (target.type !== 'tag') {
      throw brokenStage(
        tag,
        `${versionTag(modelName, version)} is a lightweight tag, with no record`,
      );
    }
    const v = await versionAt(versionTag(modelName, version), target.sha);
    if (v === null) throw brokenStage(tag, `v${version} is not a version of ${modelName}`);
    return v;
  }

  function brokenStage(tag: string, why: string): InputError {
    return new InputError(
      `${description}: the stage tag ${tag} is not one model-gate wrote: ${why}`,
      `Delete the tag (git push --delete origin '${tag}') and promote or roll back again.`,
    );
  }

  /** GitHub's refusal as the user needs it: the status and the permission to give. */
  function refused(what: string, error: unknown): unknown {
    const explained = explainGitHubError(error);
    return explained === null
      ? error
      : new InputError(`${description}: ${what}: ${explained.message}`, explained.hint);
  }

  async function publish(record: DecisionRecord, files: VersionFiles): Promise<RegistryVersion> {
    const tag = versionTag(modelName, record.version);
    if ((await getTagRef(octokit, repo, tag)) !== null) {
      throw new InputError(`${description}: ${tag} exists already; a version is never replaced`);
    }
    const release = await createDraftRelease(octokit, repo, {
      tag,
      name: tag,
      body: recordSummary(record),
    }).catch((error: unknown) => {
      throw refused(`${tag} was not published (no draft release could be made)`, error);
    });
    let tagged = false;
    try {
      await uploadAssets(release, record, files);
      await verifyModel(release, record, tag);
      await options.uploadArtifact?.(`${modelName}-v${record.version}`, [
        files.model,
        files.card,
        files.report,
        ...(files.contract === undefined ? [] : [files.contract]),
      ]);
      await createAnnotatedTag(octokit, repo, {
        name: tag,
        message: recordText(record),
        commitSha: options.commitSha,
      });
      tagged = true;
      // GitHub finds no draft by tag, so fetchModel could not read a version whose release is
      // still a draft: publishing it is part of publishing the version.
      await publishRelease(octokit, repo, release.id, tag);
    } catch (error) {
      const left = await undoPublish(release, tag, tagged);
      const explained = explainGitHubError(error);
      throw new InputError(
        `${description}: ${tag} was not published (${left}): ${explained?.message ?? (error as Error).message}`,
        explained?.hint,
      );
    }
    return { version: record.version, record, location: location(tag) };
  }

  /**
   * After a failed publish: deletes the version tag if this run created it (never another run's),
   * then the draft release; says what is left behind when a deletion fails.
   */
  async function undoPublish(release: Release, tag: string, tagged: boolean): Promise<string> {
    if (tagged) {
      const untagged = await octokit.rest.git.deleteRef({ ...repo, ref: `tags/${tag}` }).then(
        () => true,
        () => false,
      );
      if (!untagged) {
        return `the tag ${tag} is left behind and its release ${release.htmlUrl} is a draft: publish the release or delete the tag`;
      }
    }
    const what = tagged
      ? 'its tag and draft release were deleted'
      : 'its draft release was deleted';
    return deleteRelease(octokit, repo, release.id).then(
      () => what,
      () => `its draft release ${release.htmlUrl} is left behind: delete it`,
    );
  }

  async function uploadAssets(
    release: Release,
    record: DecisionRecord,
    files: VersionFiles,
  ): Promise<void> {
    for (const key of ['model', 'card', 'report', 'contract'] as const) {
      const path = files[key];
      if (path === undefined) continue;
      const data = new Uint8Array(await readFile(path));
      const { name, type } = ASSETS[key];
      await uploadReleaseAsset(octokit, release, { name, data, contentType: type });
    }
    const json = new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
    await uploadReleaseAsset(octokit, release, {
      name: 'record.json',
      data: json,
      contentType: 'application/json',
    });
  }

  async function modelBytes(releaseId: number, tag: string): Promise<Uint8Array> {
    const assets = await listReleaseAssets(octokit, repo, releaseId);
    const asset = assets.find((a) => a.name === ASSETS.model.name);
    if (!asset) throw new InputError(`${description}: the release of ${tag} has no model.onnx`);
    return downloadReleaseAsset(octokit, repo, asset.id);
  }

  async function verifyModel(release: Release, record: DecisionRecord, tag: string) {
    const actual = sha256Bytes(await modelBytes(release.id, tag));
    if (actual !== record.model_sha256) {
      throw new Error(
        `the uploaded model reads back with sha256 ${actual}, not ${record.model_sha256}`,
      );
    }
  }

  async function moveStage(name: string, version: string): Promise<void> {
    try {
      await moveStageTo(name, version);
    } catch (error) {
      throw refused(`${stageTag(modelName, name)} was not moved to v${version}`, error);
    }
  }

  async function moveStageTo(name: string, version: string): Promise<void> {
    const tag = versionTag(modelName, version);
    const target = await getTagRef(octokit, repo, tag);
    if (target === null || target.type !== 'tag') {
      throw new InputError(
        `${description}: ${tag} ${target === null ? 'does not exist' : 'is a lightweight tag, not a version model-gate wrote'}; a stage moves only to a version`,
      );
    }
    const commit = (await readTagObject(octokit, repo, target.sha)).objectSha;
    const pointer = stageTag(modelName, name);
    // A new tag object for the stage, then its ref moved (forced) onto it.
    const { data } = await octokit.rest.git.createTag({
      ...repo,
      tag: pointer,
      message: `${pointer} → v${version}`,
      object: commit,
      type: 'commit',
    });
    await moveTagRef(octokit, repo, { name: pointer, sha: data.sha });
  }

  async function fetchModel(version: string, dir: string): Promise<string> {
    const tag = versionTag(modelName, version);
    const ref = await getTagRef(octokit, repo, tag);
    const v = ref && ref.type === 'tag' ? await versionAt(tag, ref.sha) : null;
    const release = await getReleaseByTag(octokit, repo, tag);
    if (v === null || release === null) {
      throw new InputError(`${description}: ${tag} has no tag with a record or no release`);
    }
    const bytes = await modelBytes(release.id, tag);
    const actual = sha256Bytes(bytes);
    if (actual !== v.record.model_sha256) {
      throw new InputError(
        `${description}: the model of ${tag} has sha256 ${actual}, but its record says ${v.record.model_sha256}`,
        'The release asset was replaced after promotion; restore it or roll back to another version.',
      );
    }
    const path = join(dir, `${basename(modelName)}-v${version}.onnx`);
    writeFileSync(path, bytes);
    return path;
  }

  async function fetchCard(version: string): Promise<string | null> {
    const release = await getReleaseByTag(octokit, repo, versionTag(modelName, version));
    if (release === null) return null;
    const assets = await listReleaseAssets(octokit, repo, release.id);
    const asset = assets.find((a) => a.name === ASSETS.card.name);
    if (!asset) return null;
    return new TextDecoder().decode(await downloadReleaseAsset(octokit, repo, asset.id));
  }

  return { description, versions, stage, publish, moveStage, fetchModel, fetchCard };
}

function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
