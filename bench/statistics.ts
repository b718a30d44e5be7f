/**
 * Issue #3's bench: the gate's statistics on the 1M-row holdout, against scikit-learn and SciPy
 * on the same arrays. Both models score the holdout first (untimed); then, timed: the paired
 * bootstrap (1000 resamples of the default binary metrics for both models, with one slicing of
 * 4 groups, on one thread per core as the gate runs it), DeLong, McNemar, and drift on all 20
 * columns (rows [0, n/2) as the reference, [n/2, n) as the current data). The arrays are
 * written to bench/out/stats/ for bench/statistics_reference.py.
 *
 *   node bench/out/bench/statistics.js   (after tsc -p tsconfig.bench.json; npm run bench runs it)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parallelBootstrap } from '../src/app/parallel-bootstrap.js';
import { readCsv } from '../src/data/csv/reader.js';
import { detectDrift } from '../src/domain/drift/index.js';
import { binSlicing } from '../src/domain/gate/slices.js';
import {
  asymptoticComparison,
  delongTest,
  discordantPairs,
  mcnemarExact,
  pairOrders,
  predictAt,
} from '../src/domain/stats/index.js';
import { columnRequests, planInputs } from '../src/runtime/feeds.js';
import { loadModel } from '../src/runtime/model.js';
import { predict } from '../src/runtime/predict.js';
import { defaultBenchDir, generateBenchInputs } from './generate.js';

const RESAMPLES = Number(process.env.BENCH_RESAMPLES ?? 1000);

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

const dir = defaultBenchDir();
const inputs = await generateBenchInputs(dir, Number(process.argv[2] ?? 1_000_000));
const threads = availableParallelism();
/** BENCH_THREADS=1 measures the bootstrap on one thread (default: one per core, as the gate). */
const bootstrapThreads = Number(process.env.BENCH_THREADS ?? threads);
// As the gate reads: a large CSV on every core, into memory the threads share.
const parallel = { worker: new URL('../src/app/worker.js', import.meta.url), threads };
const { table } = await readCsv(inputs.csv, {
  parallel,
  columns: [
    ...inputs.features.map((name) => ({ name, type: 'float32' as const })),
    { name: 'y', type: 'auto' as const },
  ],
});
const n = table.rows;
const scores: Record<string, Float64Array> = {};
const inferenceMs: Record<string, number> = {};
for (const [name, path] of [
  ['forest', inputs.forest],
  ['logistic', inputs.logistic],
] as const) {
  const model = await loadModel(path, name, { threads });
  const plans = planInputs(model.contract.inputs, {
    model: 'model',
    featuresSetting: '--features',
    inputsSetting: '--inputs',
  });
  void columnRequests(plans, model.contract.inputs);
  const [p, ms] = await timed(() =>
    predict(model, plans, table, 'probabilities', { batch: { size: 26_214, fixed: false } }),
  );
  scores[name] = Float64Array.from({ length: n }, (_, i) => p.values[i * 2 + 1] as number);
  inferenceMs[name] = ms;
}
const yColumn = table.columns.get('y');
if (yColumn?.kind !== 'number') throw new Error('y');
const y = Uint8Array.from(yColumn.values);
const f0 = table.columns.get('f0');
if (f0?.kind !== 'number') throw new Error('f0');
// Four slices at the quartiles of f0 (a numeric feature), as a user's bins would be.
const sortedF0 = Float64Array.from(f0.values).sort();
const edges = [0, 0.25, 0.5, 0.75, 1].map(
  (q) => sortedF0[Math.min(n - 1, Math.floor(q * (n - 1)))] as number,
);
for (let i = 1; i < edges.length; i++)
  if ((edges[i] as number) <= (edges[i - 1] as number)) edges[i] = (edges[i - 1] as number) + 1e-9;
const slicing = binSlicing({ kind: 'number', name: 'f0', values: f0.values }, edges);
const candidate = scores.forest as Float64Array;
const baseline = scores.logistic as Float64Array;

const spec = {
  task: 'binary' as const,
  input: {
    y,
    candidate,
    baseline,
    threshold: 0.5,
    slicings: [{ name: 'f0', ids: slicing.index, groups: slicing.groups }],
  },
};
// As the gate runs it below ASYMPTOTIC_ROWS: one shard per core (parallel-bootstrap.ts).
const [, bootstrapMs] = await timed(() =>
  parallelBootstrap(spec, {
    resamples: RESAMPLES,
    seed: 42,
    threads: bootstrapThreads,
    workerUrl: parallel.worker,
  }),
);
const half = Math.floor(n / 2);
const driftColumns = inputs.features.map((name) => {
  const c = table.columns.get(name);
  if (c?.kind !== 'number') throw new Error(name);
  return {
    name,
    reference: { kind: 'number' as const, values: c.values.subarray(0, half) },
    current: { kind: 'number' as const, values: c.values.subarray(half) },
  };
});
const mcnemar = () => {
  const d = discordantPairs(y, predictAt(candidate, 0.5), predictAt(baseline, 0.5));
  return mcnemarExact(d.b, d.c);
};
// As the gate runs them at this size (ASYMPTOTIC_ROWS and up), cold and one after another: each
// model's scores sorted once, the influence-function intervals and DeLong on those orders,
// McNemar, drift.
const [orders, ordersMs] = await timed(() => pairOrders(candidate, baseline));
const [, influenceMs] = await timed(() => asymptoticComparison(spec, 42, orders));
const [delong, delongMs] = await timed(() => delongTest(y, candidate, baseline, 0.95, orders));
const [, mcnemarMs] = await timed(mcnemar);
const [, driftMs] = await timed(() => detectDrift(driftColumns));

// The same arrays for the Python side.
const out = join(dir, 'stats');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'y.u8'), y);
writeFileSync(join(out, 'candidate.f64'), new Uint8Array(candidate.buffer));
writeFileSync(join(out, 'baseline.f64'), new Uint8Array(baseline.buffer));
writeFileSync(join(out, 'slice.i32'), new Uint8Array(slicing.index.buffer));
const features = new Float64Array(n * inputs.features.length);
inputs.features.forEach((name, j) => {
  const c = table.columns.get(name);
  if (c?.kind === 'number') features.set(c.values, j * n);
});
writeFileSync(join(out, 'features.f64'), new Uint8Array(features.buffer));

const result = {
  rows: n,
  resamples: RESAMPLES,
  threads,
  bootstrap_threads: bootstrapThreads,
  inference_ms: inferenceMs,
  bootstrap_ms: bootstrapMs,
  orders_ms: ordersMs,
  influence_ms: influenceMs,
  delong_ms: delongMs,
  mcnemar_ms: mcnemarMs,
  drift_ms: driftMs,
  /** As the gate runs them at this size: influence-function intervals, not the bootstrap. */
  statistics_ms: ordersMs + influenceMs + delongMs + mcnemarMs + driftMs,
  statistics_bootstrap_ms: bootstrapMs + delongMs + mcnemarMs + driftMs,
  delong_delta: delong.delta,
};
writeFileSync(join(out, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
