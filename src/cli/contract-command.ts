/**
 * `model-gate contract` writes a model's serving contract (app/contract.ts): a JSON Schema of one
 * request row. `model-gate validate` counts the rows of a file that break one, by column, and
 * exits 1 when any do.
 */
import { contractOf, readContract, validateFile } from '../app/contract.js';
import { silentProgress } from '../app/progress.js';
import { everyCore } from '../app/worker-script.js';
import {
  contractText,
  type ServingContract,
  type ValidationResult,
} from '../domain/contract/index.js';
import { VERSION } from '../version.js';
import {
  FEED_FLAGS,
  type FlagSpec,
  helpText,
  inputsFlag,
  listFlag,
  parseFlags,
  stringFlag,
} from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { writeOutput } from './output.js';

const CONTRACT_FLAGS: readonly FlagSpec[] = [
  { name: 'model', type: 'string', value: 'FILE', required: true, help: 'the ONNX model' },
  {
    name: 'reference',
    type: 'string',
    value: 'FILE',
    help: 'data the model was trained on (CSV, TSV or Parquet): ranges, categories and nulls seen there',
    default: 'types only; null allowed',
  },
  { name: 'out', type: 'string', value: 'FILE', required: true, help: 'the contract (JSON)' },
  ...FEED_FLAGS,
  { name: 'quiet', type: 'boolean', help: 'print nothing but errors' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const CONTRACT_HELP = helpText(
  'contract',
  "Write a model's serving contract: a JSON Schema (2020-12) of one request row, with each column\nthe model reads, its type, and with --reference the range of its numbers, its categories and\nwhether it may be empty. `model-gate validate` checks data against it.",
  CONTRACT_FLAGS,
  [
    'model-gate contract --model model.onnx --reference train.parquet --out contract.json',
    'model-gate validate --contract contract.json --data logs.parquet',
  ],
);

const VALIDATE_FLAGS: readonly FlagSpec[] = [
  {
    name: 'contract',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'a contract `model-gate contract` wrote',
  },
  {
    name: 'data',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'the rows to check: CSV, TSV or Parquet (prediction logs, a new holdout)',
  },
  { name: 'out', type: 'string', value: 'FILE', help: 'write the counts as JSON' },
  { name: 'quiet', type: 'boolean', help: 'print nothing but errors' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const VALIDATE_HELP = helpText(
  'validate',
  "Count the rows of a file that break a serving contract, by column and kind (a missing column,\nan empty cell where none may be, text for a number, a number out of the reference's range, an\nunseen category), with the first row numbers of each. Exit 1 when any row does.",
  VALIDATE_FLAGS,
  ['model-gate validate --contract contract.json --data logs.parquet --out violations.json'],
);

function summary(contract: ServingContract): string {
  const properties = Object.values(contract.properties);
  const ranged = properties.filter((p) => p.minimum !== undefined).length;
  const enums = properties.filter((p) => p.enum !== undefined).length;
  const ref = contract['x-model-gate'].reference;
  const from = ref
    ? `; from reference ${ref.path} (${ref.rows.toLocaleString('en-US')} rows): ${ranged} with a range, ${enums} with categories`
    : '; types only (no --reference)';
  return `${properties.length} column${properties.length === 1 ? '' : 's'}${from}`;
}

export async function runContract(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('contract', CONTRACT_FLAGS, argv);
  if (flags.help) {
    io.stdout(CONTRACT_HELP);
    return 0;
  }
  const out = stringFlag(flags, 'out') as string;
  const contract = await contractOf(
    {
      model: stringFlag(flags, 'model') as string,
      reference: stringFlag(flags, 'reference'),
      features: listFlag(flags, 'features'),
      inputs: inputsFlag(flags),
      parallel: everyCore(import.meta.url),
    },
    { progress: flags.quiet ? silentProgress : io.progress, toolVersion: VERSION },
  );
  writeOutput(out, contractText(contract), '--out');
  if (!flags.quiet) io.stdout(`wrote ${out}: ${summary(contract)}\n`);
  return 0;
}

function report(result: ValidationResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (result.rows_violating === 0) {
    return `OK: all ${n(result.rows)} rows keep the contract\n`;
  }
  const lines = [
    `BROKEN: ${n(result.rows_violating)} of ${n(result.rows)} rows break the contract`,
    '',
    ...result.columns.map((c) => {
      const kinds = Object.entries(c.counts)
        .map(([kind, count]) => `${kind} ${n(count as number)}`)
        .join(', ');
      return `${c.column.padEnd(24)} ${kinds} (rows ${c.first_rows.join(', ')}${c.rows > c.first_rows.length ? ', ...' : ''})`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runValidate(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('validate', VALIDATE_FLAGS, argv);
  if (flags.help) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  const contractPath = stringFlag(flags, 'contract') as string;
  const data = stringFlag(flags, 'data') as string;
  const contract = readContract(contractPath);
  const result = await validateFile(contract, data, {
    progress: flags.quiet ? silentProgress : io.progress,
    parallel: everyCore(import.meta.url),
  });
  const out = stringFlag(flags, 'out');
  if (out) {
    const { sha256, ...counts } = result;
    const json = {
      schema: 1,
      tool: { name: 'model-gate', version: VERSION },
      command: 'validate',
      contract: contractPath,
      data: { path: data, sha256 },
      ...counts,
    };
    writeOutput(out, `${JSON.stringify(json, null, 2)}\n`, '--out');
  }
  if (!flags.quiet) io.stdout(report(result));
  return result.rows_violating > 0 ? 1 : 0;
}
