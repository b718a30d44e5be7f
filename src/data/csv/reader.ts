/**
 * Streaming CSV reader: reads the file in chunks, tokenizes records and writes each requested
 * cell straight into its column's typed array (body.ts). A first pass counts line ends so the
 * columns are allocated once, at their final size; a worker thread hashes the file meanwhile.
 * A large body with no quote byte is read on several threads (parts.ts).
 */
import { closeSync, fstatSync } from 'node:fs';
import { InputError } from '../../domain/errors.js';
import { suggest } from '../../domain/text.js';
import { countLineEnds, hashFile, openInput } from '../file-input.js';
import type { Column, ColumnRequest, ParallelRead, ReadOptions, Table } from '../table.js';
import { lostBytes, NOT_UTF8_HINT, refuseSniffed } from '../text-encoding.js';
import { type BodyRead, ChunkReader, parseBody, RecordError } from './body.js';
import { type IndexedRequest, type Part, planCuts, readParts, sinksFor } from './parts.js';
import { CsvSyntaxError, END, INCOMPLETE, RecordTokenizer } from './tokenizer.js';

export interface CsvRead {
  readonly table: Table;
  readonly sha256: string;
  readonly bytes: number;
}

export interface CsvOptions extends ReadOptions {
  readonly role?: string;
  readonly delimiter?: string;
}

export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvRead> {
  const role = options.role ?? 'file';
  const fd = openInput(path, role);
  const sha256 = hashFile(path);
  // Settle the hash even when parsing throws, so its rejection is never left unhandled.
  sha256.catch(() => undefined);
  try {
    const delimiter = (options.delimiter ?? ',').charCodeAt(0);
    const at = (detail: string) => `${role} '${path}': ${detail}`;
    const header = readHeader(fd, delimiter, at);
    const requests =
      options.columns ?? header.names.map((name) => ({ name, type: 'auto' as const }));
    const parts = planBody(fd, header.bodyOffset, options.parallel);
    const body: Body = {
      fd,
      path,
      header,
      delimiter,
      parts,
      worker: options.parallel?.worker ?? null,
      onProgress: options.onProgress,
      bytes: (parts.at(-1) as Part).end,
    };
    const columns = new Map<string, Column>();
    let rows = await readBody(body, resolveColumns(header.names, requests, at), at, columns);
    const retry = requests.filter((r) => !columns.has(r.name) && header.names.includes(r.name));
    if (retry.length > 0) {
      // `auto` columns that met text: read them again, as categories.
      const asText = retry.map((r) => ({ ...r, type: 'string' as const }));
      rows = await readBody(
        { ...body, onProgress: undefined },
        resolveColumns(header.names, asText, at),
        at,
        columns,
      );
    }
    const ordered = new Map<string, Column>();
    for (const name of header.names) {
      const column = columns.get(name);
      if (column) ordered.set(name, column);
    }
    return {
      table: { rows, header: header.names, columns: ordered },
      sha256: await sha256,
      bytes: body.bytes,
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

/** The file's body and how to read it. */
interface Body {
  readonly fd: number;
  readonly path: string;
  readonly header: Header;
  readonly delimiter: number;
  /** The body's parts, one per thread; one part when it is read on this thread. */
  readonly parts: readonly Part[];
  readonly worker: URL | null;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** The file's size. */
  readonly bytes: number;
}

/**
 * The body from `start` to the end of the file, cut for `parallel.threads` threads when it is large and
 * holds no quote (a quoted field may hide a line feed inside a record): one pass over it counts
 * each part's line ends, so that columns are allocated once, at their final size.
 */
function planBody(fd: number, start: number, parallel: ParallelRead | undefined): Part[] {
  const size = fstatSync(fd).size;
  const cuts =
    parallel && parallel.threads > 1
      ? planCuts(fd, start, size, parallel.threads, parallel.minPartBytes)
      : [start, size];
  const parts: Part[] = [];
  let quoted = false;
  for (let k = 1; k < cuts.length; k++) {
    // The last part runs to the end of the file, whatever its size was when it was opened.
    const end = k === cuts.length - 1 ? Number.POSITIVE_INFINITY : (cuts[k] as number);
    const scan = countLineEnds(fd, cuts[k - 1] as number, end);
    quoted ||= scan.lastQuote !== -1;
    parts.push({ start: cuts[k - 1] as number, end: scan.bytes, lineEnds: scan.lineEnds });
  }
  if (!quoted || parts.length === 1) return parts;
  const whole = parts.reduce((sum, p) => sum + p.lineEnds, 0);
  return [{ start, end: (parts.at(-1) as Part).end, lineEnds: whole }];
}

/** The requested columns by their place in the header; a missing one is an error naming it. */
function resolveColumns(
  names: readonly string[],
  requests: readonly ColumnRequest[],
  at: (d: string) => string,
): IndexedRequest[] {
  const out: IndexedRequest[] = [];
  for (const request of requests) {
    const index = names.indexOf(request.name);
    if (index < 0 && request.optional) continue;
    if (index < 0) {
      throw new InputError(
        at(`there is no column '${request.name}'${request.purpose ? ` (${request.purpose})` : ''}`),
        suggest(request.name as string, names),
      );
    }
    out.push({ index, request });
  }
  return out;
}

/** Reads the body's records into `out`, one column per request; returns the row count. */
async function readBody(
  body: Body,
  columns: readonly IndexedRequest[],
  at: (d: string) => string,
  out: Map<string, Column>,
): Promise<number> {
  const { fd, header, delimiter, parts, onProgress, bytes } = body;
  const capacity = parts.reduce((sum, p) => sum + p.lineEnds, 0) + 1;
  const parallel = parts.length > 1 && body.worker !== null;
  const sinks = sinksFor(header.names.length, columns, capacity, parallel);
  const first = parts[0] as Part;
  // This thread reads the first part: its share of the body stands for the whole.
  const share = (bytes - header.bodyOffset) / Math.max(1, first.end - first.start);
  const onBytes = onProgress
    ? (offset: number) =>
        onProgress(Math.min(bytes, Math.round((offset - first.start) * share)), bytes)
    : undefined;
  let read: BodyRead;
  try {
    read = parallel
      ? await readParts(
          fd,
          body.path,
          parts,
          header.bodyLine,
          sinks,
          columns,
          delimiter,
          body.worker as URL,
          onBytes,
        )
      : parseBody(
          fd,
          { start: header.bodyOffset, end: bytes, line: header.bodyLine },
          sinks,
          capacity,
          delimiter,
          onBytes,
        );
  } catch (error) {
    if (error instanceof RecordError) throw new InputError(at(error.message), error.hint);
    throw error;
  }
  if (onProgress) onProgress(bytes, bytes);
  for (const { index } of columns) {
    const sink = sinks[index];
    if (sink && !sink.gaveUp) out.set(sink.name, sink.finish(read.rows));
  }
  return read.rows;
}
