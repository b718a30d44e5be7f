#!/usr/bin/env node
/**
 * npm run demo: build, then evaluate the shipped fixture models the way a user would, printing
 * each command before its output. Reports land in demo-out/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const runs = [
  ['Telco churn, production baseline', 'classification_telco_churn', 'baseline', 'Churn'],
  ['Telco churn, candidate', 'classification_telco_churn', 'candidate', 'Churn'],
  [
    'California housing, candidate on the drifted holdout',
    'regression_california_housing',
    'candidate',
    'median_house_value',
    'holdout_drifted',
  ],
];
mkdirSync('demo-out', { recursive: true });
for (const [title, task, model, label, holdout = 'holdout'] of runs) {
  const args = [
    'evaluate',
    '--model',
    `fixtures/${task}/${model}.onnx`,
    '--data',
    `fixtures/${task}/${holdout}.csv`,
    '--label',
    label,
    '--out',
    `demo-out/${task}-${model}-${holdout}.json`,
    '--markdown',
    `demo-out/${task}-${model}-${holdout}.md`,
  ];
  console.log(`\n## ${title}\n$ model-gate ${args.join(' ')}\n`);
  execFileSync(process.execPath, ['dist/cli/index.js', ...args], { stdio: 'inherit' });
}
console.log('\nReports (JSON and Markdown) are in demo-out/.');
