#!/usr/bin/env node
/**
 * npm run local-action: GitHub's @github/local-action runs the action's run() — exported by
 * src/action/main.ts, as the actions/typescript-action template does — with its stand-ins for
 * @actions/core, @actions/github and @actions/artifact, and the inputs and runner variables in
 * .env.local-action: the gate on the shipped fixtures, without a runner. Its job summary and the
 * report land in local-action-out/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'local-action-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'summary.md'), '');
const bin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'local-action.cmd' : 'local-action',
);
const run = spawnSync(bin, ['run', '.', 'src/action/main.ts', '.env.local-action'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exitCode = run.status ?? 1;
