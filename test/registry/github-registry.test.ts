/**
 * The GitHub registry against the fake GitHub, driven through promote() and rollback() as the
 * action drives it: a version is an annotated tag holding the record plus a published release
 * holding the files, created in the port's order (draft, upload, read back, tag, publish), so
 * that whatever fails, no half-made version is visible and production stays where it was.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PromotionFailed } from '../../src/app/promote.js';
import { fetchStageModel } from '../../src/app/registry-baseline.js';
import { rollback } from '../../src/app/rollback.js';
import { InputError } from '../../src/domain/errors.js';
import { recordText } from '../../src/registry/record.js';
import { useFakeGitHub } from '../support/github-server/harness.js';
import { tempDir } from '../support/tmp.js';
import {
  COMMIT_A,
  COMMIT_B,
  failUploadsAfterModel,
  onAssetStored,
  pointStage,
  production,
  productionTag,
  racedBy,
  recordOf,
  registryOn,
  releases,
  releaseTags,
  replaceAsset,
  run,
  state,
  tagObject,
  tagVersion,
  type UploadArtifact,
  versionOf,
  withFirst as withFirstIn,
  writeLog,
  writesSince,
} from './github/fixture.js';
import { candidate, sha256 } from './helpers.js';

const gh = useFakeGitHub();
const tmp = tempDir();
const V1 = 'telco-churn@v1.0.0';
const V11 = 'telco-churn@v1.1.0';
const PRODUCTION = 'telco-churn#production';

const newDir = () => mkdtempSync(join(tmp.dir, 'case-'));
const withFirst = () => withFirstIn(gh, newDir());

describe('promotion through the GitHub registry', () => {
  it('into an empty repository: tag with the record, published release, production', async () => {
    const c = candidate(newDir(), 'first');
    const seen: unknown[] = [];
    const uploadArtifact = vi.fn<UploadArtifact>(async () => {
      seen.push({ tag: tagObject(gh, V1), drafts: releases(gh).map((r) => r.draft) });
    });
    const result = await run(registryOn(gh, { uploadArtifact }), c);
    expect(result).toEqual({
      action: 'promoted',
      version: '1.0.0',
      tag: V1,
      stage: 'production',
      location: 'https://github.example/acme/models/releases/tag/telco-churn%40v1.0.0',
      published: true,
      previous: null,
      message: `published ${V1} and moved production to it (from nothing)`,
    });
    const record = recordOf(c, '1.0.0');
    expect(tagObject(gh, V1)).toMatchObject({
      tag: V1,
      message: recordText(record),
      objectSha: COMMIT_A,
      objectType: 'commit',
    });
    expect(releases(gh)).toEqual([
      {
        tagName: V1,
        draft: false,
        assets: {
          'model.onnx': readFileSync(c.files.model, 'utf8'),
          'MODEL_CARD.md': readFileSync(c.files.card, 'utf8'),
          'report.json': readFileSync(c.files.report, 'utf8'),
          'contract.json': readFileSync(c.files.contract as string, 'utf8'),
          'record.json': `${JSON.stringify(record, null, 2)}\n`,
        },
      },
    ]);
    expect(productionTag(gh)).toEqual([`${PRODUCTION} → v1.0.0`, COMMIT_A]);
    const files = [c.files.model, c.files.card, c.files.report, c.files.contract];
    expect(uploadArtifact).toHaveBeenCalledExactlyOnceWith('telco-churn-v1.0.0', files);
    // The artifact is stored while the release is a draft and before the version tag exists.
    expect(seen).toEqual([{ tag: undefined, drafts: [true] }]);
    expect(writeLog(gh)).toEqual([
      'POST /repos/acme/models/releases',
      ...Array(5).fill('POST /uploads/repos/acme/models/releases/N/assets'),
      'GET /storage/assets/N',
      'POST /repos/acme/models/git/tags',
      'POST /repos/acme/models/git/refs',
      'PATCH /repos/acme/models/releases/N',
      'POST /repos/acme/models/git/tags',
      `PATCH /repos/acme/models/git/refs/tags/${PRODUCTION}`,
      'POST /repos/acme/models/git/refs',
    ]);
  });

  it('a different candidate becomes v1.1.0 after the baseline is fetched and checked', async () => {
    const { dir, first, registry } = await withFirst();
    const baseline = await fetchStageModel(registry, 'telco-churn', 'production', newDir());
    expect(baseline.version).toBe('1.0.0');
    expect(sha256(readFileSync(baseline.path))).toBe(first.sha256);

    const second = candidate(dir, 'second');
    expect(await run(registry, second)).toMatchObject({
      action: 'promoted',
      version: '1.1.0',
      previous: '1.0.0',
      published: true,
    });
    const versions = await registry.versions();
    expect(versions.map((v) => [v.version, v.record.model_sha256])).toEqual([
      ['1.1.0', second.sha256],
      ['1.0.0', first.sha256],
    ]);
    expect(productionTag(gh)).toEqual([`${PRODUCTION} → v1.1.0`, COMMIT_B]);
  });

  it('the same run twice is unchanged and writes nothing the second time', async () => {
    const c = candidate(newDir(), 'first');
    await run(registryOn(gh), c);
    const before = gh.server.requests.length;
    expect(await run(registryOn(gh), c)).toMatchObject({
      action: 'unchanged',
      version: '1.0.0',
      published: false,
      previous: '1.0.0',
    });
    expect(writesSince(gh, before)).toEqual([]);
    expect(releases(gh)).toHaveLength(1);
  });

  it.each([
    ['before publish starts', 'before'],
    ['between the read-back and the tag', 'window'],
  ] as const)(
    'a version tag made by another run %s is a conflict naming both sha256s',
    async (_, when) => {
      const { dir } = await withFirst();
      const ours = candidate(dir, 'ours');
      const theirs = recordOf(candidate(dir, 'theirs'), '1.1.0');
      const race = async () => void (await tagVersion(gh, theirs));
      const registry = registryOn(gh, when === 'window' ? { uploadArtifact: race } : {});
      const racing = when === 'window' ? registry : racedBy(registry, race);
      const attempt = run(racing, ours);
      await expect(attempt).rejects.toThrow(PromotionFailed);
      await expect(attempt).rejects.toThrow(
        `${V11} already exists in GitHub registry acme/models (telco-churn) with another model (sha256 ${theirs.model_sha256}); this candidate is sha256 ${ours.sha256}. production still points at v1.0.0`,
      );
      expect(await production(registry)).toBe('1.0.0');
      expect(tagObject(gh, V11)?.message).toBe(recordText(theirs));
      expect(releaseTags(gh)).toEqual([[V1, false]]);
    },
  );
});

describe('a publish that fails leaves no version and production where it was', () => {
  it('an upload that fails past the retries: the draft release is deleted', async () => {
    const { dir, registry } = await withFirst();
    failUploadsAfterModel(gh);
    const attempt = run(registry, candidate(dir, 'second'));
    await expect(attempt).rejects.toThrow(PromotionFailed);
    await expect(attempt).rejects.toThrow(
      /^telco-churn@v1\.1\.0 was not published: .*its draft release was deleted.*Server Error.*production still points at v1\.0\.0$/,
    );
    const failed = gh.server.requestsTo('POST', '/uploads/*').filter((r) => r.status === 500);
    expect(failed).toHaveLength(4);
    expect(tagObject(gh, V11)).toBeUndefined();
    expect(releaseTags(gh)).toEqual([[V1, false]]);
    // v1.0.0's five assets only.
    expect(state(gh).assets.size).toBe(5);
    expect(await production(registry)).toBe('1.0.0');
  });

  it('when the draft cannot be deleted either, the error names it; a re-run succeeds', async () => {
    const { dir, registry } = await withFirst();
    failUploadsAfterModel(gh);
    gh.server.fail('DELETE', '/repos/acme/models/releases/*', { status: 403 });
    const second = candidate(dir, 'second');
    await expect(run(registry, second)).rejects.toThrow(
      /its draft release http:\/\/127\.0\.0\.1:\d+\/acme\/models\/releases\/tag\/telco-churn%40v1\.1\.0 is left behind: delete it/,
    );
    expect(releaseTags(gh)).toEqual([
      [V1, false],
      [V11, true],
    ]);
    expect((await registry.versions()).map((v) => v.version)).toEqual(['1.0.0']);
    expect(await run(registry, second)).toMatchObject({ version: '1.1.0', published: true });
  });

  it('a model that reads back with other bytes fails verification before the tag', async () => {
    const { dir, registry: onB } = await withFirst();
    const uploadArtifact = vi.fn<UploadArtifact>(async () => {});
    const registry = registryOn(gh, { commitSha: COMMIT_B, uploadArtifact });
    const corrupt = new TextEncoder().encode('ONNX-FAKE flipped in storage');
    onAssetStored(gh, (a) => (a.name === 'model.onnx' ? { ...a, data: corrupt } : undefined));
    const second = candidate(dir, 'second');
    const attempt = run(registry, second);
    await expect(attempt).rejects.toThrow(PromotionFailed);
    await expect(attempt).rejects.toThrow(
      `the uploaded model reads back with sha256 ${sha256(corrupt)}, not ${second.sha256}`,
    );
    expect(uploadArtifact).not.toHaveBeenCalled();
    expect(tagObject(gh, V11)).toBeUndefined();
    expect(releases(gh)).toHaveLength(1);
    expect(await production(onB)).toBe('1.0.0');
  });

  it('a release that cannot be published after the tag leaves no version behind', async () => {
    const { dir, registry } = await withFirst();
    gh.server.fail('PATCH', '/repos/acme/models/releases/*', { status: 403 });
    const second = candidate(dir, 'second');
    await expect(run(registry, second)).rejects.toThrow(
      /^telco-churn@v1\.1\.0 was not published: .*\(its tag and draft release were deleted\).*production still points at v1\.0\.0$/,
    );
    expect(tagObject(gh, V11)).toBeUndefined();
    expect(releases(gh)).toHaveLength(1);
    expect((await registry.versions()).map((v) => v.version)).toEqual(['1.0.0']);
    expect(await production(registry)).toBe('1.0.0');
    // The re-run publishes it, and its model can be fetched as the next baseline.
    expect(await run(registry, second)).toMatchObject({ version: '1.1.0', published: true });
    const baseline = await fetchStageModel(registry, 'telco-churn', 'production', newDir());
    expect(sha256(readFileSync(baseline.path))).toBe(second.sha256);
  });
});

describe('rollback through the GitHub registry', () => {
  it('moves production back to v1.0.0 and refuses a FAIL or unknown version', async () => {
    const { dir, registry } = await withFirst();
    await run(registry, candidate(dir, 'second'));
    const failed = versionOf(dir, '1.2.0', 'fail');
    await registry.publish(failed.record, failed.files);

    expect(await rollback({ registry, stage: 'production', to: 'v1.0.0' })).toEqual({
      from: '1.1.0',
      to: '1.0.0',
    });
    expect(productionTag(gh)).toEqual([`${PRODUCTION} → v1.0.0`, COMMIT_A]);
    await expect(rollback({ registry, stage: 'production', to: '1.2.0' })).rejects.toThrow(
      'cannot roll production back to v1.2.0: its decision record says FAIL, and only a version that passed the gate may serve; the versions that may serve are v1.1.0, v1.0.0',
    );
    await expect(rollback({ registry, stage: 'production', to: 'v9.9.9' })).rejects.toThrow(
      'cannot roll production back to v9.9.9: GitHub registry acme/models (telco-churn) has no such version',
    );
    expect(await production(registry)).toBe('1.0.0');
  });
});

describe('reading the GitHub registry', () => {
  it('versions() skips lightweight and other models’ tags, newest first by semver', async () => {
    const dir = newDir();
    const registry = registryOn(gh);
    for (const version of ['1.2.0', '1.10.0', '2.0.0-rc.1', '1.0.0']) {
      const v = versionOf(dir, version);
      await registry.publish(v.record, v.files);
    }
    await tagVersion(gh, recordOf(candidate(dir, 'other'), '3.0.0', 'other'));
    state(gh).refs.set('refs/tags/telco-churn@v9.0.0', COMMIT_B);
    const versions = (await registry.versions()).map((v) => v.version);
    expect(versions).toEqual(['2.0.0-rc.1', '1.10.0', '1.2.0', '1.0.0']);
  });

  it('stage(): null when never set; an InputError for a tag model-gate did not write', async () => {
    const registry = registryOn(gh);
    expect(await registry.stage('staging')).toBeNull();
    state(gh).refs.set(`refs/tags/${PRODUCTION}`, COMMIT_A);
    const attempt = registry.stage('production');
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `the stage tag ${PRODUCTION} is not one model-gate wrote: it is a lightweight tag, with no message`,
    );
  });

  it.each([
    ['names a version that is gone', `${PRODUCTION} → v0.9.0`, 'names no existing version'],
    ['was written by hand', 'the good one', 'names no existing version'],
    ['names no version at all', `${PRODUCTION} → v1.0.0~`, 'names no existing version'],
    ['points at a lightweight version tag', `${PRODUCTION} → v1.0.0`, `${V1} is a lightweight`],
  ])(
    'stage(): a pointer that %s is an InputError that rollback repairs',
    async (_, message, why) => {
      const registry = registryOn(gh);
      const v = versionOf(newDir(), '1.1.0');
      await registry.publish(v.record, v.files);
      state(gh).refs.set('refs/tags/telco-churn@v1.0.0', COMMIT_A);
      await pointStage(gh, message);
      const attempt = registry.stage('production');
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(
        `the stage tag ${PRODUCTION} is not one model-gate wrote`,
      );
      await expect(attempt).rejects.toThrow(why);
      const repaired = await rollback({ registry, stage: 'production', to: '1.1.0' });
      expect(repaired).toEqual({ from: null, to: '1.1.0' });
      expect(await production(registry)).toBe('1.1.0');
    },
  );

  it('fetchModel refuses a tampered asset, naming both sha256s', async () => {
    const { first, registry } = await withFirst();
    const tampered = new TextEncoder().encode('ONNX-FAKE replaced after promotion');
    replaceAsset(gh, V1, 'model.onnx', tampered);
    const attempt = registry.fetchModel('1.0.0', newDir());
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `the model of ${V1} has sha256 ${sha256(tampered)}, but its record says ${first.sha256}`,
    );
  });
});
