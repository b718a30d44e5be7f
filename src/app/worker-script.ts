/**
 * Where the worker threads' entry (worker.ts, compiled) lies: beside the caller's build, in lib/app/
 * or dist/app/. The TypeScript sources under test have none, and then everything runs on one thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ParallelRead } from '../data/table.js';

/** The worker script beside a compiled module at `base` (import.meta.url of lib/ or dist/ code). */
export function workerScript(base: string): URL | null {
  const url = new URL(['..', 'app', 'worker.js'].join('/'), base);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * The memory probe's entry (src/probe/index.ts, compiled), a process of its own for memory rules
 * (runtime/memory.ts): beside a compiled module at `base`, in lib/probe/ or dist/probe/. A child
 * process cannot run the TypeScript sources, so code run from them (local-action, tests) uses the
 * compiled lib/probe/ of the same checkout when it is built.
 */
export function probeScript(base: string): URL | null {
  // Only from the sources: a build without its probe must not run a stale one from lib/.
  const fromSources = new URL(base).pathname.endsWith('.ts');
  for (const path of [['..', 'probe'], ...(fromSources ? [['..', '..', 'lib', 'probe']] : [])]) {
    const url = new URL([...path, 'index.js'].join('/'), base);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * How a command without --threads reads a large CSV: on every core, through the worker beside
 * `base`; undefined (one thread) where there is none.
 */
export function everyCore(base: string): ParallelRead | undefined {
  const worker = workerScript(base);
  return worker ? { worker, threads: availableParallelism() } : undefined;
}
