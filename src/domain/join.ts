/**
 * Joining predictions to the rows they score: on an id column, on the row numbers
 * `model-gate predict` writes, or by row order. Pure: keys in, an index out, with every way the
 * two sides can fail to match counted or refused, naming the key.
 */
import type { NamedColumn } from './columns.js';
import { InputError } from './errors.js';

/** One side of a join: its id keys, and how to name a row of it in messages. */
export interface JoinSide {
  readonly keys: readonly (string | null)[];
  /** e.g. "holdout 'holdout.csv'"; `where(i)` names row i, e.g. "row 12 of 'preds-2.parquet'". */
  readonly name: string;
  readonly where: (row: number) => string;
}

export interface Match {
  /** For each row of the left side, the matching right row, or -1. */
  readonly right: Int32Array;
  /** Left rows with no right row, and the first few of their keys. */
  readonly leftUnmatched: number;
  readonly leftUnmatchedKeys: string[];
  /** Right rows no left row took. */
  readonly rightUnmatched: number;
}

/** The key of an id cell: a number by its shortest spelling (17 and 17.0 match), text as written. */
export function idKeys(column: NamedColumn): (string | null)[] {
  if (column.kind === 'number') {
    return Array.from(column.values, (v) => (Number.isNaN(v) ? null : String(v)));
  }
  return Array.from(column.codes, (c) => (c < 0 ? null : (column.levels[c] as string)));
}

function refuseEmpty(side: JoinSide, column: string): void {
  const empty = side.keys.indexOf(null);
  if (empty >= 0) {
    throw new InputError(
      `id column '${column}' is empty in ${side.where(empty)}`,
      'Every row needs its id to be joined; drop the rows without one.',
    );
  }
}

function index(side: JoinSide, column: string): Map<string, number> {
  const at = new Map<string, number>();
  side.keys.forEach((key, i) => {
    if (key === null) return;
    const first = at.get(key);
    if (first !== undefined) {
      throw new InputError(
        `id '${key}' (column '${column}') appears twice in ${side.name}: ${side.where(first)} and ${side.where(i)}`,
        'A join needs each id once per side; remove the duplicate rows, or join on a column that is unique.',
      );
    }
    at.set(key, i);
  });
  return at;
}

/** Matches every left row to the right row with the same id; duplicated or empty ids are refused. */
export function matchIds(left: JoinSide, right: JoinSide, column: string): Match {
  refuseEmpty(left, column);
  refuseEmpty(right, column);
  index(left, column);
  const rightAt = index(right, column);
  const out = new Int32Array(left.keys.length).fill(-1);
  let leftUnmatched = 0;
  const leftUnmatchedKeys: string[] = [];
  let matched = 0;
  left.keys.forEach((key, i) => {
    const j = rightAt.get(key as string);
    if (j === undefined) {
      leftUnmatched++;
      if (leftUnmatchedKeys.length < 5) leftUnmatchedKeys.push(key as string);
      return;
    }
    out[i] = j;
    matched++;
  });
  return {
    right: out,
    leftUnmatched,
    leftUnmatchedKeys,
    rightUnmatched: right.keys.length - matched,
  };
}

/** A quoted list of the first keys, with how many there are in all. */
export function someKeys(keys: readonly string[], count: number): string {
  const shown = keys.map((k) => `'${k}'`).join(', ');
  return count > keys.length ? `${shown} and ${count - keys.length} more` : shown;
}

/**
 * Row numbers (1-based, as `model-gate predict` writes them) → for each of `rows` holdout rows,
 * the prediction row that scores it. Every row must be scored exactly once.
 */
export function matchRowNumbers(
  numbers: Float64Array | Float32Array,
  rows: number,
  where: (i: number) => string,
  whole: string,
): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as number;
    if (!Number.isInteger(n) || n < 1 || n > rows) {
      throw new InputError(
        `${where(i)} scores holdout row ${n}, but the holdout has rows 1-${rows}`,
        'The predictions were made on another holdout; run model-gate predict on this one.',
      );
    }
    const first = out[n - 1] as number;
    if (first >= 0) {
      throw new InputError(
        `holdout row ${n} is scored twice: by ${where(first)} and by ${where(i)}`,
        'The prediction files overlap: give each shard once (--shard i/N with one N, each i once).',
      );
    }
    out[n - 1] = i;
  }
  const missing: number[] = [];
  let count = 0;
  out.forEach((j, i) => {
    if (j >= 0) return;
    count++;
    if (missing.length < 5) missing.push(i + 1);
  });
  if (count > 0) {
    throw new InputError(
      `${whole} leave${count === 1 ? 's' : ''} ${count} holdout row${count === 1 ? '' : 's'} without a prediction (row${count === 1 ? '' : 's'} ${missing.join(', ')}${count > missing.length ? ', ...' : ''})`,
      'A shard is missing: give every shard of --shard i/N, for i = 1..N.',
    );
  }
  return out;
}
