/**
 * Rollback: point a stage back at an earlier version. Only a version the registry holds and whose
 * decision record says PASS may serve — a version recorded as FAIL or INCONCLUSIVE never passed
 * the gate, so putting it in production would skip the gate altogether.
 */
import { InputError } from '../domain/errors.js';
import type { Registry } from '../registry/port.js';
import { checkName, normalizeVersion } from '../registry/semver.js';

export interface RollbackOptions {
  readonly registry: Registry;
  readonly stage: string;
  /** 'v1.2.0' or '1.2.0'. */
  readonly to: string;
}

export interface RollbackResult {
  /** The version the stage pointed at before (without the v); null when it was never set. */
  readonly from: string | null;
  /** The version it points at now (without the v). */
  readonly to: string;
}

export async function rollback(options: RollbackOptions): Promise<RollbackResult> {
  const { registry, stage } = options;
  checkName('stage', stage);
  const versions = await registry.versions();
  const passing = versions.filter((x) => x.record.verdict === 'PASS');
  const choices =
    passing.length === 0
      ? `${registry.description} holds no version that passed the gate`
      : `the versions that may serve are ${passing.map((x) => `v${x.version}`).join(', ')}`;
  const to = normalizeVersion(options.to);
  if (to === null) {
    throw new InputError(
      `cannot roll ${stage} back to '${options.to}': it is not a version like v1.2.0; ${choices}`,
    );
  }
  const target = versions.find((x) => x.version === to);
  if (target === undefined) {
    throw new InputError(
      `cannot roll ${stage} back to v${to}: ${registry.description} has no such version; ${choices}`,
    );
  }
  if (target.record.verdict !== 'PASS') {
    throw new InputError(
      `cannot roll ${stage} back to v${to}: its decision record says ${target.record.verdict}, and only a version that passed the gate may serve; ${choices}`,
    );
  }
  // A broken pointer (to a version that is gone) is what a rollback repairs: from is then null.
  const current = await registry.stage(stage).catch((error: unknown) => {
    if (error instanceof InputError) return null;
    throw error;
  });
  // Already there: nothing to write, and a re-run of the same rollback succeeds.
  if (current?.version !== to) await registry.moveStage(stage, to);
  return { from: current?.version ?? null, to };
}
