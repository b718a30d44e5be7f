#!/usr/bin/env node
/**
 * npm run bench:cold-start [-- RUNS]: the bundled action's cold start on this machine, from a
 * bare copy of the release tree (dist/ and action.yml, no node_modules), as a runner starts it:
 * `node dist/action/index.js` with INPUT_* and GITHUB_* set. Three figures, each the median
 * (and min) over RUNS fresh processes (default 10):
 *
 * - start-up: the process starts, reads its inputs, fails on a bad one and exits — what every
 *   step pays before it does anything (loading the bundle, @actions/core);
 * - first row read: until the log says the holdout is being read — the models are loaded
 *   (onnxruntime is in) and the reader starts on the next line (issue 12's cold start);
 * - whole gate: the shipped Telco gate (examples/telco, 1,000 bootstrap resamples, 2,110 rows),
 *   comment: never, so no GitHub is needed.
 *
 * Run `npm run build` (or release:tree) first. Nothing here is asserted by a test.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 10);
const bare = mkdtempSync(join(tmpdir(), 'model-gate-cold-'));
cpSync(join(root, 'dist'), join(bare, 'dist'), { recursive: true });
cpSync(join(root, 'action.yml'), join(bare, 'action.yml'));

function env(inputs) {
  const dir = mkdtempSync(join(bare, 'run-'));
  const e = {
    PATH: process.env.PATH ?? '',
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: join(dir, 'outputs'),
    RUNNER_TEMP: dir,
    'INPUT_GITHUB-TOKEN': '',
  };
  writeFileSync(e.GITHUB_OUTPUT, '');
  for (const [k, v] of Object.entries(inputs)) e[`INPUT_${k.toUpperCase()}`] = v;
  return e;
}

/** ms until `until` matches a line of stdout (or the process exits), and the exit code. */
function time(inputs, until) {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(bare, 'dist/action/index.js')], {
      cwd: root,
      env: env(inputs),
    });
    let seen = null;
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (seen === null && until?.test(out)) seen = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      const total = Number(process.hrtime.bigint() - start) / 1e6;
      done({ ms: until ? (seen ?? Number.NaN) : total, code, out });
    });
  });
}

async function measure(name, inputs, until, expectCode) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await time(inputs, until);
    if (r.code !== expectCode) throw new Error(`${name}: exit ${r.code}\n${r.out}`);
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${name.padEnd(12)} median ${median.toFixed(0).padStart(6)} ms   min ${times[0].toFixed(0).padStart(6)} ms   (${runs} runs)`,
  );
}

const gate = {
  config: 'examples/telco/.model-gate.yml',
  comment: 'never',
  'model-name': 'telco-churn',
};
console.log(`node ${process.version}, ${process.platform}/${process.arch}, bare tree ${bare}`);
try {
  await measure('start-up', { promote: 'maybe' }, null, 1);
  await measure('first row', gate, /model-gate: reading holdout/, 0);
  await measure('whole gate', gate, null, 0);
} finally {
  rmSync(bare, { recursive: true, force: true });
}
