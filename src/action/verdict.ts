/**
 * The step's end: the verdict as the log's last line, on every outcome, and the step failed when
 * `fail-on` (else the config's on_inconclusive) says this verdict fails. `fail-on: never` is the
 * advisory mode (a first week of watching before the gate may block): the step passes and the
 * line says what would have happened.
 */
import type { GateReport } from '../domain/gate/report.js';
import { verdictLine } from '../domain/render/gate-text.js';
import type { ActionInputs } from './inputs.js';
import type { ActionCore } from './run.js';

export function stepFails(inputs: ActionInputs, report: GateReport): boolean {
  const { verdict, exit_code } = report.decision;
  if (inputs.failOn === 'never') return false;
  if (inputs.failOn === undefined) return exit_code === 1;
  return verdict === 'FAIL' || (inputs.failOn === 'inconclusive' && verdict === 'INCONCLUSIVE');
}

export function finish(core: ActionCore, inputs: ActionInputs, report: GateReport): void {
  const line = verdictLine(report);
  if (stepFails(inputs, report)) {
    core.setFailed(line);
    return;
  }
  if (inputs.failOn === 'never' && report.decision.exit_code === 1) {
    core.warning(`${line}. fail-on: never, so the step passes; the gate would have blocked it.`, {
      title: 'model-gate: advisory',
    });
  }
  core.info(line);
}
