/**
 * `model-gate drift`: the scheduled drift watch. Reference (training-period data) against
 * current data (e.g. recent prediction logs), per column; exit 1 when the dataset drifted.
 */
import { everyCore } from '../app/worker-script.js';
import { readTable } from '../data/read-table.js';
import type { Column, ColumnRequest } from '../data/table.js';
import { DRIFT_METHODS, type DriftMethod, detectDrift } from '../domain/drift/index.js';
import { driftFails, FAIL_ON, worstColumn } from '../domain/drift/severity.js';
import { InputError } from '../domain/errors.js';
import { renderDriftMarkdown } from '../domain/render/drift-markdown.js';
import { formatMetric } from '../domain/render/format.js';
import { VERSION } from '../version.js';
import { choiceFlag, type FlagSpec, helpText, numberFlag, parseFlags, stringFlag } from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { writeOutput } from './output.js';

const METHODS = ['auto', ...Object.keys(DRIFT_METHODS)] as DriftMethod[];

const FLAGS: readonly FlagSpec[] = [
  {
    name: 'reference',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'training-period data: CSV, TSV or Parquet',
  },
  {
    name: 'current',
    type: 'string',
    value: 'FILE',
    required: true,
    help: 'the data to check, e.g. recent prediction logs',
  },
  {
    name: 'columns',
    type: 'string',
    value: 'A,B,...',
    help: 'columns to test',
    default: 'every column of the reference',
  },
  {
    name: 'method',
    type: 'string',
    value: 'METHOD',
    help: `one of ${METHODS.join(', ')}`,
    default: 'auto',
  },
  {
    name: 'max-drifted-share',
    type: 'string',
    value: 'S',
    help: 'the dataset drifted when this share of columns did',
    default: '0.5',
  },
  {
    name: 'fail-on',
    type: 'string',
    value: 'WHEN',
    help: 'exit 1 when the dataset drifted (dataset), when any column did (column), or never',
    default: 'dataset',
  },
  { name: 'out', type: 'string', value: 'FILE', help: 'write drift.json here' },
  {
    name: 'markdown',
    type: 'string',
    value: 'FILE',
    help: 'write the report as Markdown here (e.g. the body of a drift issue)',
  },
  { name: 'quiet', type: 'boolean', help: 'print nothing but errors' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const DRIFT_HELP = helpText(
  'drift',
  'Compare current data with the training reference, column by column. auto flags a column when\nan effect size that matters (W1/MAD ≥ 0.1, JS distance ≥ 0.035) and a test that accounts for\nboth sample sizes (W1 by permutation, chi-square; Benjamini–Hochberg over the columns) agree,\nso neither a million clean rows nor a 100-row window flags noise. Without --columns, every column\nboth files hold is tested (prediction logs need no label). Exit 1 when the dataset drifted\n(--fail-on column: when any column did), 0 when not, 2 on bad input.',
  FLAGS,
  ['model-gate drift --reference data/train.csv --current logs/last-week.parquet --out drift.json'],
);

export async function runDrift(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('drift', FLAGS, argv);
  if (flags.help) {
    io.stdout(DRIFT_HELP);
    return 0;
  }
  const method = choiceFlag(flags, 'method', METHODS) ?? 'auto';
  const share =
    numberFlag(flags, 'max-drifted-share', (n) => n > 0 && n <= 1, 'a share in (0, 1]') ?? 0.5;
  const listed = stringFlag(flags, 'columns')
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  // A large file is read on every core (the command has no --threads).
  const parallel = everyCore(import.meta.url);
  const reference = await readTable(stringFlag(flags, 'reference') as string, {
    role: 'reference',
    parallel,
    ...(listed
      ? {
          columns: listed.map(
            (name): ColumnRequest => ({ name, type: 'auto', purpose: '--columns' }),
          ),
        }
      : {}),
  });
  const failOn = choiceFlag(flags, 'fail-on', FAIL_ON) ?? 'dataset';
  // Without --columns, every column both files hold: prediction logs have no label yet.
  const current = await readTable(stringFlag(flags, 'current') as string, {
    role: 'current data',
    parallel,
    columns: (listed ?? reference.table.header).map(
      (name): ColumnRequest => ({
        name,
        type: 'auto',
        purpose: listed ? '--columns' : 'a column of the reference',
        optional: listed === undefined,
      }),
    ),
  });
  const names = listed ?? reference.table.header.filter((n) => current.table.columns.has(n));
  const notInCurrent = listed ? [] : reference.table.header.filter((n) => !names.includes(n));
  if (names.length === 0) {
    throw new InputError(
      `current data '${current.path}' has none of the reference's columns`,
      'Check the two files describe the same features (names must match).',
    );
  }
  for (const [read, role] of [
    [reference, 'reference'],
    [current, 'current data'],
  ] as const) {
    if (read.table.rows === 0)
      throw new InputError(`${role} '${read.path}' has a header but no rows`);
  }
  const report = detectDrift(
    names.map((name) => ({
      name,
      reference: reference.table.columns.get(name) as Column,
      current: current.table.columns.get(name) as Column,
    })),
    { method, maxDriftedShare: share },
  );
  const out = stringFlag(flags, 'out');
  const json = {
    schema: 1,
    tool: { name: 'model-gate', version: VERSION },
    command: 'drift',
    data: {
      reference: { path: reference.path, sha256: reference.sha256, rows: reference.table.rows },
      current: { path: current.path, sha256: current.sha256, rows: current.table.rows },
    },
    drift: report,
    not_in_current: notInCurrent,
    worst: worstColumn(report.columns),
    fail_on: failOn,
  };
  if (out) writeOutput(out, `${JSON.stringify(json, null, 2)}\n`, '--out');
  const markdown = stringFlag(flags, 'markdown');
  if (markdown)
    writeOutput(
      markdown,
      renderDriftMarkdown(json, out ?? 'drift.json (re-run with --out drift.json to write it)'),
      '--markdown',
    );
  if (!flags.quiet) {
    const rows = Object.entries(report.columns).sort(
      ([, a], [, b]) => Number(b.drifted) - Number(a.drifted),
    );
    const worst = json.worst;
    const lines = [
      `${report.dataset.drifted ? 'DRIFT' : report.dataset.drifted_columns > 0 ? 'COLUMN DRIFT' : 'NO DRIFT'}: ${report.dataset.drifted_columns} of ${report.dataset.columns} columns drifted (the dataset counts as drifted from ${Math.round(report.dataset.max_drifted_share * 100)}%)`,
      ...(worst
        ? [
            `worst     ${worst.column}: ${worst.method} ${formatMetric(worst.value)}, ${worst.excess.toFixed(1)}× its threshold ${worst.threshold}`,
          ]
        : []),
      ...(notInCurrent.length > 0
        ? [`not in the current data, not tested: ${notInCurrent.join(', ')}`]
        : []),
      '',
      ...rows.map(
        ([name, c]) =>
          `${c.drifted ? 'drifted ' : '        '} ${name.padEnd(24)} ${c.method.padEnd(12)} ${formatMetric(c.value)} (threshold ${c.threshold}${c.test ? `; ${c.test.method} p ${formatMetric(c.test.p_value)}, level ${Number(c.test.alpha.toPrecision(2))}` : ''})`,
      ),
    ];
    io.stdout(`${lines.join('\n')}\n`);
  }
  return driftFails(failOn, report.dataset) ? 1 : 0;
}
