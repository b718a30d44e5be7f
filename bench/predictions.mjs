#!/usr/bin/env node
/**
 * npm run bench:predictions [rows]: what models as users export them cost (issue 10), on the
 * Telco fixtures scaled to `rows` rows (default 200,000; the holdout repeated, with a unique
 * request_id). Each step is the bundled CLI (dist/cli, `npm run build` first) in its own process
 * under /usr/bin/time, BENCH_REPEATS rounds (default 3), median wall time and largest peak RSS:
 *
 * - a fixed batch: the same PyTorch model with a free batch, fixed at 8 and fixed at 1;
 * - predict: the whole holdout to Parquet and to CSV, and one of 4 shards;
 * - predictions instead of the model: evaluate on predict's Parquet vs running the model;
 * - the gate on 4 shards vs the gate running the candidate;
 * - outcome tracking: predictions joined to labels for 2/3 of them on a string id.
 *
 * Results go to bench/out/predictions.json. Nothing here is asserted by a test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const OUT = join('bench/out/predictions');
const TELCO = 'fixtures/classification_telco_churn';
const TORCH = 'fixtures/pytorch';
const FEATURES = 'SeniorCitizen,tenure,MonthlyCharges,TotalCharges';
mkdirSync(OUT, { recursive: true });

function scaledHoldout() {
  const [header, ...lines] = readFileSync(join(TELCO, 'holdout.csv'), 'utf8').trimEnd().split('\n');
  const out = [`request_id,${header}`];
  for (let i = 0; i < rows; i++) out.push(`req-${i},${lines[i % lines.length]}`);
  const path = join(OUT, `holdout-${rows}.csv`);
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

/** One CLI run under /usr/bin/time: wall seconds and peak RSS (MB). */
function time(args) {
  const report = join(OUT, 'time.txt');
  execFileSync(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', report, process.execPath, 'dist/cli/index.js', ...args],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  const [seconds, kb] = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .pop()
    .split(' ')
    .map(Number);
  return { ms: seconds * 1000, maxRssMb: kb / 1024 };
}

function median(name, args) {
  const runs = Array.from({ length: REPEATS }, () => time(args)).sort((a, b) => a.ms - b.ms);
  const mid = runs[Math.floor(runs.length / 2)];
  return {
    name,
    ms: Math.round(mid.ms),
    maxRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssMb))),
  };
}

const holdout = scaledHoldout();
const evaluate = (model, ...extra) => [
  'evaluate',
  '--model',
  model,
  '--data',
  holdout,
  '--label',
  'Churn',
  '--threads',
  '2',
  '--quiet',
  ...extra,
];
const torch = (name) => evaluate(join(TORCH, `${name}.onnx`), '--features', FEATURES);
const predict = (out, ...extra) => [
  'predict',
  '--model',
  join(TELCO, 'candidate.onnx'),
  '--data',
  holdout,
  '--threads',
  '2',
  '--quiet',
  '--out',
  join(OUT, out),
  ...extra,
];
const results = [];
const step = (name, args) => {
  const r = median(name, args);
  results.push(r);
  console.log(
    `${name.padEnd(58)} ${String(r.ms).padStart(7)} ms ${String(r.maxRssMb).padStart(6)} MB`,
  );
};

console.log(
  `${rows.toLocaleString('en-US')} rows, ${REPEATS} rounds, median wall time, largest peak RSS\n`,
);
step('torch sigmoid model, free batch', torch('binary_sigmoid_n1'));
step('torch sigmoid model, fixed batch of 8 (padded)', torch('binary_fixed_batch8'));
step('torch sigmoid model, fixed batch of 1', torch('binary_fixed_batch1'));
step('evaluate candidate.onnx (19 inputs, 200 trees)', evaluate(join(TELCO, 'candidate.onnx')));
step('predict candidate.onnx, all rows → Parquet', predict('all.parquet', '--id', 'request_id'));
step('predict candidate.onnx, all rows → CSV', predict('all.csv'));
step(
  'predict candidate.onnx, shard 1 of 4 → Parquet',
  predict('shard-1.parquet', '--shard', '1/4'),
);
for (const i of [2, 3, 4]) time(predict(`shard-${i}.parquet`, '--shard', `${i}/4`));
step('evaluate from predict’s Parquet (row join)', [
  'evaluate',
  '--predictions',
  join(OUT, 'all.parquet'),
  '--data',
  holdout,
  '--label',
  'Churn',
  '--quiet',
]);
const config = (name, candidate) => {
  const path = join(OUT, name);
  writeFileSync(
    path,
    `label: Churn\nmodels:\n  candidate: ${candidate}\n  baseline: ../../../${TELCO}/baseline.onnx\ndata: { holdout: ${holdout.replace(`${OUT}/`, '')} }\nstatistics: { bootstrap: 200 }\n`,
  );
  return path;
};
step('gate, candidate from 4 Parquet shards', [
  'gate',
  '--config',
  config('shards.yml', '{ predictions: shard-*.parquet }'),
  '--threads',
  '2',
  '--quiet',
]);
step('gate, candidate run as ONNX', [
  'gate',
  '--config',
  config('onnx.yml', `../../../${TELCO}/candidate.onnx`),
  '--threads',
  '2',
  '--quiet',
]);
const labels = join(OUT, 'labels.csv');
const lines = readFileSync(holdout, 'utf8').trimEnd().split('\n').slice(1);
writeFileSync(
  labels,
  `request_id,outcome\n${lines
    .filter((_, i) => i % 3 !== 0)
    .reverse()
    .map((l) => {
      const c = l.split(',');
      return `${c[0]},${c[c.length - 1]}`;
    })
    .join('\n')}\n`,
);
step('outcome tracking: 2/3 labeled, string ids, shuffled', [
  'evaluate',
  '--predictions',
  join(OUT, 'all.parquet'),
  '--scores',
  'score_0,score_1',
  '--labels',
  labels,
  '--on',
  'request_id',
  '--quiet',
]);
const sizes = Object.fromEntries(
  ['all.parquet', 'all.csv', 'shard-1.parquet'].map((f) => [f, statSync(join(OUT, f)).size]),
);
console.log(
  `\nfile sizes: ${Object.entries(sizes)
    .map(([f, b]) => `${f} ${(b / 1024 / 1024).toFixed(1)} MB`)
    .join(', ')}`,
);
writeFileSync(
  join('bench/out', 'predictions.json'),
  `${JSON.stringify({ rows, repeats: REPEATS, results, sizes }, null, 2)}\n`,
);
