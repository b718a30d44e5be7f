/**
 * Every bad input the evaluate command can meet: exit code 2 and one message that names the
 * file, column, row or flag at fault. A bug is exit code 3 and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';
import { intOutputModel } from '../support/onnx.js';
import { tempDir } from '../support/tmp.js';

const TELCO = 'fixtures/classification_telco_churn';
const tmp = tempDir();
const holdout = readFileSync(join(TELCO, 'holdout.csv'), 'utf8');
const [header = '', ...rows] = holdout.trimEnd().split('\n');

function evaluateArgs(overrides: Record<string, string>): string[] {
  const args = {
    model: join(TELCO, 'candidate_worse.onnx'),
    data: join(TELCO, 'holdout.csv'),
    label: 'Churn',
    ...overrides,
  };
  return ['evaluate', ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]), '--quiet'];
}

async function expectBadInput(argv: string[], ...patterns: RegExp[]) {
  const run = await cli(argv);
  expect(run.code, run.stderr).toBe(EXIT.badInput);
  expect(run.stderr).toMatch(/^model-gate: error: /);
  for (const p of patterns) expect(run.stderr).toMatch(p);
  expect(run.stderr).not.toMatch(/bug/);
}

describe('evaluate refuses bad input with exit code 2', () => {
  it('a model file that does not exist', async () => {
    await expectBadInput(
      evaluateArgs({ model: 'nope/model.onnx' }),
      /model 'nope\/model.onnx' does not exist/,
    );
  });

  it('a holdout that does not exist', async () => {
    await expectBadInput(evaluateArgs({ data: 'nope.csv' }), /holdout 'nope.csv' does not exist/);
  });

  it('a holdout that is a directory', async () => {
    await expectBadInput(evaluateArgs({ data: tmp.dir }), /is a directory/);
  });

  it('a file that is not ONNX', async () => {
    await expectBadInput(
      evaluateArgs({ model: 'fixtures/extra/not_onnx.onnx' }),
      /'fixtures\/extra\/not_onnx.onnx' is not an ONNX model/,
    );
  });

  it('a truncated ONNX file', async () => {
    await expectBadInput(
      evaluateArgs({ model: 'fixtures/extra/truncated.onnx' }),
      /is not an ONNX model: .*truncated/,
    );
  });

  it('a model input with no matching column names the input and the close columns', async () => {
    const data = tmp.write(
      'renamed.csv',
      `${header.replace('MonthlyCharges', 'Monthly_Charges')}\n${rows.join('\n')}\n`,
    );
    await expectBadInput(
      evaluateArgs({ data }),
      /there is no column 'MonthlyCharges' \(model input 'MonthlyCharges' \(float\[N,1\]\)\)/,
      /Did you mean 'Monthly_Charges'/,
    );
  });

  it('text in a numeric input names the row and the column', async () => {
    const cells = (rows[41] as string).split(',');
    cells[1] = 'twelve';
    const bad = [...rows];
    bad[41] = cells.join(',');
    const data = tmp.write('text.csv', `${header}\n${bad.join('\n')}\n`);
    await expectBadInput(
      evaluateArgs({ data }),
      /row 42 \(line 43\), column 'tenure': 'twelve' is not a number, as model input 'tenure'/,
    );
  });

  it('an empty holdout', async () => {
    const data = tmp.write('empty.csv', `${header}\n`);
    await expectBadInput(evaluateArgs({ data }), /has a header but no rows/);
  });

  it('no label column', async () => {
    await expectBadInput(
      evaluateArgs({ label: 'churn' }),
      /there is no column 'churn' \(the label column/,
      /Did you mean 'Churn'\?/,
    );
  });

  it('binary labels that are not two values, named', async () => {
    const three = rows.map((r, i) => (i % 3 === 0 ? r.replace(/,[01]$/, ',2') : r));
    const data = tmp.write('three.csv', `${header}\n${three.join('\n')}\n`);
    await expectBadInput(
      evaluateArgs({ data }),
      /binary labels must take exactly two values, but column 'Churn' has 3: '0', '1', '2'/,
    );
  });

  it('a model whose outputs fit no task', async () => {
    const model = tmp.write('int-output.onnx', intOutputModel('tenure'));
    await expectBadInput(evaluateArgs({ model }), /outputs fit no task.*'y' \(int64\)/);
  });

  it('missing cells under --missing error', async () => {
    const data = tmp.write(
      'missing.csv',
      `${header}\n${rows.map((r, i) => (i === 5 ? r.replace(/^0,(\d+),/, '0,,') : r)).join('\n')}\n`,
    );
    await expectBadInput(
      [...evaluateArgs({ data }), '--missing', 'error'],
      /column 'tenure' has 1 missing cell/,
    );
  });

  it('an unknown flag, with the nearest one', async () => {
    await expectBadInput(
      ['evaluate', '--modle', 'm.onnx'],
      /unknown option '--modle'/,
      /Did you mean '--model'\?/,
    );
  });

  it('a missing required flag', async () => {
    await expectBadInput(
      ['evaluate', '--model', 'm.onnx', '--data', 'd.csv'],
      /'evaluate' needs --label COLUMN/,
    );
  });

  it('a threshold outside [0, 1]', async () => {
    await expectBadInput(
      evaluateArgs({ threshold: '1.5' }),
      /--threshold '1.5' is not a probability between 0 and 1/,
    );
  });

  it('a task the model cannot do', async () => {
    await expectBadInput(
      evaluateArgs({ task: 'regression' }),
      /--task regression does not fit the model/,
    );
  });

  it('a positive label the column lacks', async () => {
    await expectBadInput(
      evaluateArgs({ 'positive-label': 'Yes' }),
      /--positive-label 'Yes' is not a value of column 'Churn'/,
    );
  });

  it('an unknown command', async () => {
    const run = await cli(['evalute']);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toMatch(/unknown command 'evalute'. Did you mean 'evaluate'\?/);
  });
});

describe('a bug is not bad input', () => {
  it('exits 3 and says it is a bug', async () => {
    const run = await cli(['boom'], {
      boom: {
        summary: 'throws',
        run: async () => {
          throw new TypeError('cannot read properties of undefined');
        },
      },
    });
    expect(run.code).toBe(EXIT.bug);
    expect(run.stderr).toMatch(/internal error — this is a bug in model-gate/);
  });
});

describe('help', () => {
  it('describes every flag', async () => {
    const run = await cli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--model',
      '--data',
      '--label',
      '--task',
      '--positive-label',
      '--threshold',
      '--out',
      '--markdown',
      '--features',
      '--missing',
      '--batch-size',
      '--threads',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect((await cli(['--help'])).stdout).toMatch(/evaluate/);
  });
});

describe('files that are not what they seem', () => {
  const latin1 = Buffer.concat([
    Buffer.from(`${header}\n${rows.slice(0, 5).join('\n')}\n`),
    // A Windows-1252 row: 'Caf\xe9' is Latin-1 bytes, not UTF-8.
    Buffer.from(`${(rows[5] as string).replace(/Male|Female/, 'Caf\xe9')}\n`, 'latin1'),
    Buffer.from(`${rows.slice(6).join('\n')}\n`),
  ]);

  it('Latin-1 bytes in a text column are refused, naming row and column, never read as U+FFFD', async () => {
    await expectBadInput(
      evaluateArgs({ model: join(TELCO, 'candidate.onnx'), data: tmp.write('latin1.csv', latin1) }),
      /row 6 \(line 7\), column 'gender': 'Café' is not UTF-8 text/,
      /Save the file as UTF-8/,
    );
  });

  it('Latin-1 bytes in a quoted field are refused too', async () => {
    const quoted = Buffer.concat([
      Buffer.from(`${header}\n`),
      Buffer.from(`${(rows[0] as string).replace('Male', '"Caf\xe9"')}\n`, 'latin1'),
    ]);
    await expectBadInput(
      evaluateArgs({ data: tmp.write('quoted.csv', quoted) }),
      /row 1 \(line 2\): a quoted field holds bytes that are not UTF-8/,
    );
  });

  it('a UTF-16 file is named as UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(holdout, 'utf16le')]);
    await expectBadInput(
      evaluateArgs({ data: tmp.write('utf16.csv', utf16) }),
      /holdout '.*utf16.csv' is UTF-16 text; model-gate reads UTF-8/,
      /Save it as UTF-8/,
    );
  });

  const pointer =
    'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
  it.each([
    ['holdout', 'pointer.csv', /holdout '.*pointer.csv' is a Git LFS pointer, not the file itself/],
    ['holdout', 'pointer.parquet', /holdout '.*pointer.parquet' is a Git LFS pointer/],
    ['model', 'pointer.onnx', /model '.*pointer.onnx' is a Git LFS pointer/],
  ])('a Git LFS pointer as the %s (%s) says to run git lfs pull', async (role, name, message) => {
    const file = tmp.write(name, pointer);
    await expectBadInput(
      evaluateArgs(role === 'model' ? { model: file } : { data: file }),
      message,
      /git lfs pull/,
    );
  });

  it('text in a regression target names the row and the value', async () => {
    const housing = readFileSync('fixtures/regression_california_housing/holdout.csv', 'utf8')
      .trimEnd()
      .split('\n');
    housing[100] = (housing[100] as string).replace(/,[^,]*$/, ',n/a?');
    await expectBadInput(
      evaluateArgs({
        model: 'fixtures/regression_california_housing/baseline.onnx',
        data: tmp.write('target.csv', `${housing.join('\n')}\n`),
        label: 'median_house_value',
      }),
      /label column 'median_house_value' holds numbers but row 100 holds 'n\/a\?', which is not a number/,
    );
  });

  it('-h is help, for every command', async () => {
    for (const command of ['evaluate', 'gate', 'predict', 'drift', 'card', 'promote']) {
      const run = await cli([command, '-h']);
      expect(run.code, command).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: model-gate ${command}`));
    }
  });
});
