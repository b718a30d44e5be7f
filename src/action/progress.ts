/**
 * Progress in the job's log: every stage as it starts (a reader of the log sees where the time
 * went), then percentage lines for long reads and inference (app/progress.ts).
 */
import { lineProgress, type Progress } from '../app/progress.js';

export function logProgress(info: (line: string) => void, now: () => number): Progress {
  return lineProgress(info, now, true);
}
