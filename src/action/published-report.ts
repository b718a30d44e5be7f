/**
 * The report.json an earlier gate run left (input `report`, in the workflow_run workflow that
 * comments for a fork's pull request). The file came from a run of the fork's code, so it is
 * untrusted: it is read through the report schema (data/report-file.ts), and anything the
 * renderer cannot use is an input error naming the file — never a crash, never raw text in the
 * comment (the renderer escapes every string it is given).
 */
import { readReport } from '../data/report-file.js';
import { InputError } from '../domain/errors.js';
import type { GateReport } from '../domain/gate/report.js';
import { renderGateMarkdown } from '../domain/render/gate-markdown/index.js';

export async function readPublishedReport(path: string): Promise<GateReport> {
  const read = await readReport(path, "input 'report'", ['gate']);
  const report = read.report as GateReport;
  try {
    renderGateMarkdown(report, { limit: 65_536, fullReport: 'the report' });
  } catch (error) {
    throw new InputError(
      `input 'report' '${path}' is not a whole model-gate gate report: ${(error as Error).message}`,
      'Pass the report.json the gate step wrote (its report-path output, in the artifact-name artifact), unedited.',
    );
  }
  return report;
}
