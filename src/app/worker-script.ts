/**
 * Where the worker threads' entry (worker.ts, compiled) lies: beside the caller's build, in lib/app/
 * or dist/app/. The TypeScript sources under test have none, and then everything runs on one thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker script beside a compiled module at `base` (import.meta.url of lib/ or dist/ code). */
export function workerScript(base: string): URL | null {
  const url = new URL(['..', 'app', 'worker.js'].join('/'), base);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}
