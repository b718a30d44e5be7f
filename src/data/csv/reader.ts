/**
 * Streaming CSV reader: reads the file in chunks, tokenizes records and writes each requested
 * cell straight into its column's typed array. A first pass counts line ends so the columns
 * are allocated once, at their final size; a worker thread hashes the file meanwhile.
 */
import { closeSync, readSync } from 'node:fs';
import { InputError } from '../../domain/errors.js';
import { suggest } from '../../domain/text.js';
import { countLineEnds, hashFile, openInput } from '../file-input.js';
import { CellError, type CellSink, makeSink, NotUtf8Error } from '../sinks.js';
import type { Column, ColumnRequest, ReadOptions, Table } from '../table.js';
import { lostBytes, NOT_UTF8_HINT, refuseSniffed } from '../text-encoding.js';
import { type RecordCursor, readSimpleRecords } from './simple-records.js';
import { CsvSyntaxError, END, INCOMPLETE, RecordTokenizer } from './tokenizer.js';

const CHUNK = 1 << 20;

export interface CsvRead {
  readonly table: Table;
  readonly sha256: string;
  readonly bytes: number;
}

export interface CsvOptions extends ReadOptions {
  readonly role?: string;
  readonly delimiter?: string;
}

/** A chunked view of an open file with the unconsumed tail kept at the front. */
class ChunkReader {
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
    const n = readSync(this.fd, this.buf, this.len, this.buf.length - this.len, this.offset);
    this.offset += n;
    this.len += n;
    if (n === 0) this.eof = true;
  }
}

export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvRead> {
  const role = options.role ?? 'file';
  const fd = openInput(path, role);
  const sha256 = hashFile(path);
  // Settle the hash even when parsing throws, so its rejection is never left unhandled.
  sha256.catch(() => undefined);
  try {
    const scan = countLineEnds(fd);
    const delimiter = (options.delimiter ?? ',').charCodeAt(0);
    const at = (detail: string) => `${role} '${path}': ${detail}`;
    const header = readHeader(fd, delimiter, at);
    const requests =
      options.columns ?? header.names.map((name) => ({ name, type: 'auto' as const }));
    const capacity = scan.lineEnds + 1;
    const columns = new Map<string, Column>();
    let rows = parseBody(
      fd,
      header,
      requests,
      capacity,
      delimiter,
      at,
      options,
      scan.bytes,
      columns,
    );
    const retry = requests.filter((r) => !columns.has(r.name) && header.names.includes(r.name));
    if (retry.length > 0) {
      // `auto` columns that met text: read them again, as categories.
      const asText = retry.map((r) => ({ ...r, type: 'string' as const }));
      rows = parseBody(fd, header, asText, capacity, delimiter, at, {}, scan.bytes, columns);
    }
    const ordered = new Map<string, Column>();
    for (const name of header.names) {
      const column = columns.get(name);
      if (column) ordered.set(name, column);
    }
    return {
      table: { rows, header: header.names, columns: ordered },
      sha256: await sha256,
      bytes: scan.bytes,
    };
  } finally {
    closeSync(fd);
  }
}

interface Header {
  readonly names: string[];
  /** Byte offset of the first data record, and its line number. */
  readonly bodyOffset: number;
  readonly bodyLine: number;
}

function readHeader(fd: number, delimiter: number, at: (d: string) => string): Header {
  const reader = new ChunkReader(fd);
  const tokens = new RecordTokenizer(delimiter);
  reader.fill();
  refuseSniffed(reader.buf.subarray(0, reader.len), at('').replace(/: $/, ''));
  const bom = reader.buf[0] === 0xef && reader.buf[1] === 0xbb && reader.buf[2] === 0xbf;
  if (bom) reader.pos = 3;
  let end: number;
  try {
    for (;;) {
      end = tokens.next(reader.buf, reader.pos, reader.len, reader.eof);
      if (end === INCOMPLETE) reader.fill();
      else if (end === END)
        throw new InputError(at('the file is empty; it needs a header row and data rows'));
      else if (tokens.blank) reader.pos = end;
      else break;
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InputError(at(`the header row is malformed: ${error.message}`));
    throw error;
  }
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.count; i++) {
    const text =
      tokens.quoted[i] === 1
        ? (tokens.texts[i] as string)
        : reader.buf.toString('utf8', tokens.starts[i], tokens.ends[i]);
    if (lostBytes(text, reader.buf.subarray(tokens.starts[i], tokens.ends[i]))) {
      throw new InputError(at(`column ${i + 1} of the header is not UTF-8 text`), NOT_UTF8_HINT);
    }
    // An unnamed column is what pandas writes for a saved index; name it as pandas reads it.
    const name = text === '' ? `Unnamed: ${i}` : text;
    const first = seen.get(name);
    if (first !== undefined) {
      throw new InputError(
        at(`column '${name}' appears twice in the header (columns ${first + 1} and ${i + 1})`),
        'Rename one of them: model-gate matches columns by name.',
      );
    }
    seen.set(name, i);
    names.push(name);
  }
  return { names, bodyOffset: reader.consumed + end, bodyLine: 2 + tokens.newlines };
}

function parseBody(
  fd: number,
  header: Header,
  requests: readonly ColumnRequest[],
  capacity: number,
  delimiter: number,
  at: (d: string) => string,
  options: ReadOptions,
  totalBytes: number,
  out: Map<string, Column>,
): number {
  const ncols = header.names.length;
  const sinks: (CellSink | null)[] = new Array<CellSink | null>(ncols).fill(null);
  for (const request of requests) {
    const index = header.names.indexOf(request.name);
    if (index < 0 && request.optional) continue;
    if (index < 0) {
      throw new InputError(
        at(`there is no column '${request.name}'${request.purpose ? ` (${request.purpose})` : ''}`),
        suggest(request.name, header.names),
      );
    }
    sinks[index] = makeSink(request.name, request.type, capacity, request.purpose);
  }
  const active = sinks.flatMap((sink, index) => (sink ? [index] : []));
  const reader = new ChunkReader(fd, header.bodyOffset);
  const tokens = new RecordTokenizer(delimiter);
  const stops = new Uint8Array(256);
  stops[delimiter] = 1;
  stops[10] = 1;
  stops[13] = 1;
  const cursor: RecordCursor = { row: 0, line: header.bodyLine };
  // The buffer up to here ends with a line feed: no record before it is cut off.
  let safeEnd = 0;
  let recordLine = cursor.line;
  let nextProgress = 1 << 26;
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
        if (options.onProgress && reader.consumed >= nextProgress) {
          options.onProgress(reader.consumed, totalBytes);
          nextProgress = reader.consumed + (1 << 26);
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
        throw new InputError(
          at(
            `row ${row + 1} (line ${recordLine}) has ${tokens.count} fields but the header has ${ncols}`,
          ),
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
      throw new InputError(
        at(
          `row ${error.row + 1} (line ${line}), column '${error.column}': '${truncate(error.cell)}' is not ${error.expected}`,
        ),
        error instanceof NotUtf8Error
          ? NOT_UTF8_HINT
          : 'Fix the cell, or leave it empty to mark it missing.',
      );
    }
    if (error instanceof CsvSyntaxError) {
      throw new InputError(
        at(`row ${cursor.row + 1} (line ${cursor.line}): ${error.message}`),
        'The file must be CSV as RFC 4180 defines it.',
      );
    }
    throw error;
  }
  if (options.onProgress) options.onProgress(totalBytes, totalBytes);
  for (const c of active) {
    const sink = sinks[c] as CellSink;
    if (!sink.gaveUp) out.set(sink.name, sink.finish(cursor.row));
  }
  return cursor.row;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
