/**
 * Material for registry and promotion tests: gate reports from the real gate runs in
 * test/domain/render/fixtures (gate-pass.json, gate-fail.json), re-pointed at a small fake ONNX
 * file — the registry stores and hashes models, it never parses them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GateReport } from '../../src/domain/gate/report.js';
import type { VersionFiles } from '../../src/registry/port.js';

const FIXTURES = resolve('test/domain/render/fixtures');

export const sha256 = (bytes: string | Uint8Array) =>
  createHash('sha256').update(bytes).digest('hex');

/** A real gate report; with `modelSha256`, about that candidate model instead of the fixture's. */
export function gateReport(verdict: 'pass' | 'fail', modelSha256?: string): GateReport {
  const report = JSON.parse(readFileSync(join(FIXTURES, `gate-${verdict}.json`), 'utf8'));
  if (modelSha256 !== undefined) report.models.candidate.sha256 = modelSha256;
  return report as GateReport;
}

export interface Candidate {
  readonly report: GateReport;
  readonly files: VersionFiles;
  readonly sha256: string;
}

/**
 * A candidate in its own folder under `dir`: a fake model whose bytes are `content`, its card,
 * its serving contract (the registry stores it unread), and the gate's report about it written as
 * report.json.
 */
export function candidate(
  dir: string,
  content: string,
  verdict: 'pass' | 'fail' = 'pass',
): Candidate {
  const folder = mkdtempSync(join(dir, 'candidate-'));
  mkdirSync(folder, { recursive: true });
  const bytes = `ONNX-FAKE ${content}`;
  const digest = sha256(bytes);
  const report = gateReport(verdict, digest);
  const model = join(folder, 'model.onnx');
  const card = join(folder, 'MODEL_CARD.md');
  const reportFile = join(folder, 'report.json');
  const contract = join(folder, 'contract.json');
  writeFileSync(model, bytes);
  writeFileSync(contract, `${JSON.stringify({ title: `One request row for ${content}` })}\n`);
  writeFileSync(card, `# ${content}\n`);
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  return { report, files: { model, card, report: reportFile, contract }, sha256: digest };
}
