/**
 * Models whose batch is fixed, as torch.onnx.export writes them without dynamic_axes: [1,F] and
 * [k,F] inputs run k rows at a time, the last batch padded and its padding's outputs dropped,
 * with the same scores as the same graph with a free batch — real onnxruntime throughout.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/app/evaluate.js';
import { silentProgress } from '../../src/app/progress.js';
import { readTable } from '../../src/data/read-table.js';
import { InputError } from '../../src/domain/errors.js';
import { batchPlan, columnRequests, planInputs } from '../../src/runtime/feeds.js';
import { measureLatency } from '../../src/runtime/latency.js';
import { loadModel } from '../../src/runtime/model.js';
import { scoreModel } from '../support/onnx.js';
import { tempDir } from '../support/tmp.js';

const HOLDOUT = 'fixtures/classification_telco_churn/holdout.csv';
const tmp = tempDir();
const deps = { progress: silentProgress, now: () => 0, toolVersion: '0.0.0-test' };
const model = (name: string, batch: number | null, reshape?: number[]) =>
  tmp.write(
    `${name}.onnx`,
    scoreModel({
      input: 'tenure',
      batch,
      weight: -0.05,
      bias: 0.4,
      last: 'Sigmoid',
      ...(reshape ? { reshape } : {}),
    }),
  );
const run = (path: string, batchSize?: number) =>
  evaluate(
    {
      model: path,
      data: HOLDOUT,
      label: 'Churn',
      threshold: 0.5,
      threads: 1,
      missing: 'allow',
      ...(batchSize !== undefined ? { batchSize } : {}),
    },
    deps,
  );

describe('a fixed batch', () => {
  it('of 1 and of 8 gives the free-batch model’s metrics exactly, and says so', async () => {
    const free = (await run(model('free', null))).report;
    const one = (await run(model('one', 1))).report;
    const eight = (await run(model('eight', 8))).report;
    expect(free.model.fixed_batch).toBeNull();
    expect(one.model.fixed_batch).toBe(1);
    expect(one.model.batch_size).toBe(1);
    expect(one.model.padded_rows).toBe(0);
    // 2,110 rows = 263 batches of 8 and one of 6, padded with 2 copies of its last row.
    expect(eight.model.fixed_batch).toBe(8);
    expect(eight.model.padded_rows).toBe(2);
    expect(one.metrics).toEqual(free.metrics);
    expect(eight.metrics).toEqual(free.metrics);
    expect(eight.model.score).toBe('probability');
    expect(eight.model.score_reason).toBe('the graph ends in Sigmoid');
  });

  it('refuses a batch size the model does not take, naming the flag and the input', async () => {
    const error = await run(model('one-b', 1), 64).catch((e: InputError) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /model '.*one-b.onnx' takes batches of exactly 1 row \(model input 'tenure' \(float\[1,1\]\)\), so --batch-size 64 cannot be fed to it/,
    );
    expect((error as InputError).hint).toMatch(/Remove --batch-size, or set it to 1/);
  });

  it('fixed inside the graph (declared free): a batch the graph rejects says to try a batch of 1', async () => {
    const path = model('reshaped', null, [1, 1]);
    const error = await run(path).catch((e: InputError) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /onnxruntime could not run model .* on rows 1-2110/,
    );
    expect((error as InputError).hint).toMatch(/try batch_size: 1 .*--batch-size 1/);
    const ok = (await run(path, 1)).report;
    expect(ok.metrics).toEqual((await run(model('free-2', null))).report.metrics);
  });

  it('latency is measured on the batch the model takes, padded when the table is shorter', async () => {
    const loaded = await loadModel(model('eight-l', 8), 'model', { threads: 1 });
    const feed = { model: 'model', featuresSetting: '--features', inputsSetting: '--inputs' };
    const plans = planInputs(loaded.contract.inputs, feed);
    const data = await readTable(HOLDOUT, {
      columns: columnRequests(plans, loaded.contract.inputs),
    });
    const three = { ...data.table, rows: 3 };
    const batch = batchPlan(plans, loaded.contract.inputs, 3, undefined, 'model');
    expect(batch).toEqual({ size: 8, fixed: true });
    let t = 0;
    const latency = await measureLatency(loaded, plans, three, 'score', {
      batchRows: 256,
      runs: 3,
      warmup: 1,
      batch,
      now: () => t++,
    });
    expect(latency).toMatchObject({ batchRows: 8, fixed: true, runs: 3 });
  });
});
