#!/usr/bin/env node
/**
 * npm run demo (after the build): the gate on the shipped Telco fixtures — the candidate that
 * should pass, then the weaker one that should fail — the candidate's model card, its promotion
 * into a file registry, sharded inference and the gate on the shards, one model on its own, and
 * the drift watch on the drifted holdout, printing each command
 * before its output. Reports land in demo-out/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const runs = [
  [
    'The gate: gradient-boosted candidate vs the production baseline (expect PASS)',
    [
      'gate',
      '--config',
      'examples/telco/.model-gate.yml',
      '--out',
      'demo-out/gate-pass.json',
      '--markdown',
      'demo-out/gate-pass.md',
    ],
  ],
  [
    'The gate: a weaker candidate (expect FAIL, exit 1)',
    [
      'gate',
      '--config',
      'examples/telco/.model-gate.yml',
      '--candidate',
      'fixtures/classification_telco_churn/candidate_worse.onnx',
      '--out',
      'demo-out/gate-fail.json',
      '--markdown',
      'demo-out/gate-fail.md',
    ],
  ],
  [
    "The candidate's model card, with the metrics the gate measured",
    [
      'card',
      '--model',
      'fixtures/classification_telco_churn/candidate.onnx',
      '--card',
      'examples/telco/cards/candidate.yml',
      '--report',
      'demo-out/gate-pass.json',
      '--out',
      'demo-out/MODEL_CARD.md',
    ],
  ],
  [
    'Promotion: the passing candidate becomes v1.0.0 of telco-churn in a file registry',
    [
      'promote',
      '--report',
      'demo-out/gate-pass.json',
      '--registry',
      'demo-out/registry',
      '--model-name',
      'telco-churn',
    ],
  ],
  ...[1, 2].map((i) => [
    `Sharded inference: shard ${i} of 2 of the candidate's scores, as one job of a matrix would`,
    [
      'predict',
      '--model',
      'fixtures/classification_telco_churn/candidate.onnx',
      '--data',
      'fixtures/classification_telco_churn/holdout.csv',
      '--shard',
      `${i}/2`,
      '--batch-size',
      '512',
      '--out',
      `demo-out/preds-${i}.parquet`,
    ],
  ]),
  [
    'The gate on the shards instead of the model (expect PASS, the same numbers)',
    [
      'gate',
      '--config',
      'examples/telco/sharded.model-gate.yml',
      '--out',
      'demo-out/gate-sharded.json',
    ],
  ],
  [
    'One model on its own',
    [
      'evaluate',
      '--model',
      'fixtures/regression_california_housing/candidate.onnx',
      '--data',
      'fixtures/regression_california_housing/holdout.csv',
      '--label',
      'median_house_value',
      '--out',
      'demo-out/evaluate-housing.json',
    ],
  ],
  [
    'The drift watch: training data vs a holdout with a 10% price rise (expect DRIFT, exit 1)',
    [
      'drift',
      '--reference',
      'fixtures/classification_telco_churn/reference.csv',
      '--current',
      'fixtures/classification_telco_churn/holdout_drifted.csv',
      '--columns',
      'tenure,MonthlyCharges,TotalCharges,Contract,PaymentMethod',
      '--out',
      'demo-out/drift.json',
      '--markdown',
      'demo-out/drift.md',
    ],
  ],
];
// A fresh registry each time, so the demo reads the same on every run.
rmSync('demo-out/registry', { recursive: true, force: true });
for (const i of [1, 2]) rmSync(`demo-out/preds-${i}.parquet`, { force: true });
mkdirSync('demo-out', { recursive: true });
for (const [title, args] of runs) {
  console.log(`\n## ${title}\n$ model-gate ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, ['dist/cli/index.js', ...args], { stdio: 'inherit' });
  console.log(`(exit code ${run.status})`);
  if (run.status === 2 || run.status === 3 || run.status === null) process.exit(1);
}
console.log(
  '\nReports (JSON and Markdown, e.g. demo-out/gate-pass.md as the PR comment will read) and MODEL_CARD.md are in demo-out/.',
);
