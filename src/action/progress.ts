/**
 * Progress in the job's log: every stage as it starts (a reader of the log sees where the time
 * went), then the CLI's throttled percentage lines for long reads and inference.
 */
import type { Progress } from '../app/progress.js';
import { stderrProgress } from '../cli/progress.js';

export function logProgress(info: (line: string) => void, now: () => number): Progress {
  const throttled = stderrProgress(info, now);
  return {
    stage(description) {
      info(`model-gate: ${description}`);
      throttled.stage(description);
    },
    update: throttled.update,
  };
}
