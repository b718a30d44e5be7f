/**
 * `baseline: registry`: the model a stage points at, fetched into a local folder and checked
 * against the sha256 in its decision record (the registry's fetchModel does the check).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../domain/errors.js';
import type { Registry } from '../registry/port.js';

export interface RegistryBaseline {
  readonly path: string;
  readonly version: string;
}

export async function fetchStageModel(
  registry: Registry,
  modelName: string,
  stage: string,
  dir = mkdtempSync(join(tmpdir(), 'model-gate-baseline-')),
): Promise<RegistryBaseline> {
  const current = await registry.stage(stage);
  if (current === null) {
    throw new InputError(
      `${registry.description}: ${modelName}#${stage} points at no version yet, so there is no production model to compare with`,
      "For the first version, give the baseline as a file (models.baseline in the config, the CLI's --baseline or the action's baseline input), or promote a first model.",
    );
  }
  return { path: await registry.fetchModel(current.version, dir), version: current.version };
}
