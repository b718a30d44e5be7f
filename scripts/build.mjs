#!/usr/bin/env node
/**
 * npm run build: tsc compiles src/ to lib/ (TypeScript 7 has no JavaScript API, so ncc cannot
 * compile .ts itself), ncc bundles the CLI into dist/cli/, the action into dist/action/ and the bootstrap's worker
 * into dist/app/, and onnxruntime's native binding
 * for this platform is copied to dist/bin/napi-v6/<platform>/<arch>/, the path the bundle
 * requires it from (ncc does not copy it). The binding is a build product, never committed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const bin = (name) => join(root, 'node_modules', '.bin', name);

rmSync(join(root, 'lib'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);

const bundles = [
  ['lib/cli/index.js', 'dist/cli'],
  // The GitHub Action (action.yml: runs.main), beside the CLI so both find dist/bin and dist/app.
  ['lib/action/index.js', 'dist/action'],
  // The bootstrap's worker thread, loaded from dist/app/bootstrap-worker.js as lib/app/ holds it.
  ['lib/app/bootstrap-worker.js', 'dist/app'],
];
for (const [entry, out] of bundles) {
  rmSync(join(root, out), { recursive: true, force: true });
  run(bin('ncc'), ['build', entry, '-o', out, '--quiet']);
}
renameSync(join(root, 'dist/app/index.js'), join(root, 'dist/app/bootstrap-worker.js'));

const ortRoot = dirname(require.resolve('onnxruntime-node/package.json'));
const native = join('bin', 'napi-v6', process.platform, process.arch);
const source = join(ortRoot, native);
if (!existsSync(source)) {
  throw new Error(
    `onnxruntime-node has no native binding for ${process.platform}/${process.arch} at ${source}`,
  );
}
const target = join(root, 'dist', native);
rmSync(join(root, 'dist', 'bin'), { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of readdirSync(source)) copyFileSync(join(source, file), join(target, file));
console.log(`built lib/ and dist/cli/; copied onnxruntime's binding to dist/${native}/`);
