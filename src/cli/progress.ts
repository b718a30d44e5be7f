/** The CLI's progress: lineProgress (app/progress.ts) on stderr. */
import { lineProgress, type Progress } from '../app/progress.js';

export function stderrProgress(write: (line: string) => void, now: () => number): Progress {
  return lineProgress(write, now);
}
