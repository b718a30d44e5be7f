/**
 * `baseline: registry`: the model a stage points at, fetched into a local folder and checked
 * against the sha256 in its decision record (the registry's fetchModel does the check), with the
 * card stored beside it — the baseline's card in the diff is the one it was registered with.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCardMarkdown } from '../domain/card/index.js';
import { InputError } from '../domain/errors.js';
import type { Registry } from '../registry/port.js';
import { versionTag } from '../registry/semver.js';
import type { UserCardFile } from './gate-cards.js';

export interface RegistryBaseline {
  readonly path: string;
  readonly version: string;
  /**
   * What people wrote of the registered model (its stored MODEL_CARD.md); null when it has no
   * card model-gate can read — the config's cards.baseline then serves, as for a file baseline.
   */
  readonly card: UserCardFile | null;
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
  const path = await registry.fetchModel(current.version, dir);
  const source = `the MODEL_CARD.md of ${versionTag(modelName, current.version)}`;
  const card = storedCard(await registry.fetchCard(current.version), source);
  return { path, version: current.version, card };
}

/** The stored card, when there is one that model-gate wrote (front matter it can read). */
function storedCard(markdown: string | null, source: string): UserCardFile | null {
  if (markdown === null) return null;
  try {
    return { value: userPart(parseCardMarkdown(markdown, source)), source };
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/**
 * The part of a stored card a person wrote (details, parameters, considerations): the contract
 * and the measurements are taken from the model and this gate's run, as for any card.
 */
function userPart(card: ReturnType<typeof parseCardMarkdown>): unknown {
  return {
    model_details: card.model_details,
    model_parameters: {
      architecture: card.model_parameters.architecture,
      training_data: card.model_parameters.training_data,
    },
    considerations: card.considerations,
  };
}
