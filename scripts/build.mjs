#!/usr/bin/env node
/**
 * npm run build: tsc compiles src/ to lib/ (TypeScript 7 has no JavaScript API, so ncc cannot
 * compile .ts itself), ncc bundles the CLI into dist/cli/, the action into dist/action/, the worker
 * threads' entry into dist/app/ and the memory probe into dist/probe/, and onnxruntime's native
 * binding is copied to dist/bin/napi-v6/<platform>/<arch>/, the path the bundles require it from
 * (ncc does not copy it): this platform's, or with --release every supported platform's (npm run release:tree).
 * The bindings are build products, never committed on main.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  // The worker threads' entry (the bootstrap's shards, a CSV file's parts), loaded from
  // dist/app/worker.js as lib/app/ holds it.
  ['lib/app/worker.js', 'dist/app'],
  // The memory probe's process (memory rules), found as dist/probe/index.js; it loads
  // onnxruntime from dist/bin like the CLI.
  ['lib/probe/index.js', 'dist/probe'],
];
for (const [entry, out] of bundles) {
  rmSync(join(root, out), { recursive: true, force: true });
  run(bin('ncc'), ['build', entry, '-o', out, '--quiet']);
}
renameSync(join(root, 'dist/app/index.js'), join(root, 'dist/app/worker.js'));

// Which onnxruntime bindings dist/ carries: this machine's (a development build), or with
// --release every platform of src/runtime/platforms.ts (the release tree the action's tags and
// the npm package ship). Each lands at dist/bin/napi-v6/<platform>/<arch>/, the path the
// bundle's onnxruntime chunk requires it from.
const { SUPPORTED_PLATFORMS, bindingDir, findPlatform } = await import(
  pathToFileURL(join(root, 'lib/runtime/platforms.js')).href
);
const release = process.argv.includes('--release');
const ortRoot = dirname(require.resolve('onnxruntime-node/package.json'));
const host = findPlatform(process.platform, process.arch);
const platforms = release ? SUPPORTED_PLATFORMS : host ? [host] : [];
rmSync(join(root, 'dist', 'bin'), { recursive: true, force: true });
for (const p of platforms) {
  const dir = bindingDir(p.platform, p.arch);
  mkdirSync(join(root, 'dist', dir), { recursive: true });
  for (const file of p.files) {
    const source = join(ortRoot, dir, file);
    if (!existsSync(source)) {
      throw new Error(
        `onnxruntime-node ${ortVersion()} has no ${file} for ${p.label} at ${source}`,
      );
    }
    copyFileSync(source, join(root, 'dist', dir, file));
  }
}
console.log(
  `built lib/ and dist/; onnxruntime bindings in dist/bin: ${platforms.map((p) => p.label).join(', ') || `none (no binding for ${process.platform}/${process.arch})`}`,
);

function ortVersion() {
  return JSON.parse(readFileSync(join(ortRoot, 'package.json'), 'utf8')).version;
}
