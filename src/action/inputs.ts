/**
 * The action's inputs, read once into one typed object before anything happens (STYLE 2): blank
 * means not given, booleans are strict (as core.getBooleanInput), and every bad value throws an
 * InputError naming the input and what it accepts.
 */
import { InputError } from '../domain/errors.js';

export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
export const VERSION_BUMPS = ['patch', 'minor', 'major'] as const;
export const FAIL_ON = ['fail', 'inconclusive'] as const;

export interface ActionInputs {
  readonly config: string | undefined;
  readonly candidate: string | undefined;
  readonly baseline: string | undefined;
  readonly holdout: string | undefined;
  readonly reference: string | undefined;
  readonly modelName: string | undefined;
  readonly token: string;
  readonly comment: (typeof COMMENT_MODES)[number];
  readonly commentId: string;
  readonly promote: boolean;
  readonly versionBump: (typeof VERSION_BUMPS)[number];
  readonly stage: string;
  readonly rollbackTo: string | undefined;
  /** Undefined: the config's on_inconclusive decides. */
  readonly failOn: (typeof FAIL_ON)[number] | undefined;
}

/** A name that is safe in a git tag (`<model>@v1.2.0`, `<model>#<stage>`) and a file name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkName(input: string, value: string): string {
  if (!NAME.test(value) || value.endsWith('.lock') || value.includes('..')) {
    throw new InputError(
      `input '${input}' is '${value}', which cannot name a git tag`,
      'Use letters, digits, dots, dashes and underscores (at most 100), starting with a letter or digit.',
    );
  }
  return value;
}

export function parseInputs(get: (name: string) => string): ActionInputs {
  const optional = (name: string): string | undefined => {
    const v = get(name).trim();
    return v === '' ? undefined : v;
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = optional(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      throw new InputError(
        `input '${name}' is '${v}'; it takes ${allowed.map((a) => `'${a}'`).join(', ')}`,
      );
    }
    return v as T;
  };
  const modelName = optional('model-name');
  const failOn = optional('fail-on');
  const rollbackTo = optional('rollback-to');
  if (rollbackTo !== undefined && !/^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(rollbackTo)) {
    throw new InputError(
      `input 'rollback-to' is '${rollbackTo}', not a version`,
      'Write the version to roll back to, e.g. v1.2.0.',
    );
  }
  return {
    config: optional('config'),
    candidate: optional('candidate'),
    baseline: optional('baseline'),
    holdout: optional('holdout'),
    reference: optional('reference'),
    modelName: modelName === undefined ? undefined : checkName('model-name', modelName),
    token: get('github-token').trim(),
    comment: choice('comment', COMMENT_MODES, 'auto'),
    commentId: get('comment-id').trim(),
    promote: booleanInput('promote', optional('promote') ?? 'false'),
    versionBump: choice('version-bump', VERSION_BUMPS, 'minor'),
    stage: checkName('stage', optional('stage') ?? 'production'),
    rollbackTo,
    failOn: failOn === undefined ? undefined : choice('fail-on', FAIL_ON, 'fail'),
  };
}

/** core.getBooleanInput's YAML 1.2 core-schema booleans, and nothing else. */
function booleanInput(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input '${name}' is '${value}'; it takes true or false`);
}
