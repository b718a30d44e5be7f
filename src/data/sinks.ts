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
  private readonly values: Float64Array | Float32Array;
  readonly kind = 'number';
  gaveUp = false;
  constructor(
    readonly name: string,
    capacity: number,
    float32: boolean,
    private readonly auto: boolean,
    private readonly expected: string,
  ) {
    this.values = float32 ? new Float32Array(capacity) : new Float64Array(capacity);
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

  finish(rows: number): NumericColumn {
    const values = this.values.subarray(0, rows);
    let missing = 0;
    for (let i = 0; i < rows; i++) if (Number.isNaN(values[i])) missing++;
    return { kind: 'number', name: this.name, values, missing };
  }
}

class CategorySink implements CellSink {
  private readonly codes: Int32Array;
  private readonly index = new Map<string, number>();
  private readonly levels: string[] = [];
  readonly kind = 'category';
  readonly gaveUp = false;
  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.codes = new Int32Array(capacity);
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

  finish(rows: number): CategoryColumn {
    const codes = this.codes.subarray(0, rows);
    let missing = 0;
    for (let i = 0; i < rows; i++) if ((codes[i] as number) < 0) missing++;
    return { kind: 'category', name: this.name, codes, levels: this.levels, missing };
  }
}

export function makeSink(
  name: string,
  type: ColumnType,
  capacity: number,
  purpose?: string,
): CellSink {
  const who = purpose ?? `column '${name}'`;
  switch (type) {
    case 'string':
      return new CategorySink(name, capacity);
    case 'float32':
      return new NumberSink(name, capacity, true, false, `a number, as ${who} needs`);
    case 'float64':
      return new NumberSink(name, capacity, false, false, `a number, as ${who} needs`);
    case 'auto':
      return new NumberSink(name, capacity, false, true, 'a number');
  }
}
