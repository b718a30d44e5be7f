/**
 * One read per column for several readers (runtime/feeds.ts mergeColumnRequests): the widest
 * numeric type wins, a label or slice (`auto`) keeps exact values over a model's float32, and text
 * against numbers is an error naming both inputs.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnRequest } from '../../src/data/table.js';
import { InputError } from '../../src/domain/errors.js';
import { mergeColumnRequests } from '../../src/runtime/feeds.js';

const read = (type: ColumnRequest['type'], purpose: string = type): ColumnRequest => ({
  name: 'x',
  type,
  purpose,
});
const merged = (...types: ColumnRequest['type'][]) =>
  mergeColumnRequests(types.map((t) => [read(t)]))[0]?.type;

describe('mergeColumnRequests', () => {
  it.each([
    [['float32', 'float32'], 'float32'],
    [['float32', 'float64'], 'float64'],
    [['float64', 'float32'], 'float64'],
    [['float32', 'auto'], 'float64'],
    [['auto', 'float32'], 'float64'],
    [['auto', 'float64'], 'float64'],
    [['auto', 'string'], 'string'],
    [['string', 'auto'], 'string'],
    [['auto', 'auto'], 'auto'],
    [['float32', 'auto', 'float32'], 'float64'],
  ] as const)('%j → %s', (types, want) => {
    expect(merged(...types)).toBe(want);
  });

  it('keeps a model input’s purpose when a slice also reads the column', () => {
    const [one] = mergeColumnRequests([
      [read('float32', "model input 'x'")],
      [read('auto', 'slice')],
    ]);
    expect(one?.purpose).toBe("model input 'x'");
  });

  it('refuses text for one model and numbers for another, naming both', () => {
    expect(() =>
      mergeColumnRequests([[read('string', 'input A')], [read('float32', 'input B')]]),
    ).toThrow(InputError);
    expect(() =>
      mergeColumnRequests([[read('string', 'input A')], [read('float32', 'input B')]]),
    ).toThrow(/input A.*input B/);
  });
});
