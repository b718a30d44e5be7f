/** Where long work reports how far it got; the CLI prints it, tests collect or ignore it. */
export interface Progress {
  stage(description: string): void;
  update(done: number, total: number, unit: 'bytes' | 'rows'): void;
}

export const silentProgress: Progress = {
  stage() {},
  update() {},
};
