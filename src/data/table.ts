/**
 * A holdout or reference file in memory, column by column. Numbers live in typed arrays and
 * categories as integer codes into a list of levels, so a million rows cost a few typed
 * arrays rather than a million objects.
 */
import { mapInto } from '../domain/arrays.js';

export interface NumericColumn {
  readonly kind: 'number';
  readonly name: string;
  /** NaN marks a missing cell. Float32Array when the reader was asked for float32. */
  readonly values: Float64Array | Float32Array;
  readonly missing: number;
}

export interface CategoryColumn {
  readonly kind: 'category';
  readonly name: string;
  /** Index into `levels`; -1 marks a missing (empty) cell. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  readonly missing: number;
}

export type Column = NumericColumn | CategoryColumn;

export interface Table {
  readonly rows: number;
  /** Every column of the file, in file order, whether or not it was read. */
  readonly header: readonly string[];
  readonly columns: ReadonlyMap<string, Column>;
}

/**
 * How the reader should store a column. `auto` reads numbers when every non-empty cell is a
 * number and categories otherwise; the others are what a model input needs, and a cell that
 * does not fit is an error naming its row.
 */
export type ColumnType = 'auto' | 'float32' | 'float64' | 'string';

export interface ColumnRequest {
  readonly name: string;
  readonly type: ColumnType;
  /** Who needs the column, for error messages: e.g. "model input 'tenure' (float)". */
  readonly purpose?: string;
  /** Skip the column quietly when the file lacks it (e.g. a label for label drift). */
  readonly optional?: boolean;
}

export type MissingPolicy = 'allow' | 'error';

export interface ReadOptions {
  /** Columns to read; every column as `auto` when absent. */
  readonly columns?: readonly ColumnRequest[];
  readonly missing?: MissingPolicy;
  readonly onProgress?: (done: number, total: number) => void;
  /** Read a large CSV on several threads (csv/parts.ts); absent, on this one. */
  readonly parallel?: ParallelRead | undefined;
}

/** How to read on several threads: the compiled worker entry (app/worker.ts) and a budget. */
export interface ParallelRead {
  readonly worker: URL;
  /** Threads to use, this one included. */
  readonly threads: number;
  /** The smallest part of a file worth a thread (default csv/parts.ts MIN_PART_BYTES). */
  readonly minPartBytes?: number | undefined;
}

/** Missing cells per column, in header order, only for columns that were read. */
export function missingCounts(table: Table): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of table.header) {
    const column = table.columns.get(name);
    if (column) out[name] = column.missing;
  }
  return out;
}

/** The rows `rows` (indices, any order) of a table, as a table of their own. */
export function takeRows(table: Table, rows: Int32Array): Table {
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    if (c.kind === 'number') {
      const values = new (c.values.constructor as Float64ArrayConstructor)(rows.length);
      let missing = 0;
      rows.forEach((r, i) => {
        const v = c.values[r] as number;
        values[i] = v;
        if (Number.isNaN(v)) missing++;
      });
      columns.set(name, { ...c, values, missing });
    } else {
      const codes = mapInto(new Int32Array(rows.length), rows, (r) => c.codes[r] as number);
      columns.set(name, { ...c, codes, missing: codes.filter((x) => x < 0).length });
    }
  }
  return { rows: rows.length, header: table.header, columns };
}
