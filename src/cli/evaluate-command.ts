/**
 * `model-gate evaluate`: flags → EvaluateRequest → report.json, Markdown and a short table.
 */

import { availableParallelism } from 'node:os';
import { type EvaluateRequest, evaluate } from '../app/evaluate.js';
import { type Progress, silentProgress } from '../app/progress.js';
import { workerScript } from '../app/worker-script.js';
import { InputError } from '../domain/errors.js';
import { checkMetrics, parseBounds, validateBounds } from '../domain/metric-checks.js';
import { renderEvaluateMarkdown } from '../domain/render/evaluate-markdown.js';
import { renderEvaluateText } from '../domain/render/evaluate-text.js';
import { TASKS } from '../domain/task.js';
import { VERSION } from '../version.js';
import {
  batchSizeFlag,
  choiceFlag,
  FEED_FLAGS,
  type FlagSpec,
  type Flags,
  helpText,
  inputsFlag,
  listFlag,
  numberFlag,
  parseFlags,
  REPORT_FLAGS,
  stringFlag,
  THREADS_FLAG,
  threadsFlag,
} from './args.js';
import { writeOutput } from './output.js';

export const EVALUATE_FLAGS: readonly FlagSpec[] = [
  { name: 'model', type: 'string', value: 'FILE', help: 'ONNX model to evaluate' },
  {
    name: 'predictions',
    type: 'string',
    value: 'FILE',
    help: "instead of --model: the model's predictions (CSV, TSV or Parquet; a glob of 'model-gate predict' shards)",
  },
  {
    name: 'data',
    type: 'string',
    value: 'FILE',
    help: 'holdout file: CSV, TSV or Parquet (required unless --labels)',
  },
  {
    name: 'label',
    type: 'string',
    value: 'COLUMN',
    help: 'column holding the true label or target',
    default: "with --labels, the labels file's one column besides --on",
  },
  {
    name: 'labels',
    type: 'string',
    value: 'FILE',
    help: 'outcome tracking: labels that arrived later, joined to --predictions on --on',
  },
  {
    name: 'on',
    type: 'string',
    value: 'COLUMN',
    help: 'outcome tracking: the id column the predictions and --labels both hold',
  },
  {
    name: 'scores',
    type: 'string',
    value: 'HOW|COLUMNS',
    help: '--model: how the output is read (auto, probability or logit); --predictions: the score column, or one per class (p0,p1)',
    default: 'auto; for predictions written by model-gate predict, its score columns',
  },
  {
    name: 'read-as',
    type: 'string',
    value: 'HOW',
    help: '--predictions: how the score columns are read: auto, probability or logit',
    default: 'auto',
  },
  {
    name: 'id',
    type: 'string',
    value: 'COLUMN',
    help: '--predictions with --data: the id column both files hold, to join on',
  },
  {
    name: 'order',
    type: 'boolean',
    help: '--predictions with --data: join by row order (the row counts must match)',
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
  ...FEED_FLAGS,
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
    name: 'min',
    type: 'string',
    value: 'M=V,...',
    help: 'exit 1 when a higher-is-better metric falls below V (e.g. roc_auc=0.8)',
  },
  {
    name: 'max',
    type: 'string',
    value: 'M=V,...',
    help: 'exit 1 when a lower-is-better metric rises above V (e.g. log_loss=0.5)',
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
  'Run one ONNX model on a holdout (or read its predictions) and compute the metrics scikit-learn\nwould, from the same outputs. With --labels and --on: outcome tracking, logged predictions joined\nto labels that arrived later.',
  EVALUATE_FLAGS,
  [
    'model-gate evaluate --model model.onnx --data holdout.csv --label Churn',
    'model-gate evaluate --model model.onnx --data holdout.parquet --label y --task multiclass --out report.json',
    'model-gate evaluate --predictions preds.csv --scores p1 --id row_id --data holdout.csv --label Churn',
    'model-gate evaluate --predictions logs.parquet --scores score --labels outcomes.csv --on request_id',
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
  const request = evaluateRequest(flags);
  const bounds = {
    min: parseBounds(stringFlag(flags, 'min') ?? '', '--min'),
    max: parseBounds(stringFlag(flags, 'max') ?? '', '--max'),
  };
  validateBounds(bounds);
  const evaluated = await evaluate(request, {
    progress: flags.quiet ? silentProgress : io.progress,
    now: io.now,
    toolVersion: VERSION,
    worker: workerScript(import.meta.url),
  });
  const checks = checkMetrics(evaluated.report.metrics, bounds);
  const report = checks.length > 0 ? { ...evaluated.report, checks } : evaluated.report;
  const out = stringFlag(flags, 'out');
  if (out) writeOutput(out, `${JSON.stringify(report, null, 2)}\n`, '--out');
  const markdown = stringFlag(flags, 'markdown');
  if (markdown) writeOutput(markdown, renderEvaluateMarkdown(report), '--markdown');
  if (!flags.quiet) io.stdout(renderEvaluateText(report));
  return checks.every((c) => c.passed) ? 0 : 1;
}

function evaluateRequest(flags: Flags): EvaluateRequest {
  const model = stringFlag(flags, 'model');
  const predictions = stringFlag(flags, 'predictions');
  const labels = stringFlag(flags, 'labels');
  const data = stringFlag(flags, 'data');
  const on = stringFlag(flags, 'on');
  if (model === undefined && predictions === undefined) {
    throw new InputError(
      "'evaluate' needs --model FILE (an ONNX model) or --predictions FILE",
      "See 'model-gate evaluate --help'.",
    );
  }
  if (labels !== undefined && data !== undefined) {
    throw new InputError(
      "'evaluate' takes --data (a holdout) or --labels (outcome tracking), not both",
    );
  }
  if ((labels === undefined) !== (on === undefined)) {
    throw new InputError(
      labels === undefined
        ? '--on joins --predictions to --labels; give --labels FILE too'
        : '--labels needs --on COLUMN: the id column the predictions and the labels both hold',
    );
  }
  const path = data ?? labels;
  if (path === undefined) {
    throw new InputError(
      "'evaluate' needs --data FILE (the holdout)",
      "See 'model-gate evaluate --help'.",
    );
  }
  const label = stringFlag(flags, 'label');
  if (label === undefined && labels === undefined) {
    throw new InputError("'evaluate' needs --label COLUMN", "See 'model-gate evaluate --help'.");
  }
  const readings = ['auto', 'probability', 'logit'] as const;
  const scores = stringFlag(flags, 'scores');
  const onlyFor = (name: string, what: string) => {
    if (flags[name] !== undefined) throw new InputError(`--${name} applies to ${what}`);
  };
  if (model !== undefined) {
    for (const name of ['read-as', 'id', 'order']) onlyFor(name, '--predictions');
    if (scores !== undefined && !(readings as readonly string[]).includes(scores)) {
      throw new InputError(
        `--scores '${scores}' is not one of ${readings.join(', ')} (how --model's output is read)`,
        '--scores names columns only with --predictions.',
      );
    }
  } else {
    for (const name of ['features', 'inputs', 'output', 'batch-size']) onlyFor(name, '--model');
  }
  return {
    model,
    ...(predictions !== undefined
      ? {
          predictions: {
            predictions,
            scores: listFlag(flags, 'scores') ?? [],
            readAs: choiceFlag(flags, 'read-as', readings) ?? 'auto',
            id: stringFlag(flags, 'id'),
            order: flags.order === true,
          },
        }
      : {}),
    data: path,
    label: label ?? '',
    on,
    task: choiceFlag(flags, 'task', TASKS),
    positiveLabel: stringFlag(flags, 'positive-label'),
    threshold:
      numberFlag(flags, 'threshold', (n) => n >= 0 && n <= 1, 'a probability between 0 and 1') ??
      0.5,
    features: listFlag(flags, 'features'),
    inputs: inputsFlag(flags),
    output: stringFlag(flags, 'output'),
    scores: model !== undefined ? (scores as (typeof readings)[number] | undefined) : undefined,
    batchSize: batchSizeFlag(flags)?.size,
    threads: threadsFlag(flags, availableParallelism()),
    missing: choiceFlag(flags, 'missing', ['allow', 'error'] as const) ?? 'allow',
  };
}
