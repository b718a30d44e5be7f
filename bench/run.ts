/**
 * npm run bench: generates (or reuses) the 1M-row inputs, then measures each step in a fresh
 * process — parsing against a plain read, csv-parse and pandas; inference against bare
 * onnxruntime on the same tensors; metrics; `evaluate` end to end with its peak RSS — and
 * prints the figures with the targets of issue #2. Results also go to bench/out/results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBenchDir, generateBenchInputs } from './generate.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = defaultBenchDir();
const rows = Number(process.argv[2] ?? 1_000_000);

type Result = Record<string, number>;
type Job = { readonly name: string; readonly run: () => Result };

function measure(task: string, args: Record<string, string | number>): Result {
  const out = execFileSync(
    process.execPath,
    [join(here, 'measure.js'), task, JSON.stringify(args)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Result;
}

function pythonWithPandas(): string | null {
  return (
    ['/usr/bin/python3', 'python3'].find(
      (p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
    ) ?? null
  );
}

function pandasOnce(python: string, csv: string): Result {
  const script = `import time, pandas as pd\nt = time.perf_counter(); pd.read_csv(${JSON.stringify(csv)}); print((time.perf_counter() - t) * 1000)`;
  return {
    ms: Number(execFileSync(python, ['-c', script], { encoding: 'utf8' }).trim()),
    maxRssMb: 0,
  };
}

/**
 * Runs every job once per round, REPEATS rounds, so that a slow spell of the machine hits all
 * of them alike; reports each job's median time and its largest peak RSS.
 */
function rounds(jobs: readonly Job[]): Record<string, Result> {
  const all = new Map<string, Result[]>(jobs.map((j) => [j.name, []]));
  for (let r = 0; r < REPEATS; r++) for (const job of jobs) all.get(job.name)?.push(job.run());
  const out: Record<string, Result> = {};
  for (const [name, results] of all) {
    results.sort((a, b) => (a.ms as number) - (b.ms as number));
    const mid = results[Math.floor(results.length / 2)] as Result;
    out[name] = { ...mid, maxRssMb: Math.max(...results.map((x) => x.maxRssMb as number)) };
  }
  return out;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const inputs = await generateBenchInputs(dir, rows, { log: (l) => console.log(`  ${l}`) });
const csvBytes = statSync(inputs.csv).size;
const python = pythonWithPandas();
console.log(
  `\nbench: ${rows.toLocaleString('en-US')} rows × ${inputs.features.length} features; holdout.csv ${(csvBytes / 1e6).toFixed(0)} MB; median of ${REPEATS} rounds, each step in a fresh process\n`,
);

// Batch size as evaluate chooses it, so that bare onnxruntime runs the same calls.
const probe = join(dir, 'report-probe.json');
measure('evaluate', { model: inputs.logistic, data: inputs.csv, out: probe });
const batch = (JSON.parse(readFileSync(probe, 'utf8')) as { model: { batch_size: number } }).model
  .batch_size;

const MODELS = [
  ['logistic', inputs.logistic],
  ['forest', inputs.forest],
] as const;
const jobs: Job[] = [
  { name: 'plainRead', run: () => measure('plain-read', { csv: inputs.csv }) },
  { name: 'csvParse', run: () => measure('csv-parse', { csv: inputs.csv }) },
  { name: 'readAll', run: () => measure('read-csv', { csv: inputs.csv }) },
  { name: 'readModel', run: () => measure('read-csv-model-columns', { csv: inputs.csv }) },
  { name: 'readParquet', run: () => measure('read-parquet', { parquet: inputs.parquet }) },
  { name: 'metrics', run: () => measure('metrics', { rows }) },
  ...(python ? [{ name: 'pandas', run: () => pandasOnce(python, inputs.csv) }] : []),
  ...MODELS.flatMap(([name, model]): Job[] => [
    {
      name: `e2e-${name}`,
      run: () =>
        measure('evaluate', { model, data: inputs.csv, out: join(dir, `report-${name}.json`) }),
    },
    {
      name: `bare-${name}`,
      run: () => measure('bare-inference', { csv: inputs.csv, model, batch }),
    },
  ]),
];
// Issue 12: the whole gate — forest candidate, logistic baseline, the holdout as its own
// reference (so every column and the score comparison run at full size), one slicing in 3 bins.
const gateConfig = join(dir, 'gate.yml');
writeFileSync(
  gateConfig,
  [
    'version: 1',
    'label: y',
    'positive_label: 1',
    'threshold: 0.5',
    `models: { candidate: ${JSON.stringify(inputs.forest)}, baseline: ${JSON.stringify(inputs.logistic)} }`,
    `data: { holdout: ${JSON.stringify(inputs.csv)}, reference: ${JSON.stringify(inputs.csv)} }`,
    'rules:',
    '  - { metric: roc_auc, vs_baseline: { max_drop: 0.01 } }',
    '  - { metric: log_loss, vs_baseline: { max_drop: 0.02 } }',
    '  - { metric: f1, vs_baseline: { max_drop: 0.01 } }',
    'slices: [ { column: f0, bins: [-100, 0, 100] } ]',
    'statistics: { confidence: 0.95, bootstrap: 1000, seed: 42 }',
    '',
  ].join('\n'),
);
jobs.push({
  name: 'gate',
  run: () => measure('gate', { config: gateConfig, out: join(dir, 'report-gate.json') }),
});
const r = rounds(jobs);
const ms = (name: string) => r[name]?.ms as number;

console.log('CSV ingest');
console.log(`  plain read of the file         ${fmt(ms('plainRead'))}`);
console.log(`  csv-parse (strings only)       ${fmt(ms('csvParse'))}`);
console.log(
  `  model-gate, all columns        ${fmt(ms('readAll'))}   ${ratio(ms('csvParse'), ms('readAll'))} csv-parse's speed (target >= 3×)`,
);
console.log(
  `  model-gate, model's columns    ${fmt(ms('readModel'))}   (float32, as evaluate reads them)`,
);
console.log(
  python
    ? `  pandas.read_csv                ${fmt(ms('pandas'))}   model-gate takes ${ratio(ms('readAll'), ms('pandas'))} pandas' time (target <= 1×)`
    : '  pandas.read_csv                not measured: no pandas (apt-get install python3-pandas)',
);
console.log(`  model-gate, Parquet            ${fmt(ms('readParquet'))}`);
console.log(`metrics (binary: 9 metrics and the confusion counts) ${fmt(ms('metrics'))}\n`);

const float32Mb = (rows * (inputs.features.length + 1) * 4) / 2 ** 20;
const summary: Record<string, unknown> = { rows, csvBytes, batch, repeats: REPEATS, results: r };
for (const [name, model] of MODELS) {
  const e2e = r[`e2e-${name}`] as Result;
  const bare = ms(`bare-${name}`);
  const modelMb = statSync(model).size / 2 ** 20;
  const budget = 3 * float32Mb + modelMb;
  console.log(
    `evaluate, ${name === 'forest' ? 'forest (100 trees, depth 6)' : 'logistic regression'}`,
  );
  console.log(
    `  end to end                     ${fmt(e2e.ms as number)}   (read ${fmt(e2e.read_ms as number)}, load ${fmt(e2e.load_ms as number)}, inference ${fmt(e2e.infer_ms as number)}, metrics ${fmt(e2e.metrics_ms as number)})`,
  );
  console.log(
    `  bare session.run, same tensors ${fmt(bare)}   model-gate's inference step: ${ratio(e2e.infer_ms as number, bare)}`,
  );
  console.log(
    `  end to end / (parse + bare)    ${ratio(e2e.ms as number, ms('readModel') + bare)}   (target <= 1.3×)`,
  );
  console.log(
    `  peak RSS                       ${(e2e.maxRssMb as number).toFixed(0)} MB   budget: 3 × ${float32Mb.toFixed(0)} MB float32 data + ${modelMb.toFixed(1)} MB model = ${budget.toFixed(0)} MB\n`,
  );
  summary[name] = { budgetMb: budget, float32Mb };
}
{
  const g = r.gate as Result;
  const read = ms('readModel');
  const forest = ms('bare-forest');
  const logistic = ms('bare-logistic');
  // The floor: both files read, both models on the holdout, the candidate on the reference.
  const floor = 2 * read + 2 * forest + logistic;
  const modelsMb = (statSync(inputs.forest).size + statSync(inputs.logistic).size) / 2 ** 20;
  console.log('gate, whole (forest vs logistic; reference = the holdout; 1 slicing of 3 bins)');
  console.log(
    `  end to end                     ${fmt(g.ms as number)}   (read ${fmt(g.read_ms as number)}, inference ${fmt(g.infer_ms as number)}, comparison ${fmt(g.compare_ms as number)}, drift ${fmt(g.drift_ms as number)})`,
  );
  console.log(
    `  floor: 2 reads + forest twice + logistic ${fmt(floor)}   gate / floor ${ratio(g.ms as number, floor)} (target <= 1.5×)`,
  );
  // The gate holds two data files, as its floor reads two: the holdout and the reference (the
  // same file here, read as a separate input), each float32 as the models read it.
  const dataMb = 2 * float32Mb + modelsMb;
  console.log(
    `  peak RSS                       ${(g.maxRssMb as number).toFixed(0)} MB   ${ratio(g.maxRssMb as number, dataMb)} the float32 data of both files plus models (${dataMb.toFixed(0)} MB; target <= 3×); ${ratio(g.maxRssMb as number, float32Mb + modelsMb)} the holdout's alone\n`,
  );
  summary.gate = { floorMs: floor, float32Mb, modelsMb };
}
// Issue #3: the gate's statistics on the same holdout, against scikit-learn and SciPy.
const stats = JSON.parse(
  execFileSync(process.execPath, [join(here, 'statistics.js'), String(rows)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop() as string,
) as Record<string, number> & { inference_ms: Record<string, number> };
const inference = (stats.inference_ms.forest as number) + (stats.inference_ms.logistic as number);
console.log(
  `gate statistics (1000 resamples, 8 metrics × 2 models, 4 slices; DeLong; McNemar; drift on ${inputs.features.length} columns)`,
);
console.log(
  `  paired bootstrap               ${fmt(stats.bootstrap_ms as number)} on ${stats.bootstrap_threads} threads (BENCH_THREADS=1 for one; the gate's route below 20,000 rows)`,
);
console.log(
  `  influence-function intervals   ${fmt(stats.influence_ms as number)}   (the gate's route at this size: point estimates and every standard error)`,
);
console.log(`  DeLong                         ${fmt(stats.delong_ms as number)}`);
console.log(
  `  score orders (one sort a model) ${fmt(stats.orders_ms as number)}   (shared by the two above)`,
);
console.log(`  McNemar                        ${fmt(stats.mcnemar_ms as number)}`);
console.log(`  drift                          ${fmt(stats.drift_ms as number)}`);
console.log(
  `  all statistics, as the gate    ${fmt(stats.statistics_ms as number)}   vs both models' inference ${fmt(inference)}: ${ratio(stats.statistics_ms as number, inference)} (target <= 1×; with the bootstrap ${ratio(stats.statistics_bootstrap_ms as number, inference)})`,
);
if (python) {
  const py = JSON.parse(
    execFileSync(python, [join(here, '..', '..', '..', 'bench', 'statistics_reference.py')], {
      encoding: 'utf8',
      env: { ...process.env, RESAMPLES_PY: process.env.RESAMPLES_PY ?? '3' },
    }).trim(),
  ) as Record<string, number>;
  console.log(
    `  scikit-learn bootstrap         ${fmt(py.bootstrap_ms_scaled_to_1000 as number)} (${py.bootstrap_resamples_timed} resamples timed, scaled to 1000)   model-gate is ${ratio(py.bootstrap_ms_scaled_to_1000 as number, stats.bootstrap_ms as number)} faster (target >= 3×)`,
  );
  console.log(
    `  numpy DeLong                   ${fmt(py.delong_ms as number)}   model-gate is ${ratio(py.delong_ms as number, stats.delong_ms as number)} faster`,
  );
  console.log(
    `  SciPy drift                    ${fmt(py.drift_ms as number)}   model-gate is ${ratio(py.drift_ms as number, stats.drift_ms as number)} faster\n`,
  );
  summary.statistics = { ...stats, python: py };
} else summary.statistics = stats;
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`results: ${join(dir, 'results.json')}`);
