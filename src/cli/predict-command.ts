/**
 * `model-gate predict`: a model's scores on a holdout, or on shard i of N of it, written for the
 * gate to read as `models.<side>: { predictions: preds-*.parquet }` — inference spread over a
 * GitHub Actions matrix, one gate job deciding on all of it.
 */

import { availableParallelism } from 'node:os';
import { predictToFile, type Shard } from '../app/predict.js';
import { silentProgress } from '../app/progress.js';
import { workerScript } from '../app/worker-script.js';
import { InputError } from '../domain/errors.js';
import {
  batchSizeFlag,
  FEED_FLAGS,
  type FlagSpec,
  helpText,
  inputsFlag,
  listFlag,
  parseFlags,
  stringFlag,
  THREADS_FLAG,
  threadsFlag,
} from './args.js';
import type { CommandIo } from './evaluate-command.js';

const FLAGS: readonly FlagSpec[] = [
  { name: 'model', type: 'string', value: 'FILE', required: true, help: 'the ONNX model' },
  {
    name: 'data',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'the holdout: CSV, TSV or Parquet (the same file the gate reads)',
  },
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'the predictions file: .parquet, or CSV for any other name',
  },
  {
    name: 'shard',
    type: 'string',
    value: 'I/N',
    help: 'score only shard I of N (1 <= I <= N), whole batches (in a matrix: the shard number, then /N)',
    default: 'every row',
  },
  {
    name: 'id',
    type: 'string',
    value: 'COLUMN',
    help: "a holdout column to copy into the file (the gate joins predict's files on row numbers)",
  },
  {
    name: 'output',
    type: 'string',
    value: 'NAME',
    help: 'model output to write',
    default: 'the probability output',
  },
  ...FEED_FLAGS,
  {
    name: 'batch-size',
    type: 'string',
    value: 'N',
    help: 'rows per onnxruntime call, and the unit shards are cut in',
    default: "the model's fixed batch, else about 2 MB of inputs",
  },
  THREADS_FLAG,
  { name: 'quiet', type: 'boolean', help: 'print nothing but errors' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const PREDICT_HELP = helpText(
  'predict',
  "Write a model's scores on a holdout for the gate to read instead of running the model: with\n--shard I/N, only shard I of N, so a matrix of jobs shares the inference. Each file carries the\nholdout row numbers, the raw scores, and the model's and holdout's sha256; the gate checks the\nshards cover every row once and come from one model.",
  FLAGS,
  [
    'model-gate predict --model model.onnx --data holdout.parquet --out preds.parquet',
    'model-gate predict --model model.onnx --data holdout.parquet --shard 2/4 --out preds-2.parquet',
  ],
);

export function parseShard(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InputError(
      `--shard '${raw}' is not I/N with 1 <= I <= N`,
      'Shards count from 1: --shard 1/4 … --shard 4/4 (in a matrix: shard: [1, 2, 3, 4]).',
    );
  }
  return { index, count };
}

export async function runPredict(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('predict', FLAGS, argv);
  if (flags.help) {
    io.stdout(PREDICT_HELP);
    return 0;
  }
  const summary = await predictToFile(
    {
      model: stringFlag(flags, 'model') as string,
      data: stringFlag(flags, 'data') as string,
      out: stringFlag(flags, 'out') as string,
      shard: parseShard(stringFlag(flags, 'shard')),
      id: stringFlag(flags, 'id'),
      output: stringFlag(flags, 'output'),
      features: listFlag(flags, 'features'),
      inputs: inputsFlag(flags),
      batchSize: batchSizeFlag(flags)?.size,
      threads: threadsFlag(flags, availableParallelism()),
      worker: workerScript(import.meta.url),
    },
    flags.quiet ? silentProgress : io.progress,
  );
  if (!flags.quiet) {
    const rows = summary.end - summary.start;
    io.stdout(
      `wrote ${summary.out}: ${rows.toLocaleString('en-US')} rows (holdout rows ${rows > 0 ? `${summary.start + 1}-${summary.end}` : 'none'} of ${summary.holdoutRows.toLocaleString('en-US')}) from '${summary.output}', model sha256 ${summary.modelSha256.slice(0, 12)}\n`,
    );
  }
  return 0;
}
