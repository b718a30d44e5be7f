/**
 * Column builders the file readers write cells into, one per column that was asked for.
 * They store into preallocated typed arrays by row index, so a reader can re-deliver a row
 * (after refilling its buffer) without side effects.
 */

import { fastStatus, LONG_NUMBER, parseNumberFast, parseNumberText } from './csv/number.js';
import type { CategoryColumn, Column, ColumnType, NumericColumn } from './table.js';
import { lostBytes } from './text-encoding.js';

/** A cell that does not fit its column; the reader adds the file, row and line. */
export class CellError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly cell: string,
    readonly expected: string,
  ) {
    super(`cell '${cell}' in column '${column}' is not ${expected}`);
  }
}

export interface CellSink {
  readonly name: string;
  /** An unquoted cell, as the file's bytes. */
  bytes(buf: Buffer, start: number, end: number, row: number): void;
  /** A quoted (and unescaped) cell, or a value from a typed file format. */
  text(value: string, row: number): void;
  readonly kind: 'number' | 'category';
  /** A value a typed file format already holds as a number (only for number sinks). */
  number(value: number, row: number): void;
  /** `auto` sinks give up (return true) on the first cell that is not a number. */
  readonly gaveUp: boolean;
  finish(rows: number): Column;
  /** Where the cells go, by row: a Float64Array, a Float32Array or (categories) an Int32Array. */
  readonly storage: Storage;
  /**
   * Takes `rows` rows another thread read into this sink's storage from row `from` (with a sink
   * of its own, `part`), as rows [at, at + rows): moved down when `at` < `from`, their codes
   * renumbered into this sink's levels, or the column given up when that sink gave up.
   */
  absorb(part: SinkPart, from: number, at: number, rows: number): void;
  /** What `absorb` needs of the other thread's sink. */
  part(): SinkPart;
}

export type Storage = Float64Array | Float32Array | Int32Array;

export interface SinkPart {
  readonly gaveUp: boolean;
  /** A category sink's levels, in its codes' order. */
  readonly levels: readonly string[];
}

/**
 * Storage for `capacity` cells of a column of type `type`; `shared` puts it in memory other
 * threads can write to (a CSV read on several threads).
 */
export function storageFor(type: ColumnType, capacity: number, shared: boolean): Storage {
  const width = type === 'float32' || type === 'string' ? 4 : 8;
  const buffer = shared
    ? new SharedArrayBuffer(capacity * width)
    : new ArrayBuffer(capacity * width);
  if (type === 'string') return new Int32Array(buffer);
  return type === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

/** A cell whose bytes are not UTF-8: refused, never read as U+FFFD. */
export class NotUtf8Error extends CellError {}

function decode(buf: Buffer, start: number, end: number, row: number, column: string): string {
  const text = buf.toString('utf8', start, end);
  if (lostBytes(text, buf.subarray(start, end))) {
    throw new NotUtf8Error(row, column, buf.toString('latin1', start, end), 'UTF-8 text');
  }
  return text;
}

class NumberSink implements CellSink {
  readonly kind = 'number';
  gaveUp = false;
  constructor(
    readonly name: string,
    private readonly values: Float64Array | Float32Array,
    private readonly auto: boolean,
    private readonly expected: string,
  ) {}

  get storage(): Storage {
    return this.values;
  }

  bytes(buf: Buffer, start: number, end: number, row: number): void {
    if (this.gaveUp) return;
    const value = parseNumberFast(buf, start, end);
    if (!Number.isNaN(value)) this.values[row] = value;
    else if (fastStatus === LONG_NUMBER)
      this.values[row] = Number(buf.toString('latin1', start, end));
    else this.text(decode(buf, start, end, row, this.name), row);
  }

  number(value: number, row: number): void {
    this.values[row] = value;
  }

  text(value: string, row: number): void {
    if (this.gaveUp) return;
    const cell = parseNumberText(value);
    if (cell.kind === 'number') this.values[row] = cell.value;
    else if (cell.kind === 'missing') this.values[row] = Number.NaN;
    else if (this.auto) this.gaveUp = true;
    else throw new CellError(row, this.name, value, this.expected);
  }

  absorb(part: SinkPart, from: number, at: number, rows: number): void {
    if (part.gaveUp) this.gaveUp = true;
    else if (!this.gaveUp && at !== from) this.values.copyWithin(at, from, from + rows);
  }

  part(): SinkPart {
    return { gaveUp: this.gaveUp, levels: [] };
  }

  finish(rows: number): NumericColumn {
    const values = this.values.subarray(0, rows);
    let missing = 0;
    for (let i = 0; i < rows; i++) if (Number.isNaN(values[i])) missing++;
    return { kind: 'number', name: this.name, values, missing };
  }
}

class CategorySink implements CellSink {
  private readonly index = new Map<string, number>();
  private readonly levels: string[] = [];
  readonly kind = 'category';
  readonly gaveUp = false;
  constructor(
    readonly name: string,
    private readonly codes: Int32Array,
  ) {}

  get storage(): Storage {
    return this.codes;
  }

  bytes(buf: Buffer, start: number, end: number, row: number): void {
    this.text(start === end ? '' : decode(buf, start, end, row, this.name), row);
  }

  text(value: string, row: number): void {
    if (value === '') {
      this.codes[row] = -1;
      return;
    }
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.levels.length;
      this.levels.push(value);
      this.index.set(value, code);
    }
    this.codes[row] = code;
  }

  number(value: number, row: number): void {
    this.text(String(value), row);
  }

  absorb(part: SinkPart, from: number, at: number, rows: number): void {
    const { levels } = part;
    // The part's levels, as codes of this column (new ones in the part's order of appearance).
    const remap = new Int32Array(levels.length);
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as string;
      let code = this.index.get(level);
      if (code === undefined) {
        code = this.levels.length;
        this.levels.push(level);
        this.index.set(level, code);
      }
      remap[i] = code;
    }
    const codes = this.codes;
    for (let i = 0; i < rows; i++) {
      const code = codes[from + i] as number;
      codes[at + i] = code < 0 ? -1 : (remap[code] as number);
    }
  }

  part(): SinkPart {
    return { gaveUp: false, levels: this.levels };
  }

  finish(rows: number): CategoryColumn {
    const codes = this.codes.subarray(0, rows);
    let missing = 0;
    for (let i = 0; i < rows; i++) if ((codes[i] as number) < 0) missing++;
    return { kind: 'category', name: this.name, codes, levels: this.levels, missing };
  }
}

/** A sink for a column of type `type` whose cells go into `storage` (storageFor). */
export function makeSink(
  name: string,
  type: ColumnType,
  storage: Storage,
  purpose?: string,
): CellSink {
  const who = purpose ?? `column '${name}'`;
  const expect = (kind: Storage): Float64Array | Float32Array => {
    if (kind instanceof Int32Array) throw new Error(`bug: column '${name}' needs number storage`);
    return kind;
  };
  switch (type) {
    case 'string':
      if (!(storage instanceof Int32Array)) throw new Error(`bug: column '${name}' needs codes`);
      return new CategorySink(name, storage);
    case 'float32':
    case 'float64':
      return new NumberSink(name, expect(storage), false, `a number, as ${who} needs`);
    case 'auto':
      return new NumberSink(name, expect(storage), true, 'a number');
  }
}
