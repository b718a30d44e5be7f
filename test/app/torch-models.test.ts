/**
 * Models as users export them from PyTorch (fixtures/pytorch, torch.onnx.export from Debian's
 * python3-torch 1.13): logit [N,1] and [N], sigmoid [N,1], softmax [N,2] and [N,3], a regressor
 * in float32 and float64, fixed batches of 1 and 8, torch's default tensor names, two tensor
 * inputs. Each is evaluated against scikit-learn 1.2.1 on the same onnxruntime outputs
 * (fixtures/pytorch/oracle.json, scripts/fixtures/torch_oracle.py) to 1e-9, and gated against
 * the fixtures' scikit-learn models in both directions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/app/evaluate.js';
import { gate } from '../../src/app/gate.js';
import { silentProgress } from '../../src/app/progress.js';
import { tempDir } from '../support/tmp.js';

const DIR = resolve('fixtures/pytorch');
interface TorchModel {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly label: string;
  readonly holdout: string;
  readonly inputs: Record<string, string[]>;
  readonly output: string;
  readonly reads: 'logit' | 'probability' | 'value';
  readonly fixed_batch?: number;
}
const { models } = JSON.parse(readFileSync(join(DIR, 'models.json'), 'utf8')) as {
  models: Record<string, TorchModel>;
};
const oracle = JSON.parse(readFileSync(join(DIR, 'oracle.json'), 'utf8')) as {
  models: Record<string, { metrics: Record<string, number> }>;
};
const sklearnOracle = (task: string) =>
  JSON.parse(readFileSync(resolve('fixtures', task, 'oracle.json'), 'utf8')).metrics.holdout;
const deps = { progress: silentProgress, now: () => 0, toolVersion: '0.0.0-test' };
const tmp = tempDir();

/** One [N,F] input: features; several: inputs (as a user writes them). */
function feeds(m: TorchModel) {
  const entries = Object.entries(m.inputs);
  return entries.length === 1 ? { features: entries[0]?.[1] as string[] } : { inputs: m.inputs };
}

describe.each(Object.entries(models))('%s', (name, m) => {
  it('agrees with scikit-learn on the same outputs, and says how it read them', async () => {
    const { report } = await evaluate(
      {
        model: join(DIR, `${name}.onnx`),
        data: resolve('fixtures', m.holdout, 'holdout.csv'),
        label: m.label,
        threshold: 0.5,
        threads: 1,
        missing: 'allow',
        ...feeds(m),
      },
      deps,
    );
    expect(report.task).toBe(m.task);
    expect(report.model.score).toBe(m.reads);
    expect(report.model.fixed_batch).toBe(m.fixed_batch ?? null);
    const expected = oracle.models[name]?.metrics ?? {};
    expect(Object.keys(expected).length).toBeGreaterThan(2);
    for (const [metric, value] of Object.entries(expected)) {
      const tolerance = Math.max(1e-9, Math.abs(value) * 1e-12);
      expect(Math.abs((report.metrics[metric] as number) - value), metric).toBeLessThanOrEqual(
        tolerance,
      );
    }
  });
});

function gateConfig(
  file: string,
  candidate: unknown,
  baseline: unknown,
  holdout: string,
  label: string,
) {
  const path = join(tmp.dir, file);
  writeFileSync(
    path,
    JSON.stringify({
      label,
      models: { candidate, baseline },
      data: { holdout },
      statistics: { bootstrap: 200 },
    }),
  );
  return path;
}

const torchEntry = (name: string) => {
  const m = models[name] as TorchModel;
  return { path: join(DIR, `${name}.onnx`), ...feeds(m) };
};

describe('gated against the scikit-learn fixtures, both ways', () => {
  const telco = resolve('fixtures/classification_telco_churn');
  const housing = resolve('fixtures/regression_california_housing');
  const binary = Object.entries(models)
    .filter(([, m]) => m.task === 'binary')
    .map(([name]) => name);

  /** The gate with the torch model as candidate, then as baseline, against `other`. */
  async function bothWays(name: string, other: string, holdout: string, label: string) {
    const entry = torchEntry(name);
    const out = [];
    for (const [side, candidate, baseline] of [
      ['candidate', entry, other],
      ['baseline', other, entry],
    ] as const) {
      const config = gateConfig(`${name}-${side}.json`, candidate, baseline, holdout, label);
      const report = await gate(
        { config, cwd: tmp.dir, overrides: {}, threads: 1 },
        { ...deps, worker: null, probe: null },
      );
      out.push({
        report,
        torch: side,
        sklearn: side === 'candidate' ? 'baseline' : 'candidate',
      } as const);
    }
    return out;
  }

  it.each(binary)('%s against the Telco candidate ([N,2] probabilities)', async (name) => {
    const sklearn = sklearnOracle('classification_telco_churn').candidate.from_onnx_outputs;
    const torch = oracle.models[name]?.metrics as Record<string, number>;
    const runs = await bothWays(
      name,
      join(telco, 'candidate.onnx'),
      join(telco, 'holdout.csv'),
      'Churn',
    );
    for (const { report, torch: side, sklearn: other } of runs) {
      expect(report.task).toBe('binary');
      expect(report.metrics[side].roc_auc).toBeCloseTo(torch.roc_auc as number, 9);
      expect(report.metrics[other].roc_auc).toBeCloseTo(sklearn.roc_auc, 9);
      expect(report.models[side].score).toBe(models[name]?.reads);
      // Both read on the same rows: the delta is the difference of the two.
      expect(report.comparison.metrics.roc_auc?.delta).toBeCloseTo(
        (report.metrics.candidate.roc_auc as number) - (report.metrics.baseline.roc_auc as number),
        12,
      );
    }
  });

  it.each(['regressor_f32', 'regressor_f64'])('%s against the housing baseline', async (name) => {
    const sklearn = sklearnOracle('regression_california_housing').baseline.from_onnx_outputs;
    const torch = oracle.models[name]?.metrics as Record<string, number>;
    const runs = await bothWays(
      name,
      join(housing, 'baseline.onnx'),
      join(housing, 'holdout.csv'),
      'median_house_value',
    );
    for (const { report, torch: side, sklearn: other } of runs) {
      expect(report.task).toBe('regression');
      expect(report.metrics[side].r2).toBeCloseTo(torch.r2 as number, 9);
      expect(report.metrics[other].r2).toBeCloseTo(sklearn.r2, 9);
    }
  });

  it('a logit [N] candidate against a softmax [N,2] baseline: output forms are not tasks', async () => {
    const config = gateConfig(
      'forms.json',
      torchEntry('binary_logit_n'),
      torchEntry('binary_softmax_n2'),
      join(telco, 'holdout.csv'),
      'Churn',
    );
    const report = await gate(
      { config, cwd: tmp.dir, overrides: {}, threads: 1 },
      { ...deps, worker: null, probe: null },
    );
    expect(report.models.candidate.score).toBe('logit');
    expect(report.models.baseline.score).toBe('probability');
    expect(report.models.baseline.score_reason).toBe('the graph ends in Softmax');
  });
});
