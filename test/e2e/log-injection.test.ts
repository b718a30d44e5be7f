/**
 * Workflow-command injection: a column name, a slice's category value or any other text from a
 * user's file that reaches the bundled CLI's stdout or stderr must not become a command when the
 * runner reads the log (a line that starts with `::` after its leading blanks, or `##[`). Each
 * path the issue found is run for real on a holdout whose header and cells carry commands:
 * `drift` output, `gate` output with per-slice rules, and the "The columns are: …" error.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const TELCO = resolve('fixtures/classification_telco_churn');
const HOSTILE_COLUMN = 'seg\n::error title=pwned::injected\n::add-mask::age';
const HOSTILE_VALUES = ['::warning::pwned', '##[error]legacy', 'a\rb\x1b[31m', ' ::notice::x'];

/** The lines of a log the runner would execute as commands. */
function commands(log: string): string[] {
  return log.split(/\r?\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['));
}

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** A copy of a Telco CSV with one more column in front, hostile in its name and its values. */
function hostileCsv(source: string, name: string): string {
  const [header, ...rows] = readFileSync(join(TELCO, source), 'utf8').trimEnd().split('\n');
  const lines = [
    // First, so that the error's list of columns (the first 20) names it.
    `${quote(HOSTILE_COLUMN)},${header}`,
    ...rows.map((row, i) => `${quote(HOSTILE_VALUES[i % HOSTILE_VALUES.length] as string)},${row}`),
  ];
  return tmp.write(name, `${lines.join('\n')}\n`);
}

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [resolve('dist/cli/index.js'), ...args], {
    cwd: tmp.dir,
    encoding: 'utf8',
  });
  return { code: run.status, log: `${run.stdout}\n${run.stderr}`, stdout: run.stdout };
}

describe('text from files in the bundled CLI', () => {
  const holdout = hostileCsv('holdout.csv', 'holdout.csv');
  const reference = hostileCsv('reference.csv', 'reference.csv');

  it('drift names the hostile column without a command', () => {
    const r = cli([
      'drift',
      '--reference',
      reference,
      '--current',
      holdout,
      '--columns',
      `tenure,${HOSTILE_COLUMN}`,
    ]);
    expect(r.code, r.log).toBeLessThan(2);
    expect(r.log).toContain('add-mask::age');
    expect(commands(r.log)).toEqual([]);
  });

  it('gate with per-slice rules prints slice values without a command', () => {
    const config = tmp.write(
      'gate.model-gate.json',
      JSON.stringify({
        version: 1,
        label: 'Churn',
        models: {
          candidate: join(TELCO, 'candidate.onnx'),
          baseline: join(TELCO, 'baseline.onnx'),
        },
        data: { holdout },
        slices: [{ column: HOSTILE_COLUMN }],
        rules: [{ metric: 'accuracy', min: 0.5, slices: true }],
        statistics: { bootstrap: 100 },
      }),
    );
    const r = cli(['gate', '--config', config, '--threads', '2']);
    expect(r.code, r.log).toBeLessThan(2);
    expect(r.stdout).toContain('warning::pwned');
    expect(r.stdout).toContain('legacy');
    expect(commands(r.log)).toEqual([]);
    // A carriage return or an escape sequence from a cell is printed escaped.
    expect(r.log.includes('\r') || r.log.includes('\u001b')).toBe(false);
  });

  it('the "columns are" error lists the hostile column without a command', () => {
    const r = cli([
      'evaluate',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--data',
      holdout,
      '--label',
      'Outcome',
    ]);
    expect(r.code).toBe(2);
    expect(r.log).toMatch(/The columns are: /);
    expect(r.log).toContain('add-mask::age');
    expect(commands(r.log)).toEqual([]);
  });
});
