/**
 * The tree the end-to-end tests run: this checkout's action.yml and dist/ (which `npm test`
 * builds with every binding, as release:tree does), or with MODEL_GATE_RELEASE_TREE the folder
 * release:tree assembled — the release workflow downloads it on each runner of its matrix and
 * runs these tests from it, so what is tagged is what was tested.
 */
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RELEASE_TREE = resolve(process.env.MODEL_GATE_RELEASE_TREE ?? '.');

/** Copies the tree's action.yml and dist/ to `dir` (a bare folder: no node_modules, no sources). */
export function copyReleaseTree(dir: string): string {
  const dist = join(RELEASE_TREE, 'dist');
  if (!existsSync(join(dist, 'cli', 'index.js'))) {
    throw new Error(`${dist} holds no build: run npm run build (npm test does) or release:tree`);
  }
  cpSync(dist, join(dir, 'dist'), { recursive: true });
  cpSync(join(RELEASE_TREE, 'action.yml'), join(dir, 'action.yml'));
  return dir;
}

/**
 * The environment a child process needs on every runner's OS and nothing else: PATH, and on
 * Windows the variables its loader and temp folder need (names are case-insensitive there).
 */
export function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'SYSTEMROOT', 'WINDIR', 'TEMP', 'TMP', 'COMSPEC', 'PATHEXT'];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && keep.includes(key.toUpperCase())) env[key] = value;
  }
  return env;
}
