/**
 * app/contract.ts contractFromTable: the facts of the columns as a table in memory holds them —
 * the gate's holdout, whose model inputs are float32 copies of the file's numbers.
 */
import { describe, expect, it } from 'vitest';
import { contractFromTable } from '../../src/app/contract.js';
import type { Column, Table } from '../../src/data/table.js';
import { type CheckedColumn, validateColumns } from '../../src/domain/contract/index.js';

const meta = {
  model: { path: 'm.onnx', sha256: 'ab' },
  reference: { path: 'holdout.csv', sha256: 'cd', rows: 3 },
  tool: 't',
};

function table(columns: Column[]): Table {
  return {
    rows: 3,
    header: columns.map((c) => c.name),
    columns: new Map(columns.map((c) => [c.name, c])),
  };
}

const number = (name: string, values: Float32Array | Float64Array): Column => ({
  kind: 'number',
  name,
  values,
  missing: 0,
});

describe('contractFromTable', () => {
  it('keeps the file’s own values when the table holds them as float32, a constant column too', () => {
    // 0.1 and 0.3 are no float32: the copies differ from the file's doubles by up to 2^-24 of them.
    const file = { rate: [0.1, 0.1, 0.1], share: [0.3, -0.7, 0.5] };
    const contract = contractFromTable(
      [
        { name: 'rate', type: 'number', input: 'x' },
        { name: 'share', type: 'number', input: 'x' },
      ],
      table([
        number('rate', Float32Array.from(file.rate)),
        number('share', Float32Array.from(file.share)),
      ]),
      meta,
    );
    const asFile = new Map<string, CheckedColumn>([
      ['rate', number('rate', Float64Array.from(file.rate))],
      ['share', number('share', Float64Array.from(file.share))],
    ]);
    expect(validateColumns(contract, asFile, 3).rows_violating).toBe(0);
    const rate = contract.properties.rate;
    expect(rate?.minimum).toBeLessThanOrEqual(0.1);
    expect(rate?.maximum).toBeGreaterThanOrEqual(0.1);
    // No wider than float32's rounding: 0.1 ± 2^-24 of it, nothing like the 5% margin.
    expect(rate?.maximum as number).toBeLessThan(0.1 * (1 + 2 ** -23));
    expect(rate?.minimum as number).toBeGreaterThan(0.1 * (1 - 2 ** -23));
  });

  it('leaves out a value float32 cannot hold (±Infinity there): no bound could, and JSON has none', () => {
    const contract = contractFromTable(
      [{ name: 'big', type: 'number', input: 'x' }],
      table([number('big', Float32Array.from([1e39, 2, 4]))]),
      meta,
    );
    expect(contract.properties.big?.['x-model-gate'].seen?.[1]).toBeCloseTo(4, 5);
    expect(JSON.parse(JSON.stringify(contract)).properties.big.maximum).toBeCloseTo(4.1, 6);
  });

  it('takes a float64 column’s range as it is, and gives a column the table lacks types only', () => {
    const contract = contractFromTable(
      [
        { name: 'x', type: 'number', input: 'x' },
        { name: 'gone', type: 'string', input: 'g' },
      ],
      table([number('x', Float64Array.from([10, 20, 15]))]),
      meta,
    );
    expect(contract.properties.x).toMatchObject({ minimum: 9.5, maximum: 20.5 });
    expect(contract.properties.x?.['x-model-gate'].seen).toEqual([10, 20]);
    expect(contract.properties.gone).toEqual({
      type: ['string', 'null'],
      'x-model-gate': { input: 'g' },
    });
  });
});
