import type { GateDeps } from '../../src/app/gate.js';
import { silentProgress } from '../../src/app/progress.js';

/** The gate run in-process from the sources: silent, on the real clock, everything on one thread. */
export const gateDeps: GateDeps = {
  progress: silentProgress,
  now: () => performance.now(),
  toolVersion: 'test',
  worker: null,
  probe: null,
};
