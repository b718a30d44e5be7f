/**
 * Promotion on a real file registry: versions bump, re-runs change nothing, a failing gate is
 * refused, and a failure half-way leaves the stage where it was with a message saying what exists.
 * Failures are injected by wrapping the registry, as a flaky disk or a concurrent run would act.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PromotionFailed, PromotionRefused, promote } from '../../src/app/promote.js';
import { InputError } from '../../src/domain/errors.js';
import { fileRegistry } from '../../src/registry/file-registry.js';
import type { Registry } from '../../src/registry/port.js';
import { recordFromReport } from '../../src/registry/record.js';
import type { Bump } from '../../src/registry/semver.js';
import { type Candidate, candidate } from '../registry/helpers.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const NOW = new Date('2025-03-01T12:00:00Z');

function setup() {
  const dir = mkdtempSync(join(tmp.dir, 'case-'));
  const root = join(dir, 'models');
  return { dir, root, registry: fileRegistry(root, 'telco-churn') };
}

function run(registry: Registry, c: Candidate, bump: Bump = 'minor') {
  return promote({
    registry,
    report: c.report,
    files: c.files,
    modelName: 'telco-churn',
    stage: 'production',
    bump,
    now: NOW,
  });
}

const versionsOf = async (registry: Registry) => (await registry.versions()).map((v) => v.version);
const production = async (registry: Registry) => (await registry.stage('production'))?.version;

describe('promote', () => {
  it('promotes the first model as v1.0.0 and points production at it', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'first');
    const result = await run(registry, c);
    expect(result).toEqual({
      action: 'promoted',
      version: '1.0.0',
      tag: 'telco-churn@v1.0.0',
      stage: 'production',
      location: join(root, 'telco-churn', 'versions', '1.0.0'),
      published: true,
      previous: null,
      message: 'published telco-churn@v1.0.0 and moved production to it (from nothing)',
    });
    expect(await production(registry)).toBe('1.0.0');
    const [version] = await registry.versions();
    expect(version?.record).toMatchObject({
      verdict: 'PASS',
      model_sha256: c.sha256,
      commit: null,
    });
    expect(version?.record.created_at).toBe(NOW.toISOString());
  });

  it.each<[Bump, string]>([
    ['minor', '1.1.0'],
    ['patch', '1.0.1'],
    ['major', '2.0.0'],
  ])('a different model next, with bump %s → v%s', async (bump, expected) => {
    const { dir, registry } = setup();
    await run(registry, candidate(dir, 'first'));
    const result = await run(registry, candidate(dir, 'second'), bump);
    expect(result).toMatchObject({ action: 'promoted', version: expected, previous: '1.0.0' });
    expect(await versionsOf(registry)).toEqual([expected, '1.0.0']);
    expect(await production(registry)).toBe(expected);
  });

  it('the same run twice creates nothing new', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'first');
    await run(registry, c);
    const again = await run(registry, c);
    expect(again).toMatchObject({
      action: 'unchanged',
      version: '1.0.0',
      tag: 'telco-churn@v1.0.0',
      published: false,
      previous: '1.0.0',
      message:
        'telco-churn@v1.0.0 is already registered and production points at it: nothing to do',
    });
    expect(await versionsOf(registry)).toEqual(['1.0.0']);
    expect(readdirSync(join(root, 'telco-churn')).sort()).toEqual(['stages', 'versions']);
  });

  it('a registered model the stage has left is moved back to, not published again', async () => {
    const { dir, registry } = setup();
    const first = candidate(dir, 'first');
    await run(registry, first);
    await run(registry, candidate(dir, 'second'));
    const result = await run(registry, first);
    expect(result).toMatchObject({
      action: 'promoted',
      version: '1.0.0',
      published: false,
      previous: '1.1.0',
    });
    expect(result.message).toBe(
      'telco-churn@v1.0.0 was already registered: moved production to it (from v1.1.0)',
    );
    expect(await versionsOf(registry)).toEqual(['1.1.0', '1.0.0']);
    expect(await production(registry)).toBe('1.0.0');
  });

  it('refuses a FAIL report and writes nothing', async () => {
    const { dir, root, registry } = setup();
    const attempt = run(registry, candidate(dir, 'worse', 'fail'));
    await expect(attempt).rejects.toThrow(PromotionRefused);
    await expect(attempt).rejects.toMatchObject({
      verdict: 'FAIL',
      exitCode: 1,
      message:
        "telco-churn is not promoted to production: the gate's verdict is FAIL, and only a PASS is promoted",
    });
    expect(existsSync(root)).toBe(false);
  });

  it('refuses a model that is not the one the report is about', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'first');
    writeFileSync(c.files.model, 'retrained after the gate ran');
    const attempt = run(registry, c);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `but the gate's report is about a model with sha256 ${c.sha256}`,
    );
    expect(existsSync(root)).toBe(false);
  });

  it('a publish that fails half-way (a file vanishes) leaves production where it was', async () => {
    const { dir, root, registry } = setup();
    await run(registry, candidate(dir, 'first'));
    const c = candidate(dir, 'second');
    const flaky: Registry = {
      ...registry,
      publish: (record, files) => {
        rmSync(files.report);
        return registry.publish(record, files);
      },
    };
    const attempt = run(flaky, c);
    await expect(attempt).rejects.toThrow(PromotionFailed);
    await expect(attempt).rejects.toThrow(
      /^telco-churn@v1\.1\.0 was not published: .* the report '.*report\.json' does not exist; nothing was published \(the staging folder was removed\)\. production still points at v1\.0\.0$/,
    );
    expect(await versionsOf(registry)).toEqual(['1.0.0']);
    expect(await production(registry)).toBe('1.0.0');
    expect(readdirSync(join(root, 'telco-churn')).sort()).toEqual(['stages', 'versions']);
  });

  it('a model changed during publish fails its check; nothing is published', async () => {
    const { dir, registry } = setup();
    await run(registry, candidate(dir, 'first'));
    const c = candidate(dir, 'second');
    const racing: Registry = {
      ...registry,
      publish: (record, files) => {
        writeFileSync(files.model, 'overwritten while publishing');
        return registry.publish(record, files);
      },
    };
    const attempt = run(racing, c);
    await expect(attempt).rejects.toThrow(/has sha256 [0-9a-f]{64}, but the decision record says/);
    await expect(attempt).rejects.toThrow(/production still points at v1\.0\.0$/);
    expect(await versionsOf(registry)).toEqual(['1.0.0']);
  });

  it('a failed stage move says what was published; a re-run finishes the job', async () => {
    const { dir, registry } = setup();
    await run(registry, candidate(dir, 'first'));
    const c = candidate(dir, 'second');
    const stuck: Registry = {
      ...registry,
      moveStage: () => Promise.reject(new Error('EIO: i/o error, rename')),
    };
    const attempt = run(stuck, c);
    await expect(attempt).rejects.toThrow(PromotionFailed);
    await expect(attempt).rejects.toThrow(
      /^telco-churn@v1\.1\.0 was published \(.*versions\/1\.1\.0\) but production still points at v1\.0\.0: EIO/,
    );
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining('Re-run to move production'),
    });
    expect(await production(registry)).toBe('1.0.0');
    const again = await run(registry, c);
    expect(again).toMatchObject({
      action: 'promoted',
      version: '1.1.0',
      published: false,
      previous: '1.0.0',
    });
    expect(await versionsOf(registry)).toEqual(['1.1.0', '1.0.0']);
  });

  it('another run publishing the same version with another model is a conflict naming both sha256s', async () => {
    const { dir, registry } = setup();
    await run(registry, candidate(dir, 'first'));
    const ours = candidate(dir, 'ours');
    const theirs = candidate(dir, 'theirs');
    const raced: Registry = {
      ...registry,
      publish: async (record, files) => {
        const other = recordFromReport(theirs.report, {
          modelName: 'telco-churn',
          version: record.version,
          now: NOW,
        });
        await registry.publish(other, theirs.files);
        return registry.publish(record, files);
      },
    };
    const attempt = run(raced, ours);
    await expect(attempt).rejects.toThrow(PromotionFailed);
    await expect(attempt).rejects.toThrow(
      `telco-churn@v1.1.0 already exists in ${registry.description} with another model (sha256 ${theirs.sha256}); this candidate is sha256 ${ours.sha256}. production still points at v1.0.0`,
    );
    expect(await production(registry)).toBe('1.0.0');
    // The re-run the hint asks for publishes ours as the next version.
    expect(await run(registry, ours)).toMatchObject({ version: '1.2.0', published: true });
  });

  it('another run publishing the same model first is no conflict: the stage still moves', async () => {
    const { dir, registry } = setup();
    const c = candidate(dir, 'first');
    const raced: Registry = {
      ...registry,
      publish: async (record, files) => {
        await registry.publish(record, files);
        return registry.publish(record, files);
      },
    };
    const result = await run(raced, c);
    expect(result).toMatchObject({
      action: 'promoted',
      version: '1.0.0',
      published: false,
      previous: null,
    });
    expect(await production(registry)).toBe('1.0.0');
  });

  it('refuses a stage or model name that cannot be a tag', async () => {
    const { dir, registry } = setup();
    const c = candidate(dir, 'first');
    await expect(
      promote({
        registry,
        report: c.report,
        files: c.files,
        modelName: 'telco-churn',
        stage: 'Prod',
        bump: 'minor',
        now: NOW,
      }),
    ).rejects.toThrow("stage 'Prod' is not valid");
  });
});
