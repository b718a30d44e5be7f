/**
 * Issue 13: `model-gate contract` and `validate` on the real fixtures. The contract of each
 * fixture model from its reference validates its holdout (0 violations, exit 0); a file built
 * to break it is flagged by column and kind, with the first row numbers; the drifted Telco
 * holdout (charges ×1.10) breaks MonthlyCharges' range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { csvLines, HOUSING, TELCO } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();

async function contractFor(dir: string, name: string): Promise<string> {
  const out = join(tmp.dir, `${name}.json`);
  const r = await cli([
    'contract',
    '--model',
    join(dir, 'candidate.onnx'),
    '--reference',
    join(dir, 'reference.csv'),
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('model-gate contract and validate', () => {
  it.each([
    ['Telco', TELCO, 2110, 19],
    ['California', HOUSING, 6130, 9],
  ])(
    'the %s contract validates its holdout: 0 violations, exit 0',
    async (name, dir, rows, columns) => {
      const contract = await contractFor(dir, name);
      const schema = JSON.parse(readFileSync(contract, 'utf8'));
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(Object.keys(schema.properties)).toHaveLength(columns);
      expect(schema.required).toHaveLength(columns);
      const out = join(tmp.dir, `${name}-validate.json`);
      const r = await cli([
        'validate',
        '--contract',
        contract,
        '--data',
        join(dir, 'holdout.csv'),
        '--out',
        out,
      ]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toBe(`OK: all ${rows.toLocaleString('en-US')} rows keep the contract\n`);
      const json = JSON.parse(readFileSync(out, 'utf8'));
      expect(json).toMatchObject({ command: 'validate', rows, rows_violating: 0, columns: [] });
    },
  );

  it('flags each kind of violation in a file built for it, by column, with the first rows', async () => {
    const contract = await contractFor(TELCO, 'telco-broken');
    const schema = JSON.parse(readFileSync(contract, 'utf8'));
    expect(schema.properties.tenure['x-model-gate'].seen).toEqual([1, 72]);
    const [header, rows] = csvLines(join(TELCO, 'holdout.csv'));
    const names = header.split(',');
    const at = (c: string) => names.indexOf(c);
    // Drop PaperlessBilling; break rows 1–5 one way each (data rows, counted from 1).
    const drop = at('PaperlessBilling');
    const edit = (line: string, i: number): string => {
      const cells = line.split(',');
      if (i === 0) cells[at('tenure')] = '500'; // above the maximum
      if (i === 1) cells[at('MonthlyCharges')] = '-40'; // below the minimum
      if (i === 2) cells[at('TotalCharges')] = 'n/a?'; // text for a number
      if (i === 3) cells[at('Contract')] = 'Ten year'; // a category the reference never had
      if (i === 4) cells[at('gender')] = ''; // empty where the reference had no empty cell
      return cells.filter((_, k) => k !== drop).join(',');
    };
    const broken = tmp.write(
      'broken.csv',
      `${names.filter((_, k) => k !== drop).join(',')}\n${rows.map(edit).join('\n')}\n`,
    );
    const out = join(tmp.dir, 'broken.json');
    const r = await cli(['validate', '--contract', contract, '--data', broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^BROKEN: 2,110 of 2,110 rows break the contract/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const byColumn = Object.fromEntries(json.columns.map((c: { column: string }) => [c.column, c]));
    // Each edited row breaks its one column one way.
    for (const [column, kind, row] of [
      ['tenure', 'above_maximum', 1],
      ['MonthlyCharges', 'below_minimum', 2],
      ['TotalCharges', 'type', 3],
      ['Contract', 'not_in_enum', 4],
      ['gender', 'null', 5],
    ] as const) {
      expect(byColumn[column]).toEqual({
        column,
        counts: { [kind]: 1 },
        rows: 1,
        first_rows: [row],
      });
    }
    expect(byColumn.PaperlessBilling).toEqual({
      column: 'PaperlessBilling',
      counts: { missing_column: 2110 },
      rows: 2110,
      first_rows: [1, 2, 3, 4, 5],
    });
    expect(json.columns).toHaveLength(6);
  });

  it('flags the drifted holdout: charges 10% higher break their range', async () => {
    const contract = await contractFor(TELCO, 'telco-drift');
    const r = await cli([
      'validate',
      '--contract',
      contract,
      '--data',
      join(TELCO, 'holdout_drifted.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^MonthlyCharges +above_maximum \d+/m);
  });

  it.each([
    ['type', { type: 'boolean' }, 'properties.x.type is "boolean", not number, integer or string'],
    [
      'type list',
      { type: ['number', 'string'] },
      'properties.x.type is ["number","string"], not number, integer or string, or one of them with null',
    ],
    [
      'minimum',
      { type: 'number', minimum: '5' },
      'properties.x.minimum is "5", not a finite number',
    ],
    [
      'range',
      { type: 'number', minimum: 5, maximum: 1 },
      'properties.x.minimum is 5, not at most maximum (1)',
    ],
    ['enum', { type: 'string', enum: [1, 2] }, 'properties.x.enum is [1,2], not a list of strings'],
    [
      'enum on a number',
      { type: 'number', enum: ['a'] },
      'properties.x.enum is ["a"], not a list of strings (and null) on a string column',
    ],
  ])('refuses a contract whose %s is not what contract writes', async (_, property, message) => {
    const contract = tmp.write(
      `hostile-${_}.json`,
      JSON.stringify({ 'x-model-gate': { contract: 1 }, properties: { x: property } }),
    );
    const r = await cli(['validate', '--contract', contract, '--data', join(TELCO, 'holdout.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('refuses a file that is not a contract, and writes types only without a reference', async () => {
    const notContract = tmp.write('not.json', '{"type": "object"}');
    const r = await cli([
      'validate',
      '--contract',
      notContract,
      '--data',
      join(TELCO, 'holdout.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`contract '${notContract}' is not a model-gate serving contract`);
    const out = join(tmp.dir, 'types.json');
    const t = await cli(['contract', '--model', join(TELCO, 'candidate.onnx'), '--out', out]);
    expect(t.stdout).toContain('19 columns; types only (no --reference)');
    const schema = JSON.parse(readFileSync(out, 'utf8'));
    expect(schema.properties.tenure).toEqual({
      type: ['number', 'null'],
      'x-model-gate': { input: 'tenure' },
    });
    expect(schema.properties.Contract.type).toEqual(['string', 'null']);
  });
});
