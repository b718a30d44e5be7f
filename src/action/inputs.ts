/**
 * The action's inputs, read once into one typed object before anything happens (STYLE 2): blank
 * means not given, booleans are strict (as core.getBooleanInput), and every bad value throws an
 * InputError naming the input and what it accepts.
 */
import { InputError } from '../domain/errors.js';
import { checkName, normalizeVersion, VERSION_BUMPS } from '../registry/semver.js';

export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
export const FAIL_ON = ['fail', 'inconclusive', 'never'] as const;

export interface ActionInputs {
  readonly config: string | undefined;
  readonly candidate: string | undefined;
  readonly baseline: string | undefined;
  readonly holdout: string | undefined;
  readonly reference: string | undefined;
  /** Columns, in order, for models with one [N, F] input. */
  readonly features: string[] | undefined;
  readonly batchSize: number | undefined;
  /**
   * A report.json from an earlier gate run to publish (summary, annotations, PR comment) instead
   * of gating: the comment half of the workflow_run pattern for pull requests from forks.
   */
  readonly report: string | undefined;
  readonly modelName: string | undefined;
  readonly token: string;
  readonly comment: (typeof COMMENT_MODES)[number];
  readonly commentId: string;
  readonly promote: boolean;
  readonly versionBump: (typeof VERSION_BUMPS)[number];
  readonly stage: string;
  readonly rollbackTo: string | undefined;
  /** Undefined: the config's on_inconclusive decides; 'never': advisory, the step never fails. */
  readonly failOn: (typeof FAIL_ON)[number] | undefined;
}

/** Model and stage names follow the registry's rule (registry/semver.ts), named as the input. */
function checkInputName(input: 'model-name' | 'stage', value: string): string {
  try {
    return checkName(input === 'stage' ? 'stage' : 'model name', value);
  } catch (error) {
    const e = error as InputError;
    throw new InputError(`input '${input}': ${e.message}`, e.hint);
  }
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
  if (rollbackTo !== undefined && normalizeVersion(rollbackTo) === null) {
    throw new InputError(
      `input 'rollback-to' is '${rollbackTo}', not a version`,
      'Write the version to roll back to, e.g. v1.2.0.',
    );
  }
  const report = optional('report');
  const promote = booleanInput('promote', optional('promote') ?? 'false');
  if (report !== undefined) {
    const clash = [
      'config',
      'candidate',
      'baseline',
      'holdout',
      'reference',
      'features',
      'batch-size',
      'rollback-to',
    ].find((name) => optional(name) !== undefined);
    if (clash !== undefined || promote) {
      throw new InputError(
        `input 'report' publishes an earlier gate's report, so '${clash ?? 'promote'}' has nothing to act on`,
        "Use 'report' alone in the workflow_run workflow that comments (README: pull requests from forks); gate and promote in the workflow that has the models.",
      );
    }
  }
  return {
    config: optional('config'),
    candidate: optional('candidate'),
    baseline: optional('baseline'),
    holdout: optional('holdout'),
    reference: optional('reference'),
    features: listInput('features', optional('features')),
    batchSize: batchSizeInput(optional('batch-size')),
    report,
    modelName: modelName === undefined ? undefined : checkInputName('model-name', modelName),
    token: get('github-token').trim(),
    comment: choice('comment', COMMENT_MODES, 'always'),
    commentId: get('comment-id').trim(),
    promote,
    versionBump: choice('version-bump', VERSION_BUMPS, 'minor'),
    stage: checkInputName('stage', optional('stage') ?? 'production'),
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

function listInput(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (list.length === 0) throw new InputError(`input '${name}' is '${value}' and names no column`);
  return list;
}

function batchSizeInput(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InputError(`input 'batch-size' is '${value}', not a whole number of rows above 0`);
  }
  return n;
}
