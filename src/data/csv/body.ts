/**
 * The CSV reader's record loop over one byte range of the file: tokenizes records and writes each
 * requested cell straight into its column's sink. The reader runs it over the whole body, or each
 * thread over one part of it (parts.ts); rows and lines are counted from the range's start, and a
 * bad record is reported by those counts (RecordError) for the caller to place in the file.
 */
import { readSync } from 'node:fs';
import { CellError, type CellSink, NotUtf8Error } from '../sinks.js';
import { NOT_UTF8_HINT } from '../text-encoding.js';
import { type RecordCursor, readSimpleRecords } from './simple-records.js';
import { CsvSyntaxError, END, INCOMPLETE, RecordTokenizer } from './tokenizer.js';

const CHUNK = 1 << 20;
/** How often (in bytes read) the loop reports progress. */
const PROGRESS_EVERY = 1 << 26;

/** A chunked view of an open file with the unconsumed tail kept at the front. */
export class ChunkReader {
  buf = Buffer.allocUnsafe(CHUNK);
  len = 0;
  pos = 0;
  eof = false;
  /** File offset of buf[0]. */
  consumed: number;
  private offset: number;

  constructor(
    private readonly fd: number,
    start = 0,
    /** The reader sees end of file here. */
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    this.consumed = start;
    this.offset = start;
  }

  fill(): void {
    if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.len);
      this.consumed += this.pos;
      this.len -= this.pos;
      this.pos = 0;
    }
    if (this.len === this.buf.length) {
      // One record is longer than the buffer: grow it.
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    const room = Math.min(this.buf.length - this.len, this.limit - this.offset);
    const n = room > 0 ? readSync(this.fd, this.buf, this.len, room, this.offset) : 0;
    this.offset += n;
    this.len += n;
    if (n === 0) this.eof = true;
  }
}

/**
 * A record the reader refuses, by its row (0-based, among the range's rows) and line (from the
 * range's first line); `detail` follows "row R (line L)" in the message.
 */
export class RecordError extends Error {
  constructor(
    readonly row: number,
    readonly line: number,
    readonly detail: string,
    readonly hint: string,
  ) {
    super(`row ${row + 1} (line ${line})${detail}`);
  }
}

/** Bytes [start, end) of the file, whose first record is on line `line`. */
export interface BodyRange {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export interface BodyRead {
  readonly rows: number;
  /** Lines the range holds (records, blank lines and line breaks inside quoted fields). */
  readonly lines: number;
}

/**
 * Reads the records of `range` into `sinks` (one per file column, null for a column not read),
 * rows from 0. `capacity` bounds the rows (the line ends the range holds, plus one).
 */
export function parseBody(
  fd: number,
  range: BodyRange,
  sinks: readonly (CellSink | null)[],
  capacity: number,
  delimiter: number,
  onBytes?: (offset: number) => void,
): BodyRead {
  const ncols = sinks.length;
  const active = sinks.flatMap((sink, index) => (sink ? [index] : []));
  const reader = new ChunkReader(fd, range.start, range.end);
  const tokens = new RecordTokenizer(delimiter);
  const stops = new Uint8Array(256);
  stops[delimiter] = 1;
  stops[10] = 1;
  stops[13] = 1;
  const cursor: RecordCursor = { row: 0, line: range.line };
  // The buffer up to here ends with a line feed: no record before it is cut off.
  let safeEnd = 0;
  let recordLine = cursor.line;
  let nextProgress = range.start + PROGRESS_EVERY;
  try {
    for (;;) {
      if (reader.pos < safeEnd) {
        reader.pos = readSimpleRecords(
          reader.buf,
          reader.pos,
          safeEnd,
          sinks,
          stops,
          delimiter,
          capacity,
          cursor,
        );
      }
      const end = tokens.next(reader.buf, reader.pos, reader.len, reader.eof);
      if (end === INCOMPLETE) {
        reader.fill();
        // (A negative offset would make lastIndexOf search stale bytes from the buffer's end.)
        safeEnd = reader.len === 0 ? 0 : reader.buf.lastIndexOf(10, reader.len - 1) + 1;
        if (onBytes && reader.consumed >= nextProgress) {
          onBytes(reader.consumed);
          nextProgress = reader.consumed + PROGRESS_EVERY;
        }
        continue;
      }
      if (end === END) break;
      recordLine = cursor.line;
      cursor.line += 1 + tokens.newlines;
      reader.pos = end;
      if (tokens.blank) continue;
      const row = cursor.row;
      if (tokens.count !== ncols) {
        throw new RecordError(
          row,
          recordLine,
          ` has ${tokens.count} fields but the header has ${ncols}`,
          'Every row needs one value per header column; quote fields that contain the delimiter.',
        );
      }
      if (row >= capacity)
        throw new Error(`CSV row count exceeded the line-end bound (${capacity})`);
      const { starts, ends, quoted } = tokens;
      const buf = reader.buf;
      for (let k = 0; k < active.length; k++) {
        const c = active[k] as number;
        const sink = sinks[c] as CellSink;
        if (quoted[c] === 0) sink.bytes(buf, starts[c] as number, ends[c] as number, row);
        else sink.text(tokens.texts[c] as string, row);
      }
      cursor.row++;
    }
  } catch (error) {
    if (error instanceof CellError) {
      // A cell error in the fast lane is raised before the cursor moves past its record.
      const line = error.row === cursor.row ? cursor.line : recordLine;
      throw new RecordError(
        error.row,
        line,
        `, column '${error.column}': '${truncate(error.cell)}' is not ${error.expected}`,
        error instanceof NotUtf8Error
          ? NOT_UTF8_HINT
          : 'Fix the cell, or leave it empty to mark it missing.',
      );
    }
    if (error instanceof CsvSyntaxError) {
      throw new RecordError(
        cursor.row,
        cursor.line,
        `: ${error.message}`,
        'The file must be CSV as RFC 4180 defines it.',
      );
    }
    throw error;
  }
  return { rows: cursor.row, lines: cursor.line - range.line };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
