/**
 * The file registry on a real temp folder: publish in one rename, stage pointers, verified fetches,
 * and errors that name the file or the version at fault.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { fileRegistry } from '../../src/registry/file-registry.js';
import { recordFromReport } from '../../src/registry/record.js';
import { tempDir } from '../support/tmp.js';
import { candidate } from './helpers.js';

const tmp = tempDir();
const NOW = new Date('2025-03-01T12:00:00Z');

/** A fresh registry root and a registry of 'telco-churn' in it. */
function setup() {
  const dir = mkdtempSync(join(tmp.dir, 'case-'));
  const root = join(dir, 'models');
  return { dir, root, registry: fileRegistry(root, 'telco-churn') };
}

function recordOf(c: ReturnType<typeof candidate>, version: string) {
  return recordFromReport(c.report, { modelName: 'telco-churn', version, now: NOW });
}

describe('fileRegistry', () => {
  it('starts empty, even without its folder', async () => {
    const { registry, root } = setup();
    expect(registry.description).toBe(`file registry ${root}`);
    expect(await registry.versions()).toEqual([]);
    expect(await registry.stage('production')).toBeNull();
  });

  it('publishes a version folder with the five files, and lists versions newest first', async () => {
    const { dir, root, registry } = setup();
    for (const version of ['1.0.0', '1.10.0', '1.2.0', '2.0.0-rc.1']) {
      const c = candidate(dir, version);
      const published = await registry.publish(recordOf(c, version), c.files);
      expect(published.location).toBe(join(root, 'telco-churn', 'versions', version));
      expect(published.record.model_sha256).toBe(c.sha256);
    }
    const folder = join(root, 'telco-churn', 'versions', '1.2.0');
    expect(readdirSync(folder).sort()).toEqual([
      'MODEL_CARD.md',
      'contract.json',
      'model.onnx',
      'record.json',
      'report.json',
    ]);
    expect(readFileSync(join(folder, 'model.onnx'), 'utf8')).toBe('ONNX-FAKE 1.2.0');
    expect(readFileSync(join(folder, 'contract.json'), 'utf8')).toContain('for 1.2.0');
    expect(JSON.parse(readFileSync(join(folder, 'record.json'), 'utf8')).version).toBe('1.2.0');
    const versions = await registry.versions();
    expect(versions.map((v) => v.version)).toEqual(['2.0.0-rc.1', '1.10.0', '1.2.0', '1.0.0']);
    // Nothing is left beside versions/ but the versions themselves.
    expect(readdirSync(join(root, 'telco-churn'))).toEqual(['versions']);
  });

  it('stores no contract.json for a version published without one (a report from before contracts)', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, '1.0.0');
    await registry.publish(recordOf(c, '1.0.0'), { ...c.files, contract: undefined });
    const folder = join(root, 'telco-churn', 'versions', '1.0.0');
    expect(readdirSync(folder).sort()).toEqual([
      'MODEL_CARD.md',
      'model.onnx',
      'record.json',
      'report.json',
    ]);
  });

  it('refuses to publish a version that exists, naming its folder and model', async () => {
    const { dir, registry } = setup();
    const first = candidate(dir, 'first');
    await registry.publish(recordOf(first, '1.0.0'), first.files);
    const second = candidate(dir, 'second');
    const attempt = registry.publish(recordOf(second, '1.0.0'), second.files);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `telco-churn v1\\.0\\.0 already exists in file registry .*versions/1\\.0\\.0 \\(model sha256 ${first.sha256}\\)`,
      ),
    );
    const [only] = await registry.versions();
    expect(only?.record.model_sha256).toBe(first.sha256);
  });

  it('removes the staging folder when the stored model does not match the record', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    writeFileSync(c.files.model, 'changed after the gate ran');
    const attempt = registry.publish(recordOf(c, '1.0.0'), c.files);
    await expect(attempt).rejects.toThrow(/has sha256 [0-9a-f]{64}, but the decision record says/);
    await expect(attempt).rejects.toThrow(
      /nothing was published \(the staging folder was removed\)/,
    );
    expect(await registry.versions()).toEqual([]);
    expect(readdirSync(join(root, 'telco-churn'))).toEqual(['versions']);
  });

  it('fails cleanly when a file to publish is missing', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    rmSync(c.files.card);
    const attempt = registry.publish(recordOf(c, '1.0.0'), c.files);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(`the model card '${c.files.card}' does not exist`);
    expect(readdirSync(join(root, 'telco-churn'))).toEqual(['versions']);
  });

  it('refuses a record of another model', async () => {
    const { dir, root } = setup();
    const c = candidate(dir, 'model');
    const other = fileRegistry(root, 'other');
    await expect(other.publish(recordOf(c, '1.0.0'), c.files)).rejects.toThrow(
      'cannot publish a record of telco-churn to other',
    );
  });

  it('ignores staging folders left by a killed run', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    await registry.publish(recordOf(c, '1.0.0'), c.files);
    const leftover = join(root, 'telco-churn', '.staging-1.1.0-99999');
    mkdirSync(leftover);
    writeFileSync(join(leftover, 'model.onnx'), 'half');
    expect((await registry.versions()).map((v) => v.version)).toEqual(['1.0.0']);
  });

  it('names the file of a broken record', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    await registry.publish(recordOf(c, '1.0.0'), c.files);
    const file = join(root, 'telco-churn', 'versions', '1.0.0', 'record.json');
    writeFileSync(file, '{"schema": 1, "verdict": ');
    await expect(registry.versions()).rejects.toThrow(InputError);
    await expect(registry.versions()).rejects.toThrow(`${file} is not valid JSON`);
    writeFileSync(file, JSON.stringify({ ...recordOf(c, '1.0.0'), verdict: 'OK' }));
    await expect(registry.versions()).rejects.toThrow(
      `${file} is not a valid decision record: key 'verdict'`,
    );
    writeFileSync(file, JSON.stringify(recordOf(c, '1.0.1')));
    await expect(registry.versions()).rejects.toThrow(
      `${file} records telco-churn v1.0.1, but it is stored as telco-churn v1.0.0`,
    );
    rmSync(file);
    await expect(registry.versions()).rejects.toThrow(`${file} cannot be read (does not exist)`);
  });

  it('moves a stage through a pointer file, only to a version that exists', async () => {
    const { dir, root, registry } = setup();
    for (const version of ['1.0.0', '1.1.0']) {
      const c = candidate(dir, version);
      await registry.publish(recordOf(c, version), c.files);
    }
    await registry.moveStage('production', '1.0.0');
    expect((await registry.stage('production'))?.version).toBe('1.0.0');
    await registry.moveStage('production', 'v1.1.0');
    const pointer = join(root, 'telco-churn', 'stages', 'production.json');
    expect(JSON.parse(readFileSync(pointer, 'utf8'))).toEqual({ version: '1.1.0' });
    expect(readdirSync(join(root, 'telco-churn', 'stages'))).toEqual(['production.json']);
    expect(await registry.stage('staging')).toBeNull();

    await expect(registry.moveStage('production', '2.0.0')).rejects.toThrow(
      `cannot point production at v2.0.0: file registry ${root} has no such version of telco-churn; it holds v1.1.0, v1.0.0`,
    );
    await expect(registry.moveStage('Production', '1.0.0')).rejects.toThrow(
      "stage 'Production' is not valid",
    );
    await expect(registry.moveStage('production', 'latest')).rejects.toThrow(
      "'latest': it is not a semantic version",
    );
    expect((await registry.stage('production'))?.version).toBe('1.1.0');
  });

  it('names a stage pointer that is broken or points at a missing version', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    await registry.publish(recordOf(c, '1.0.0'), c.files);
    const stages = join(root, 'telco-churn', 'stages');
    mkdirSync(stages);
    const pointer = join(stages, 'production.json');
    writeFileSync(pointer, '{"version": "3.0.0"}');
    await expect(registry.stage('production')).rejects.toThrow(
      `${pointer} points production at v3.0.0, which file registry ${root} does not hold; it holds v1.0.0`,
    );
    writeFileSync(pointer, '{"version": "v1"}');
    await expect(registry.stage('production')).rejects.toThrow(
      `${pointer} must hold { "version": "<semver>" }`,
    );
    writeFileSync(pointer, 'version: 1.0.0');
    await expect(registry.stage('production')).rejects.toThrow(`${pointer} is not valid JSON`);
  });

  it('fetches a verified copy of a version', async () => {
    const { dir, registry } = setup();
    const c = candidate(dir, 'model');
    await registry.publish(recordOf(c, '1.0.0'), c.files);
    const out = join(dir, 'fetched');
    const path = await registry.fetchModel('v1.0.0', out);
    expect(path).toBe(join(out, 'telco-churn-1.0.0.onnx'));
    expect(readFileSync(path, 'utf8')).toBe('ONNX-FAKE model');
    await expect(registry.fetchModel('1.0.1', out)).rejects.toThrow('cannot fetch v1.0.1');
  });

  it('refuses a stored model that was tampered with, naming the version and both sha256s', async () => {
    const { dir, root, registry } = setup();
    const c = candidate(dir, 'model');
    await registry.publish(recordOf(c, '1.0.0'), c.files);
    const stored = join(root, 'telco-churn', 'versions', '1.0.0', 'model.onnx');
    writeFileSync(stored, 'ONNX-FAKE tampered');
    const out = join(dir, 'fetched');
    const attempt = registry.fetchModel('1.0.0', out);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `telco-churn v1\\.0\\.0 in file registry .* is damaged: its model has sha256 [0-9a-f]{64}, but its decision record says ${c.sha256}`,
      ),
    );
    expect(existsSync(join(out, 'telco-churn-1.0.0.onnx'))).toBe(false);
  });

  it('refuses a model name that cannot be a folder and a tag', () => {
    expect(() => fileRegistry('models', '../etc')).toThrow("model name '../etc' is not valid");
  });
});
