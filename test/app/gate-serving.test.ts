/**
 * Issue 13: latency, memory and size rules stop a model production would feel. The models are the
 * benchmark's forest (bench/forest.ts: 100 trees of depth 6, as skl2onnx lays out a scikit-learn
 * forest) and the same forest with every tree written 10 times at a tenth of its weight — the same
 * probabilities at ten times the work. The holdout is drawn from the benchmark's process.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildForest, type Tree } from '../../bench/forest.js';
import { forestModel } from '../../bench/models.js';
import { FEATURE_NAMES, FEATURES, Rng, sampleRow, spell } from '../../bench/synth.js';
import { gate } from '../../src/app/gate.js';
import { LATENCY_ROUNDS } from '../../src/app/gate-serving.js';
import { probeScript } from '../../src/app/worker-script.js';
import { readCsv } from '../../src/data/csv/reader.js';
import { judgeInterval } from '../../src/domain/gate/judge.js';
import { latencyRatio } from '../../src/domain/stats/index.js';
import { planInputs } from '../../src/runtime/feeds.js';
import { measureRounds, type TimedModel } from '../../src/runtime/latency.js';
import { loadModel } from '../../src/runtime/model.js';
import { gateDeps } from '../support/gate.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const paths = { fast: '', slow: '', holdout: '' };

beforeAll(() => {
  const trees = buildForest();
  const slow: Tree[] = Array.from({ length: 10 }, () =>
    trees.map((t) => ({ ...t, p1: t.p1.map((v) => v / 10) })),
  ).flat();
  paths.fast = join(tmp.dir, 'forest.onnx');
  paths.slow = join(tmp.dir, 'forest-x10.onnx');
  writeFileSync(paths.fast, forestModel(trees));
  writeFileSync(paths.slow, forestModel(slow));
  const rng = new Rng(5);
  const row = new Float64Array(FEATURE_NAMES.length);
  const lines = [[...FEATURE_NAMES, 'y'].join(',')];
  for (let i = 0; i < 3000; i++) {
    const y = sampleRow(rng, row);
    lines.push([...FEATURES.map((f, j) => spell(f.spelling, row[j] as number)), y].join(','));
  }
  paths.holdout = tmp.write('holdout.csv', `${lines.join('\n')}\n`);
}, 60_000);

function config(name: string, candidate: string, rules: string): string {
  return tmp.write(
    name,
    `version: 1
label: y
positive_label: 1
models: { candidate: ${candidate}, baseline: ${paths.fast} }
data: { holdout: ${paths.holdout} }
rules:
${rules}
statistics: { bootstrap: 200, seed: 3 }
`,
  );
}

const run = (path: string) =>
  gate({ config: path, cwd: tmp.dir, overrides: {}, threads: 1 }, gateDeps);

describe('latency rules', () => {
  it('FAIL a candidate ten times slower than production on max_ratio 1.2', async () => {
    const report = await run(
      config('slow.yml', paths.slow, '  - { latency: { vs_baseline: { max_ratio: 1.2 } } }'),
    );
    const rule = report.decision.rules[0];
    expect(rule?.outcome).toBe('FAIL');
    expect(rule?.method).toBe('runs');
    expect(rule?.unit).toBe('runs');
    expect(rule?.rule).toBe("median latency at batch 1 ≤ 1.2× the baseline's");
    const measured = report.serving?.latency[0];
    expect(measured?.batch).toBe(1);
    // At batch 1 session.run's own overhead is much of the time: ten times the trees is not ten times slower.
    expect(measured?.ratio).toBeGreaterThan(1.4);
    expect(measured?.ratio_ci[0]).toBeGreaterThan(1.2);
    expect(measured?.rounds).toBeGreaterThanOrEqual(LATENCY_ROUNDS.minRounds);
    expect(report.serving?.threads).toBe(1);
    expect(report.decision.verdict).toBe('FAIL');
  }, 60_000);

  it('never FAIL the same model against itself (20 runs of interleaved rounds)', async () => {
    // Two sessions of one file, as the gate holds candidate and baseline.
    const { table } = await readCsv(paths.holdout, {
      columns: FEATURE_NAMES.map((name) => ({ name, type: 'float32' as const })),
    });
    const timed = async (): Promise<TimedModel> => {
      const model = await loadModel(paths.fast, 'model', { threads: 1 });
      const plans = planInputs(model.contract.inputs, {
        model: 'model',
        featuresSetting: '--features',
        inputsSetting: '--inputs',
      });
      return { model, plans, output: 'probabilities', batch: { size: 1, fixed: false } };
    };
    const [a, b] = [await timed(), await timed()];
    const outcomes: string[] = [];
    for (let run = 0; run < 20; run++) {
      const rounds = await measureRounds(a, b, table, {
        ...LATENCY_ROUNDS,
        budgetMs: 300,
        batchRows: 1,
        now: () => performance.now(),
      });
      const ratio = latencyRatio(rounds, { confidence: 0.95, resamples: 1000, seed: run });
      outcomes.push(judgeInterval(ratio, 1.2, 'max'));
    }
    expect(outcomes).not.toContain('FAIL');
  }, 120_000);

  it('judge p95 at the batch a rule names, and size on the file', async () => {
    const report = await run(
      config(
        'p95.yml',
        paths.fast,
        [
          '  - { latency: { p95_ms: { max: 10000 }, batch: 64 } }',
          '  - { latency: { p95_ms: { max: 0.000001 } } }',
          '  - { size_mb: { max: 100 } }',
          '  - { size_mb: { max: 0.01 } }',
        ].join('\n'),
      ),
    );
    const [loose, tight, small, large] = report.decision.rules;
    expect([loose?.outcome, tight?.outcome, small?.outcome, large?.outcome]).toEqual([
      'PASS',
      'FAIL',
      'PASS',
      'FAIL',
    ]);
    expect(report.serving?.latency.map((l) => [l.batch, l.batch_rows])).toEqual([
      [1, 1],
      [64, 64],
    ]);
    expect(large?.method).toBe('exact');
    expect(large?.reason).toMatch(/^measured exactly: 0\.\d+ is not ≤ 0\.01$/);
    expect(report.serving?.size_mb.candidate).toBeCloseTo(
      report.models.candidate.bytes / 2 ** 20,
      12,
    );
  }, 60_000);

  it('refuse a latency rule on a candidate given as predictions, naming the rule', async () => {
    const predictions = tmp.write(
      'predictions.csv',
      `p\n${Array.from({ length: 3000 }, (_, i) => (i % 7) / 7).join('\n')}\n`,
    );
    const path = tmp.write(
      'predictions.yml',
      `version: 1
label: y
positive_label: 1
models:
  candidate: { predictions: ${predictions}, scores: p, read_as: probability, order: true }
  baseline: ${paths.fast}
data: { holdout: ${paths.holdout} }
rules:
  - { metric: roc_auc, vs_baseline: { max_drop: 0.5 } }
  - { latency: { p95_ms: { max: 5 } } }
statistics: { bootstrap: 100 }
`,
    );
    await expect(run(path)).rejects.toThrow(
      /rules\[1\] \(p95 latency at batch 1 ≤ 5 ms\) measures the candidate's ONNX model, but the candidate comes as predictions/,
    );
  }, 60_000);
});

// The probe process is compiled (lib/probe/index.js, built before the tests run).
const probe = probeScript(pathToFileURL(resolve('lib/cli/index.js')).href);
const runProbed = (path: string) =>
  gate({ config: path, cwd: tmp.dir, overrides: {}, threads: 1 }, { ...gateDeps, probe });

describe('memory rules', () => {
  it('FAIL a candidate that needs several times production’s memory; PASS the same model against itself', async () => {
    expect(probe).not.toBeNull();
    const rules = [
      '  - { memory: { vs_baseline: { max_ratio: 1.5 } } }',
      '  - { memory: { peak_mb: { max: 4096 } } }',
      '  - { memory: { peak_mb: { max: 0.01 }, batch: 64 } }',
    ].join('\n');
    const slow = await runProbed(config('memory-slow.yml', paths.slow, rules));
    const [ratio, loose, tight] = slow.decision.rules;
    expect([ratio?.outcome, loose?.outcome, tight?.outcome]).toEqual(['FAIL', 'PASS', 'FAIL']);
    expect(ratio?.rule).toBe("peak memory at batch 1 ≤ 1.5× the baseline's");
    expect(ratio?.method).toBe('probe');
    expect(tight?.reason).toMatch(
      /^measured once, in a process of its own .*: [\d.]+ is not ≤ 0\.01$/,
    );
    const memory = slow.serving?.memory ?? [];
    expect(memory.map((m) => [m.batch, m.batch_rows, m.runs])).toEqual([
      [1, 1, 5],
      [64, 64, 5],
    ]);
    const [one, sixtyFour] = memory;
    // No rule compares at batch 64: the baseline is not probed there.
    expect(sixtyFour?.baseline).toBeNull();
    expect(sixtyFour?.ratio).toBeNull();
    // Ten times the trees: onnxruntime's tree structures are ten times larger.
    expect(one?.ratio).toBeGreaterThan(2);
    expect(one?.ratio).toBeCloseTo(
      (one?.candidate.peak_mb ?? 0) / (one?.baseline?.peak_mb ?? 1),
      12,
    );
    expect(one?.candidate.peak_mb).toBeGreaterThanOrEqual(one?.candidate.resident_mb ?? Infinity);
    // This machine is Linux: the peak is reset before the model loads.
    expect(one?.peak_reset).toBe(process.platform === 'linux');

    const same = await runProbed(
      config('memory-same.yml', paths.fast, '  - { memory: { vs_baseline: { max_ratio: 1.2 } } }'),
    );
    expect(same.decision.rules[0]?.outcome).toBe('PASS');
    const r = same.serving?.memory?.[0]?.ratio ?? 0;
    expect(r).toBeGreaterThan(0.8);
    expect(r).toBeLessThan(1.2);
  }, 120_000);

  it('needs the probe process, and the baseline’s model for vs_baseline', async () => {
    await expect(
      run(config('memory-noprobe.yml', paths.fast, '  - { memory: { peak_mb: { max: 100 } } }')),
    ).rejects.toThrow(/a memory rule needs model-gate's probe process/);
    const predictions = tmp.write(
      'baseline-predictions.csv',
      `p\n${Array.from({ length: 3000 }, (_, i) => (i % 5) / 5).join('\n')}\n`,
    );
    const path = tmp.write(
      'memory-predictions.yml',
      `version: 1
label: y
positive_label: 1
models:
  candidate: ${paths.fast}
  baseline: { predictions: ${predictions}, scores: p, read_as: probability, order: true }
data: { holdout: ${paths.holdout} }
rules:
  - { memory: { vs_baseline: { max_ratio: 2 }, batch: 8 } }
statistics: { bootstrap: 100 }
`,
    );
    await expect(runProbed(path)).rejects.toThrow(
      /rules\[0\] \(peak memory at batch 8 ≤ 2× the baseline's\) measures the baseline's ONNX model, but the baseline comes as predictions/,
    );
  }, 60_000);
});
