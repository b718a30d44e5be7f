/** Rollback on a real file registry: only to a version that exists and passed the gate. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollback } from '../../src/app/rollback.js';
import { InputError } from '../../src/domain/errors.js';
import { fileRegistry } from '../../src/registry/file-registry.js';
import type { Registry } from '../../src/registry/port.js';
import { recordFromReport } from '../../src/registry/record.js';
import { candidate } from '../registry/helpers.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const NOW = new Date('2025-03-01T12:00:00Z');

/** v1.0.0 and v1.1.0 passed, v1.2.0 was recorded as FAIL; production points at v1.1.0. */
async function setup() {
  const dir = mkdtempSync(join(tmp.dir, 'case-'));
  const root = join(dir, 'models');
  const registry = fileRegistry(root, 'telco-churn');
  for (const [version, verdict] of [
    ['1.0.0', 'pass'],
    ['1.1.0', 'pass'],
    ['1.2.0', 'fail'],
  ] as const) {
    const c = candidate(dir, version, verdict);
    const record = recordFromReport(c.report, { modelName: 'telco-churn', version, now: NOW });
    await registry.publish(record, c.files);
  }
  await registry.moveStage('production', '1.1.0');
  return { dir, root, registry };
}

const production = async (registry: Registry) => (await registry.stage('production'))?.version;
const MAY_SERVE = 'the versions that may serve are v1.1.0, v1.0.0';

describe('rollback', () => {
  it.each(['v1.0.0', '1.0.0'])('to a passing version (%s)', async (to) => {
    const { registry } = await setup();
    expect(await rollback({ registry, stage: 'production', to })).toEqual({
      from: '1.1.0',
      to: '1.0.0',
    });
    expect(await production(registry)).toBe('1.0.0');
  });

  it('to a version recorded as FAIL is refused, listing the versions that may serve', async () => {
    const { registry } = await setup();
    const attempt = rollback({ registry, stage: 'production', to: 'v1.2.0' });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `cannot roll production back to v1.2.0: its decision record says FAIL, and only a version that passed the gate may serve; ${MAY_SERVE}`,
    );
    expect(await production(registry)).toBe('1.1.0');
  });

  it.each([
    ['v9.9.9', `cannot roll production back to v9.9.9: file registry`],
    ['latest', "cannot roll production back to 'latest': it is not a version like v1.2.0"],
  ])('to %s is refused', async (to, message) => {
    const { registry } = await setup();
    const attempt = rollback({ registry, stage: 'production', to });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(MAY_SERVE);
    expect(await production(registry)).toBe('1.1.0');
  });

  it('to where the stage already points writes nothing', async () => {
    const { registry } = await setup();
    let moves = 0;
    const counting: Registry = {
      ...registry,
      moveStage: (stage, version) => {
        moves++;
        return registry.moveStage(stage, version);
      },
    };
    expect(await rollback({ registry: counting, stage: 'production', to: '1.1.0' })).toEqual({
      from: '1.1.0',
      to: '1.1.0',
    });
    expect(moves).toBe(0);
  });

  it('sets a stage that was never set', async () => {
    const { registry } = await setup();
    expect(await rollback({ registry, stage: 'staging', to: '1.0.0' })).toEqual({
      from: null,
      to: '1.0.0',
    });
  });

  it('repairs a pointer to a version that is gone', async () => {
    const { root, registry } = await setup();
    writeFileSync(join(root, 'telco-churn', 'stages', 'production.json'), '{"version": "0.9.0"}');
    await expect(registry.stage('production')).rejects.toThrow(InputError);
    expect(await rollback({ registry, stage: 'production', to: '1.0.0' })).toEqual({
      from: null,
      to: '1.0.0',
    });
    expect(await production(registry)).toBe('1.0.0');
  });

  it('on an empty registry says there is nothing to roll back to', async () => {
    const dir = mkdtempSync(join(tmp.dir, 'empty-'));
    const registry = fileRegistry(join(dir, 'models'), 'telco-churn');
    await expect(rollback({ registry, stage: 'production', to: '1.0.0' })).rejects.toThrow(
      /has no such version; file registry .* holds no version that passed the gate$/,
    );
  });
});
