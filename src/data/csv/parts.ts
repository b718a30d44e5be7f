/**
 * A CSV body read on several threads. When the body holds no quote byte, every line feed ends a
 * record, so the body is cut into parts just after line feeds. Each part's rows are given a
 * block of the columns' storage (memory the threads share) from the line ends before it; this
 * thread reads the first part, worker threads the others, each with sinks of its own over its
 * block. Then, in file order, each part's rows are moved down to follow the rows before them
 * (blank lines leave gaps), its category codes are renumbered into the first part's levels
 * (new levels in order of first appearance), and an `auto` column that met text in any part is
 * given up (the reader reads it again as text). A bad record is placed in the file by the rows
 * and lines of the parts before it. The result is the single-threaded read, value for value.
 */
import { closeSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { openInput } from '../file-input.js';
import { type CellSink, makeSink, type SinkPart, type Storage, storageFor } from '../sinks.js';
import type { ColumnRequest } from '../table.js';
import { type BodyRead, parseBody, RecordError } from './body.js';

/** A part smaller than this is not worth a worker's start-up (about 0.1 s of parsing). */
export const MIN_PART_BYTES = 16 << 20;
/** Past a few threads the reads contend for memory bandwidth more than they gain. */
export const MAX_PARTS = 8;

/** A file column to read, by its index in the header. */
export interface IndexedRequest {
  readonly index: number;
  readonly request: ColumnRequest;
}

/** A part of the body: its bytes, and the line ends in them (a bound on its rows). */
export interface Part {
  readonly start: number;
  readonly end: number;
  readonly lineEnds: number;
}

/**
 * One sink per file column (null for a column not read) over storage for `capacity` rows,
 * shared between threads when `shared`.
 */
export function sinksFor(
  ncols: number,
  columns: readonly IndexedRequest[],
  capacity: number,
  shared: boolean,
): (CellSink | null)[] {
  const sinks = new Array<CellSink | null>(ncols).fill(null);
  for (const { index, request } of columns) {
    const storage = storageFor(request.type, capacity, shared);
    sinks[index] = makeSink(request.name, request.type, storage, request.purpose);
  }
  return sinks;
}

/** What a worker is sent: its part of the file, and the columns with its block of their storage. */
export interface PartRequest {
  readonly kind: 'csv-part';
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly delimiter: number;
  readonly ncols: number;
  readonly columns: readonly IndexedRequest[];
  /** The columns' shared storage, aligned with `columns`. */
  readonly storage: readonly Storage[];
  /** The part's block of rows: [from, from + capacity). */
  readonly from: number;
  readonly capacity: number;
}

/** A worker's part: what its sinks hold (aligned with the request's columns), or its bad record. */
export type PartResult =
  | {
      readonly ok: true;
      readonly rows: number;
      readonly lines: number;
      readonly sinks: readonly SinkPart[];
    }
  | {
      readonly ok: false;
      readonly row: number;
      readonly line: number;
      readonly detail: string;
      readonly hint: string;
    };

/**
 * Offsets that cut bytes [start, end) just after line feeds into at most `parts` parts of about
 * equal size, none under `minPart` bytes: [start, cut1, ..., end].
 */
export function planCuts(
  fd: number,
  start: number,
  end: number,
  parts: number,
  minPart = MIN_PART_BYTES,
): number[] {
  const want = Math.max(
    1,
    Math.min(parts, MAX_PARTS, Math.floor((end - start) / Math.max(1, minPart))),
  );
  const cuts = [start];
  const window = Buffer.allocUnsafe(1 << 16);
  for (let k = 1; k < want; k++) {
    let at = Math.max(start + Math.floor(((end - start) * k) / want), cuts.at(-1) as number);
    let cut = -1;
    while (cut === -1 && at < end) {
      const n = readSync(fd, window, 0, Math.min(window.length, end - at), at);
      if (n === 0) break;
      const lf = window.subarray(0, n).indexOf(10);
      if (lf !== -1) cut = at + lf + 1;
      else at += n;
    }
    if (cut === -1 || cut >= end) break;
    cuts.push(cut);
  }
  cuts.push(end);
  return cuts;
}

/** The worker's side: reads one part through sinks over its block of the shared storage. */
export function readPart(request: PartRequest): PartResult {
  const { from, capacity } = request;
  const sinks = new Array<CellSink | null>(request.ncols).fill(null);
  request.columns.forEach(({ index, request: column }, i) => {
    const block = (request.storage[i] as Storage).subarray(from, from + capacity);
    sinks[index] = makeSink(column.name, column.type, block, column.purpose);
  });
  const fd = openInput(request.path, 'file');
  try {
    const range = { start: request.start, end: request.end, line: 1 };
    const read = parseBody(fd, range, sinks, capacity, request.delimiter);
    const parts = request.columns.map(({ index }) => (sinks[index] as CellSink).part());
    return { ok: true, rows: read.rows, lines: read.lines, sinks: parts };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    const { row, line, detail, hint } = error;
    return { ok: false, row, line, detail, hint };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the body's parts into `sinks` (over shared storage for all of them): the first on this
 * thread, the others on workers. Rows count from the body's first; a bad record throws
 * RecordError with its row in the body and its line in the file.
 */
export async function readParts(
  fd: number,
  path: string,
  parts: readonly Part[],
  firstLine: number,
  sinks: readonly (CellSink | null)[],
  columns: readonly IndexedRequest[],
  delimiter: number,
  worker: URL,
  onBytes?: (offset: number) => void,
): Promise<BodyRead> {
  const storage = columns.map(({ index }) => (sinks[index] as CellSink).storage);
  // Each part's block starts after the line ends of the parts before it.
  const from: number[] = [];
  let next = 0;
  for (const part of parts) {
    from.push(next);
    next += part.lineEnds;
  }
  const workers = parts.slice(1).map((part, i) => {
    const k = i + 1;
    const last = k === parts.length - 1;
    const request: PartRequest = {
      kind: 'csv-part',
      path,
      start: part.start,
      end: part.end,
      delimiter,
      ncols: sinks.length,
      columns,
      storage,
      from: from[k] as number,
      // The last part may end without a line end.
      capacity: part.lineEnds + (last ? 1 : 0),
    };
    return new Worker(worker, { workerData: request });
  });
  const pending = Promise.allSettled(workers.map(outcome));
  const own = parts[0] as Part;
  let read: BodyRead;
  try {
    const range = { start: own.start, end: own.end, line: firstLine };
    read = parseBody(fd, range, sinks, own.lineEnds, delimiter, onBytes);
  } catch (error) {
    for (const w of workers) void w.terminate();
    throw error;
  }
  let rows = read.rows;
  let lines = read.lines;
  const settled = await pending;
  for (let k = 1; k < parts.length; k++) {
    const result = settled[k - 1] as PromiseSettledResult<PartResult>;
    if (result.status === 'rejected') throw result.reason;
    const part = result.value;
    if (!part.ok) {
      throw new RecordError(
        part.row + rows,
        part.line - 1 + firstLine + lines,
        part.detail,
        part.hint,
      );
    }
    columns.forEach(({ index }, i) => {
      const sink = sinks[index] as CellSink;
      sink.absorb(part.sinks[i] as SinkPart, from[k] as number, rows, part.rows);
    });
    rows += part.rows;
    lines += part.lines;
  }
  return { rows, lines };
}

function outcome(worker: Worker): Promise<PartResult> {
  return new Promise((resolve, reject) => {
    let result: PartResult | null = null;
    worker.once('message', (message: PartResult) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== null) resolve(result);
      else reject(new Error(`bug: a CSV reading worker exited with code ${code} and no result`));
    });
  });
}
