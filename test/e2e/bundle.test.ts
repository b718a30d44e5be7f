/**
 * The bundled CLI (dist/, from `npm run build`) copied to a bare folder with no node_modules,
 * run by node on a fixture: same report as the source.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyReleaseTree } from '../support/release-tree.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();

describe('the npm bin', () => {
  it('answers --help and --version', () => {
    const help = spawnSync(process.execPath, ['bin/model-gate.js', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: model-gate <command>/);
    const version = spawnSync(process.execPath, ['bin/model-gate.js', '--version'], {
      encoding: 'utf8',
    });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('dist/cli bundle', () => {
  it('runs from a bare folder and reproduces the oracle', () => {
    const bare = copyReleaseTree(join(tmp.dir, 'action'));
    expect(existsSync(join(bare, 'node_modules'))).toBe(false);
    const out = join(tmp.dir, 'report.json');
    const telco = resolve('fixtures/classification_telco_churn');
    execFileSync(
      process.execPath,
      [
        join(bare, 'dist/cli/index.js'),
        'evaluate',
        '--model',
        join(telco, 'candidate.onnx'),
        '--data',
        join(telco, 'holdout.csv'),
        '--label',
        'Churn',
        '--threads',
        '2',
        '--out',
        out,
        '--quiet',
      ],
      { cwd: tmp.dir },
    );
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // sklearn.metrics.roc_auc_score on the ONNX outputs, from oracle.json.
    expect(report.metrics.roc_auc).toBeCloseTo(0.841218933726434, 12);
    const bad = spawnSync(
      process.execPath,
      [
        join(bare, 'dist/cli/index.js'),
        'evaluate',
        '--model',
        'missing.onnx',
        '--data',
        'x.csv',
        '--label',
        'y',
      ],
      { cwd: tmp.dir, encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/model 'missing.onnx' does not exist/);
  });

  it('runs the gate with the bootstrap on a worker thread of the bundle', () => {
    const bare = copyReleaseTree(join(tmp.dir, 'gate'));
    const out = join(tmp.dir, 'gate.json');
    const run = spawnSync(
      process.execPath,
      [
        join(bare, 'dist/cli/index.js'),
        'gate',
        '--config',
        resolve('examples/telco/.model-gate.yml'),
        '--threads',
        '2',
        '--out',
        out,
        '--quiet',
      ],
      { cwd: tmp.dir, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.decision.verdict).toBe('PASS');
    expect(report.comparison.bootstrap_threads).toBe(2);
    // sklearn.metrics.roc_auc_score of candidate and baseline on the ONNX outputs, oracle.json.
    expect(report.comparison.delong.delta).toBeCloseTo(0.841218933726434 - 0.823996621361145, 12);
  });

  it('predicts two shards as Parquet and gates on them, from the bundle alone', () => {
    const bare = copyReleaseTree(join(tmp.dir, 'shards'));
    const cli = join(bare, 'dist/cli/index.js');
    const telco = resolve('fixtures/classification_telco_churn');
    for (const shard of ['1/2', '2/2']) {
      const run = spawnSync(
        process.execPath,
        [
          cli,
          'predict',
          '--model',
          join(telco, 'candidate.onnx'),
          '--data',
          join(telco, 'holdout.csv'),
          '--shard',
          shard,
          '--batch-size',
          '512',
          '--out',
          join(tmp.dir, `p-${shard[0]}.parquet`),
          '--quiet',
        ],
        { cwd: tmp.dir, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    const config = join(tmp.dir, 'shards.yml');
    writeFileSync(
      config,
      `label: Churn\nmodels: { candidate: { predictions: p-*.parquet }, baseline: ${join(telco, 'baseline.onnx')} }\ndata: { holdout: ${join(telco, 'holdout.csv')} }\nstatistics: { bootstrap: 200 }\n`,
    );
    const out = join(tmp.dir, 'shards.json');
    const run = spawnSync(
      process.execPath,
      [cli, 'gate', '--config', config, '--out', out, '--quiet'],
      {
        cwd: tmp.dir,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // sklearn.metrics.roc_auc_score of the candidate's ONNX outputs, oracle.json.
    expect(report.metrics.candidate.roc_auc).toBeCloseTo(0.841218933726434, 12);
    expect(report.models.candidate.predictions.files).toHaveLength(2);
  });
});
