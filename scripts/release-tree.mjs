#!/usr/bin/env node
/**
 * npm run release:tree [-- --out DIR] [-- --no-build]: the tree a release tag of the action
 * carries — action.yml and dist/ with the bundles and every supported platform's onnxruntime
 * binding — assembled in release/ (or DIR), with its size: files, bytes, and bytes gzipped (what
 * a runner downloads for `uses: …@vX`, which also holds the tagged sources, about 3 MB more).
 * .github/workflows/release.yml tests this tree on each runner, then commits its dist/ on the
 * release tag.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = resolve(root, outAt >= 0 ? (args[outAt + 1] ?? 'release') : 'release');

if (!args.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--release'], {
    cwd: root,
    stdio: 'inherit',
  });
}
rmSync(out, { recursive: true, force: true });
for (const entry of ['action.yml', 'dist', 'README.md']) {
  cpSync(join(root, entry), join(out, entry), { recursive: true });
}

let files = 0;
let bytes = 0;
let gzipped = 0;
for (const file of walk(out)) {
  const data = readFileSync(file);
  files += 1;
  bytes += data.length;
  gzipped += gzipSync(data, { level: 6 }).length;
}
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(
  `release tree ${relative(process.cwd(), out) || '.'}: ${files} files, ${mb(bytes)}, ${mb(gzipped)} gzipped`,
);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
