/** Joining predictions to rows (src/domain/join.ts): every way two sides can fail to match. */
import { describe, expect, it } from 'vitest';
import { matchIds, matchRowNumbers } from '../../src/domain/join.js';

const side = (keys: (string | null)[], name: string) => ({
  keys,
  name,
  where: (i: number) => `row ${i + 1} of ${name}`,
});

describe('matchIds', () => {
  it('matches each left row to its id on the right, in any order, counting the rest', () => {
    const m = matchIds(side(['a', 'b', 'c'], 'holdout'), side(['c', 'x', 'a', 'b'], 'preds'), 'id');
    expect([...m.right]).toEqual([2, 3, 0]);
    expect(m.leftUnmatched).toBe(0);
    expect(m.rightUnmatched).toBe(1);
  });

  it('counts left rows without a match and keeps the first keys', () => {
    const m = matchIds(side(['a', 'b', 'c'], 'preds'), side(['b'], 'labels'), 'id');
    expect([...m.right]).toEqual([-1, 0, -1]);
    expect(m.leftUnmatched).toBe(2);
    expect(m.leftUnmatchedKeys).toEqual(['a', 'c']);
  });

  it.each([
    [
      'an id twice on the right',
      ['a', 'b'],
      ['a', 'b', 'a'],
      /id 'a' \(column 'id'\) appears twice in preds: row 1 of preds and row 3 of preds/,
    ],
    [
      'an id twice on the left',
      ['a', 'a'],
      ['a'],
      /id 'a' \(column 'id'\) appears twice in holdout/,
    ],
    ['an empty id', ['a', null], ['a'], /id column 'id' is empty in row 2 of holdout/],
  ])('refuses %s', (_, left, right, message) => {
    expect(() => matchIds(side(left, 'holdout'), side(right, 'preds'), 'id')).toThrow(message);
  });
});

describe('matchRowNumbers', () => {
  const where = (i: number) => `row ${i + 1} of 'preds-2.parquet'`;
  it('maps holdout rows to prediction rows', () => {
    expect([...matchRowNumbers(Float64Array.from([3, 1, 2]), 3, where, 'preds')]).toEqual([
      1, 2, 0,
    ]);
  });
  it.each([
    [
      'overlapping shards',
      [1, 2, 2, 3],
      3,
      /holdout row 2 is scored twice: by row 2 of 'preds-2.parquet' and by row 3/,
    ],
    ['a missing shard', [1, 2], 4, /preds leave 2 holdout rows without a prediction \(rows 3, 4\)/],
    [
      'a row the holdout does not have',
      [1, 9],
      2,
      /scores holdout row 9, but the holdout has rows 1-2/,
    ],
  ])('refuses %s', (_, numbers, rows, message) => {
    expect(() => matchRowNumbers(Float64Array.from(numbers), rows, where, 'preds')).toThrow(
      message,
    );
  });
});
