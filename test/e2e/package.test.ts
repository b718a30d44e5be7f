/**
 * The CLI as a user installs it: `npm pack` (dist/ is the release build `npm test` made, as
 * prepack makes it for a publish), the tarball installed into an empty folder with no network
 * and no install scripts, then `npx model-gate gate` on the shipped fixtures. The package holds
 * what it runs — the bundles and every supported platform's onnxruntime binding — and nothing
 * that would fetch at install time: no dependencies, no install scripts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindingDir, SUPPORTED_PLATFORMS } from '../../src/runtime/platforms.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
let packed: { filename: string; files: { path: string }[] };
let consumer: string;
/** npm with a cache of its own and no registry to reach: nothing may be fetched. */
const env = () => ({
  ...process.env,
  npm_config_cache: join(tmp.dir, 'npm-cache'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});

beforeAll(() => {
  const json = execFileSync(
    npm,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir],
    { encoding: 'utf8', env: env(), shell: process.platform === 'win32' },
  );
  packed = JSON.parse(json)[0];
  consumer = join(tmp.dir, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
}, 120_000);

describe('the npm package', () => {
  it('carries the bundles and every supported binding, and no sources', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      'bin/model-gate.js',
      'dist/cli/index.js',
      'dist/action/index.js',
      'dist/app/worker.js',
      'package.json',
      'README.md',
    ]) {
      expect(files).toContain(file);
    }
    for (const p of SUPPORTED_PLATFORMS) {
      for (const file of p.files)
        expect(files).toContain(`dist/${bindingDir(p.platform, p.arch)}/${file}`);
    }
    expect(files.filter((f) => /^(src|test|lib|fixtures|scripts|bench)\//.test(f))).toEqual([]);
  });

  it('has nothing to fetch or run at install time, and says which Node it needs', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts?.[hook], hook).toBeUndefined();
    }
    expect(pkg.engines.node).toBe('>=20');
  });

  it('installs from the tarball offline and runs npx model-gate gate on the fixtures', () => {
    const install = spawnSync(
      npm,
      ['install', '--offline', '--no-package-lock', join(tmp.dir, packed.filename)],
      { cwd: consumer, encoding: 'utf8', env: env(), shell: process.platform === 'win32' },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/EBADENGINE|deprecated/);
    cpSync(resolve('fixtures/classification_telco_churn'), join(consumer, 'data'), {
      recursive: true,
    });
    cpSync(resolve('examples/telco/cards'), join(consumer, 'cards'), { recursive: true });
    writeFileSync(
      join(consumer, '.model-gate.yml'),
      readFileSync('examples/telco/.model-gate.yml', 'utf8').replaceAll(
        '../../fixtures/classification_telco_churn/',
        'data/',
      ),
    );
    const gate = spawnSync(npx, ['--no', 'model-gate', 'gate', '--out', 'report.json'], {
      cwd: consumer,
      encoding: 'utf8',
      env: env(),
      shell: process.platform === 'win32',
    });
    expect(gate.status, gate.stderr).toBe(0);
    expect(gate.stdout).toMatch(/^PASS: 0 fail, 0 inconclusive, 7 pass/);
    const report = JSON.parse(readFileSync(join(consumer, 'report.json'), 'utf8'));
    expect(report.tool).toEqual({ name: 'model-gate', version: pkg.version });
    // sklearn.metrics.roc_auc_score of the candidate on the ONNX outputs, from oracle.json.
    expect(report.metrics.candidate.roc_auc).toBeCloseTo(0.841218933726434, 12);
    // The memory rule ran the packed probe process (dist/probe) on the candidate; no rule
    // compares with the baseline's memory, so it was not probed.
    const memory = report.serving.memory[0];
    expect(memory.candidate.peak_mb).toBeGreaterThan(0);
    expect(memory.baseline).toBeNull();
  });
});
