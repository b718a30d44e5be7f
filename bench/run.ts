/**
 * npm run bench: generates (or reuses) the 1M-row inputs, then measures each step in a fresh
 * process — parsing against a plain read, csv-parse and pandas; inference against bare
 * onnxruntime on the same tensors; metrics; `evaluate` end to end with its peak RSS — and
 * prints the figures with the targets of issue #2. Results also go to bench/out/results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBenchDir, generateBenchInputs } from './generate.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = defaultBenchDir();
const rows = Number(process.argv[2] ?? 1_000_000);

type Result = Record<string, number>;

function measure(task: string, args: Record<string, string | number>): Result {
  const out = execFileSync(
    process.execPath,
    [join(here, 'measure.js'), task, JSON.stringify(args)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Result;
}

/** Median time of REPEATS fresh runs, with the largest peak RSS seen. */
function median(task: string, args: Record<string, string | number>): Result {
  const runs = Array.from({ length: REPEATS }, () => measure(task, args));
  runs.sort((a, b) => (a.ms as number) - (b.ms as number));
  const mid = runs[Math.floor(runs.length / 2)] as Result;
  return { ...mid, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb as number)) };
}

function pandas(csv: string): number | null {
  const python = ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) return null;
  const script = `import time, pandas as pd\nbest = []\nfor _ in range(${REPEATS}):\n  t = time.perf_counter(); pd.read_csv(${JSON.stringify(csv)}); best.append(time.perf_counter() - t)\nbest.sort(); print(best[len(best)//2] * 1000)`;
  return Number(execFileSync(python, ['-c', script], { encoding: 'utf8' }).trim());
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const inputs = await generateBenchInputs(dir, rows, { log: (l) => console.log(`  ${l}`) });
const csvBytes = statSync(inputs.csv).size;
console.log(
  `\nbench: ${rows.toLocaleString('en-US')} rows × ${inputs.features.length} features; holdout.csv ${(csvBytes / 1e6).toFixed(0)} MB; median of ${REPEATS} fresh processes\n`,
);

const plainRead = median('plain-read', { csv: inputs.csv });
const csvParse = median('csv-parse', { csv: inputs.csv });
const readAll = median('read-csv', { csv: inputs.csv });
const readModel = median('read-csv-model-columns', { csv: inputs.csv });
const readPq = median('read-parquet', { parquet: inputs.parquet });
const pandasMs = pandas(inputs.csv);
const metrics = median('metrics', { rows });

const results: Record<string, unknown> = {
  rows,
  csvBytes,
  plainRead,
  csvParse,
  readAll,
  readModel,
  readPq,
  pandasMs,
  metrics,
  models: {},
};
console.log('CSV ingest');
console.log(`  plain read of the file        ${fmt(plainRead.ms as number)}`);
console.log(`  csv-parse (strings only)      ${fmt(csvParse.ms as number)}`);
console.log(
  `  model-gate, all columns       ${fmt(readAll.ms as number)}   ${ratio(csvParse.ms as number, readAll.ms as number)} csv-parse's speed (target >= 3×)`,
);
console.log(
  `  model-gate, model's columns   ${fmt(readModel.ms as number)}   (float32, as evaluate reads them)`,
);
console.log(
  `  pandas.read_csv               ${pandasMs === null ? 'not measured: no pandas (apt-get install python3-pandas)' : `${fmt(pandasMs)}   model-gate takes ${ratio(readAll.ms as number, pandasMs)} pandas' time (target <= 1×)`}`,
);
console.log(`  model-gate, Parquet           ${fmt(readPq.ms as number)}`);
console.log(`metrics (binary, all 9 + confusion) ${fmt(metrics.ms as number)}\n`);

const float32Mb = (rows * (inputs.features.length + 1) * 4) / 2 ** 20;
for (const [name, model] of [
  ['logistic', inputs.logistic],
  ['forest (100 trees, depth 6)', inputs.forest],
] as const) {
  const out = join(dir, `report-${name.split(' ')[0]}.json`);
  const e2e = median('evaluate', { model, data: inputs.csv, out });
  const report = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as {
    model: { batch_size: number };
  };
  const bare = median('bare-inference', { csv: inputs.csv, model, batch: report.model.batch_size });
  const modelMb = statSync(model).size / 2 ** 20;
  const budget = 3 * float32Mb + modelMb;
  const floor = (readModel.ms as number) + (bare.ms as number);
  console.log(`evaluate, ${name}`);
  console.log(
    `  end to end                    ${fmt(e2e.ms as number)}   (read ${fmt(e2e.read_ms as number)}, load ${fmt(e2e.load_ms as number)}, inference ${fmt(e2e.infer_ms as number)}, metrics ${fmt(e2e.metrics_ms as number)})`,
  );
  console.log(
    `  bare session.run, same tensors ${fmt(bare.ms as number)}   model-gate inference: ${ratio(e2e.infer_ms as number, bare.ms as number)}`,
  );
  console.log(
    `  end to end / (parse + bare)   ${ratio(e2e.ms as number, floor)}   (target <= 1.3×)`,
  );
  console.log(
    `  peak RSS                      ${(e2e.maxRssMb as number).toFixed(0)} MB   budget 3 × ${float32Mb.toFixed(0)} MB float32 data + ${modelMb.toFixed(1)} MB model = ${budget.toFixed(0)} MB\n`,
  );
  (results.models as Record<string, unknown>)[name] = { e2e, bare, budgetMb: budget, float32Mb };
}
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`results: ${join(dir, 'results.json')}${existsSync(inputs.csv) ? '' : ''}`);
