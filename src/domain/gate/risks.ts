/**
 * What a reviewer must see before the verdict's fine print, read from report.json alone: the
 * same model on both sides, a holdout that is the training reference, a contract change a
 * serving system will notice, and a latency or size that jumped. The headline and the printed
 * summary list them first.
 */
import { formatBytes } from '../render/format.js';
import type { GateReport } from './report.js';

/** A jump this large (or a drop to this fraction) is a risk worth the headline. */
export const JUMP = 2;

type RiskReport = Pick<GateReport, 'models' | 'data'> & {
  readonly card_diff?: GateReport['card_diff'] | undefined;
};

function fold(after: number, before: number): number {
  return before > 0 ? after / before : Number.POSITIVE_INFINITY;
}

function round(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

export function risks(r: RiskReport): string[] {
  const out: string[] = [];
  const { candidate, baseline } = r.models;
  if (candidate.sha256 === baseline.sha256) {
    out.push(
      `candidate and baseline are the same model (sha256 ${candidate.sha256.slice(0, 12)}): the gate compared it with itself`,
    );
  }
  const reference = r.data.reference;
  if (reference && reference.sha256 === r.data.holdout.sha256) {
    out.push(
      'the holdout is the reference data (the same sha256): metrics on training data overstate both models',
    );
  }
  const contract = r.card_diff?.contract;
  if (contract?.breaking) {
    const parts = [
      [contract.inputs.length, 'input'],
      [contract.outputs.length, 'output'],
      [contract.opsets.length, 'opset'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${n} ${what} change${n === 1 ? '' : 's'}`);
    out.push(`breaking contract change (${parts.join(', ')}): a serving system will notice`);
  }
  const before = contract?.latency.before;
  const after = contract?.latency.after;
  if (before && after) {
    const x = fold(after.p50_ms, before.p50_ms);
    if (x >= JUMP) {
      out.push(
        // One significant digit: timings are noisy, and a re-run should not rewrite the comment.
        `latency ≈ ${Number(x.toPrecision(1))}× the baseline's: p50 ≈ ${Number(after.p50_ms.toPrecision(1))} ms vs ≈ ${Number(before.p50_ms.toPrecision(1))} ms per ${after.batch_rows}-row batch`,
      );
    }
  }
  if (contract && candidate.source !== 'predictions' && baseline.source !== 'predictions') {
    const x = fold(contract.bytes.after, contract.bytes.before);
    if (x >= JUMP) {
      out.push(
        `model size ${round(x)}× the baseline's: ${formatBytes(contract.bytes.after)} vs ${formatBytes(contract.bytes.before)}`,
      );
    }
  }
  return out;
}
