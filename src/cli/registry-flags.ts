/**
 * The flags that name a file registry (registry/file-registry.ts), shared by gate, promote and
 * rollback: the folder, the model's name in it, and the stage.
 */
import { InputError } from '../domain/errors.js';
import { fileRegistry } from '../registry/file-registry.js';
import type { Registry } from '../registry/port.js';
import { checkName } from '../registry/semver.js';
import { type FlagSpec, type Flags, stringFlag } from './args.js';

export const REGISTRY_FLAG: FlagSpec = {
  name: 'registry',
  type: 'string',
  value: 'DIR',
  help: 'the file registry: versions/<semver>/ and one pointer per stage, per model',
};
export const MODEL_NAME_FLAG: FlagSpec = {
  name: 'model-name',
  type: 'string',
  value: 'NAME',
  help: "the model's name in the registry (lowercase letters, digits, '-')",
};
export const STAGE_FLAG: FlagSpec = {
  name: 'stage',
  type: 'string',
  value: 'STAGE',
  help: 'the stage to read or move',
  default: 'production',
};

export interface RegistryChoice {
  readonly registry: Registry;
  readonly modelName: string;
  readonly stage: string;
}

/** The registry the flags name; null when --registry is absent. */
export function registryFromFlags(flags: Flags, command: string): RegistryChoice | null {
  const root = stringFlag(flags, 'registry');
  if (root === undefined) return null;
  const name = stringFlag(flags, 'model-name');
  if (name === undefined) {
    throw new RegistryFlagError(command);
  }
  const modelName = checkName('model name', name);
  const stage = checkName('stage', stringFlag(flags, 'stage') ?? 'production');
  return { registry: fileRegistry(root, modelName), modelName, stage };
}

class RegistryFlagError extends InputError {
  constructor(command: string) {
    super(
      `${command}: --registry needs --model-name: a registry holds several models`,
      'Add --model-name NAME, e.g. --model-name telco-churn.',
    );
  }
}
