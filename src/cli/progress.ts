/**
 * Progress lines on stderr for long work: a stage line once the stage has run a second, then at
 * most one percentage line every two seconds. Short runs print nothing.
 */
import type { Progress } from '../app/progress.js';

export function stderrProgress(write: (line: string) => void, now: () => number): Progress {
  let stage = '';
  let stageStart = 0;
  let announced = false;
  let lastLine = Number.NEGATIVE_INFINITY;
  return {
    stage(description) {
      stage = description;
      stageStart = now();
      announced = false;
    },
    update(done, total, unit) {
      const t = now();
      if (t - stageStart < 1000 || t - lastLine < 2000 || total <= 0) return;
      if (!announced) {
        write(`model-gate: ${stage} ...`);
        announced = true;
      }
      const pct = Math.min(100, Math.floor((done / total) * 100));
      const amount =
        unit === 'bytes'
          ? `${(done / 1024 ** 2).toFixed(0)} of ${(total / 1024 ** 2).toFixed(0)} MiB`
          : `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`;
      write(`model-gate: ${stage}: ${pct}% (${amount})`);
      lastLine = t;
    },
  };
}
