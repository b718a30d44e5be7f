/**
 * The serving contract (src/domain/contract): what build.ts writes for each kind of column, and
 * what validate.ts counts, case by case.
 */
import { describe, expect, it } from 'vitest';
import {
  buildContract,
  type CheckedColumn,
  type ContractColumn,
  MAX_ENUM,
  validateColumns,
} from '../../../src/domain/contract/index.js';

const meta = { model: { path: 'm.onnx', sha256: 'ab' }, reference: null, tool: 't' };

describe('buildContract', () => {
  it.each<[string, ContractColumn, object]>([
    [
      'a number without a reference: any number or null',
      { name: 'x', type: 'number', input: 'x' },
      { type: ['number', 'null'] },
    ],
    [
      'a number seen in [10, 20]: widened 5% a side',
      {
        name: 'x',
        type: 'number',
        input: 'in',
        reference: { missing: 0, minimum: 10, maximum: 20 },
      },
      { type: 'number', minimum: 9.5, maximum: 20.5 },
    ],
    [
      'an integer seen in [1, 9] with an empty cell: whole bounds, null allowed',
      { name: 'k', type: 'integer', input: 'k', reference: { missing: 3, minimum: 1, maximum: 9 } },
      { type: ['integer', 'null'], minimum: 0, maximum: 10 },
    ],
    [
      'text with its categories',
      { name: 'c', type: 'string', input: 'c', reference: { missing: 0, categories: ['a', 'b'] } },
      { type: 'string', enum: ['a', 'b'] },
    ],
    [
      'text with too many categories to list',
      {
        name: 'id',
        type: 'string',
        input: 'id',
        reference: {
          missing: 0,
          categories: Array.from({ length: MAX_ENUM + 1 }, (_, i) => `v${i}`),
        },
      },
      { type: 'string' },
    ],
  ])('%s', (_, column, expected) => {
    const p = buildContract([column], meta).properties[column.name];
    expect(p).toMatchObject(expected);
    if (!('enum' in expected)) expect(p).not.toHaveProperty('enum');
  });

  it('keeps a column named __proto__ as a column', () => {
    const c = buildContract([{ name: '__proto__', type: 'number', input: 'x' }], meta);
    expect(Object.keys(c.properties)).toEqual(['__proto__']);
    expect(c.required).toEqual(['__proto__']);
  });
});

describe('validateColumns', () => {
  const contract = buildContract(
    [
      {
        name: 'n',
        type: 'number',
        input: 'n',
        reference: { missing: 0, minimum: 0, maximum: 100 },
      },
      {
        name: 'k',
        type: 'integer',
        input: 'k',
        reference: { missing: 0, minimum: 0, maximum: 10 },
      },
      { name: 'c', type: 'string', input: 'c', reference: { missing: 1, categories: ['a', 'b'] } },
    ],
    meta,
  );
  it('counts each kind, once per row and column, with the first rows from 1', () => {
    const columns = new Map<string, CheckedColumn>([
      ['n', { kind: 'number', values: Float64Array.of(1, Number.NaN, -20, 200, 50) }],
      ['k', { kind: 'number', values: Float64Array.of(1, 2.5, 3, 4, 11) }],
      ['c', { kind: 'category', codes: Int32Array.of(0, -1, 2, 1, 0), levels: ['a', 'b', 'z'] }],
    ]);
    const result = validateColumns(contract, columns, 5, 2);
    expect(result.rows_violating).toBe(3);
    expect(result.columns).toEqual([
      {
        column: 'n',
        counts: { null: 1, below_minimum: 1, above_maximum: 1 },
        rows: 3,
        first_rows: [2, 3],
      },
      // -5 + 5% of 10 = -0.5 → 0 is the floor, 10.5 → 11 the ceiling: 11 is in, 2.5 is not whole.
      { column: 'k', counts: { type: 1 }, rows: 1, first_rows: [2] },
      { column: 'c', counts: { not_in_enum: 1 }, rows: 1, first_rows: [3] },
    ]);
  });

  it('reads text in a number column by the numbers it spells', () => {
    const columns = new Map<string, CheckedColumn>([
      [
        'n',
        {
          kind: 'category',
          codes: Int32Array.of(0, 1, 2),
          levels: ['5', 'five', '1e9'],
          levelNumbers: Float64Array.of(5, Number.NaN, 1e9),
        },
      ],
      ['k', { kind: 'number', values: Float64Array.of(1, 1, 1) }],
      ['c', { kind: 'category', codes: Int32Array.of(0, 0, 0), levels: ['a'] }],
    ]);
    expect(validateColumns(contract, columns, 3).columns).toEqual([
      { column: 'n', counts: { type: 1, above_maximum: 1 }, rows: 2, first_rows: [2, 3] },
    ]);
  });
});
