/**
 * `model-gate evaluate`: flags → EvaluateRequest → report.json, Markdown and a short table.
 */
import { availableParallelism } from 'node:os';
import { evaluate } from '../app/evaluate.js';
import type { Progress } from '../app/progress.js';
import { renderEvaluateMarkdown } from '../domain/render/evaluate-markdown.js';
import { renderEvaluateText } from '../domain/render/evaluate-text.js';
import { TASKS } from '../domain/task.js';
import { VERSION } from '../version.js';
import {
  choiceFlag,
  type FlagSpec,
  helpText,
  numberFlag,
  parseFlags,
  REPORT_FLAGS,
  stringFlag,
  THREADS_FLAG,
  threadsFlag,
} from './args.js';
import { writeOutput } from './output.js';

export const EVALUATE_FLAGS: readonly FlagSpec[] = [
  { name: 'model', type: 'string', value: 'FILE', required: true, help: 'ONNX model to evaluate' },
  {
    name: 'data',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'holdout file: CSV, TSV or Parquet',
  },
  {
    name: 'label',
    type: 'string',
    value: 'COLUMN',
    required: true,
    help: 'column holding the true label or target',
  },
  {
    name: 'task',
    type: 'string',
    value: 'TASK',
    help: 'binary, multiclass or regression',
    default: 'inferred from the outputs and labels',
  },
  {
    name: 'positive-label',
    type: 'string',
    value: 'VALUE',
    help: 'label value of the positive class (binary)',
    default: "the model's second class, as in scikit-learn",
  },
  {
    name: 'threshold',
    type: 'string',
    value: 'P',
    help: 'predict positive when P(positive) >= P (binary)',
    default: '0.5',
  },
  {
    name: 'features',
    type: 'string',
    value: 'A,B,...',
    help: 'columns, in order, for a model with one [N,F] input',
  },
  {
    name: 'output',
    type: 'string',
    value: 'NAME',
    help: 'model output to read scores from',
    default: 'the probability output',
  },
  {
    name: 'missing',
    type: 'string',
    value: 'POLICY',
    help: 'allow: feed empty cells as NaN; error: refuse them',
    default: 'allow',
  },
  {
    name: 'batch-size',
    type: 'string',
    value: 'N',
    help: 'rows per onnxruntime call',
    default: 'about 2 MB of inputs',
  },
  THREADS_FLAG,
  ...REPORT_FLAGS,
];

export const EVALUATE_HELP = helpText(
  'evaluate',
  'Run one ONNX model on a holdout and compute the metrics scikit-learn would, from the same outputs.',
  EVALUATE_FLAGS,
  [
    'model-gate evaluate --model model.onnx --data holdout.csv --label Churn',
    'model-gate evaluate --model model.onnx --data holdout.parquet --label y --task multiclass --out report.json',
  ],
);

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly progress: Progress;
  readonly now: () => number;
}

export async function runEvaluate(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('evaluate', EVALUATE_FLAGS, argv);
  if (flags.help) {
    io.stdout(EVALUATE_HELP);
    return 0;
  }
  const features = stringFlag(flags, 'features')
    ?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const request = {
    model: stringFlag(flags, 'model') as string,
    data: stringFlag(flags, 'data') as string,
    label: stringFlag(flags, 'label') as string,
    task: choiceFlag(flags, 'task', TASKS),
    positiveLabel: stringFlag(flags, 'positive-label'),
    threshold:
      numberFlag(flags, 'threshold', (n) => n >= 0 && n <= 1, 'a probability between 0 and 1') ??
      0.5,
    features,
    output: stringFlag(flags, 'output'),
    batchSize: numberFlag(
      flags,
      'batch-size',
      (n) => Number.isInteger(n) && n > 0,
      'a whole number of rows above 0',
    ),
    threads: threadsFlag(flags, availableParallelism()),
    missing: choiceFlag(flags, 'missing', ['allow', 'error'] as const) ?? 'allow',
  };
  const { report } = await evaluate(request, {
    progress: io.progress,
    now: io.now,
    toolVersion: VERSION,
  });
  const out = stringFlag(flags, 'out');
  if (out) writeOutput(out, `${JSON.stringify(report, null, 2)}\n`, '--out');
  const markdown = stringFlag(flags, 'markdown');
  if (markdown) writeOutput(markdown, renderEvaluateMarkdown(report), '--markdown');
  if (!flags.quiet) io.stdout(renderEvaluateText(report));
  return 0;
}
