/** Where long work reports how far it got; the CLI prints it, tests collect or ignore it. */
export interface Progress {
  stage(description: string): void;
  update(done: number, total: number, unit: 'bytes' | 'rows' | 'runs'): void;
}

export const silentProgress: Progress = {
  stage() {},
  update() {},
};

/**
 * Progress as log lines for long work: a stage line once the stage has run a second (or at once,
 * with `everyStage`: the action's log shows where the time went), then at most one percentage
 * line every two seconds. The CLI writes them to stderr, the action to the job's log.
 */
export function lineProgress(
  write: (line: string) => void,
  now: () => number,
  everyStage = false,
): Progress {
  let stage = '';
  let stageStart = 0;
  let announced = false;
  let lastLine = Number.NEGATIVE_INFINITY;
  return {
    stage(description) {
      stage = description;
      stageStart = now();
      announced = everyStage;
      if (everyStage) write(`model-gate: ${description}`);
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
          : `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit}`;
      write(`model-gate: ${stage}: ${pct}% (${amount})`);
      lastLine = t;
    },
  };
}
