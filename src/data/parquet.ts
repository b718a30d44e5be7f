/**
 * Parquet holdouts, read column by column with hyparquet (pure JavaScript). Values arrive as
 * typed or plain arrays per row range and go through the same column sinks as CSV cells, so
 * types, missing cells and errors behave the same in both formats.
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import {
  type AsyncBuffer,
  type FileMetaData,
  type ParquetScan,
  parquetMetadataAsync,
  parquetScan,
  parquetSchema,
} from 'hyparquet';
import { InputError } from '../domain/errors.js';
import { suggest } from '../domain/text.js';
import { hashFile, openInput } from './file-input.js';
import { CellError, type CellSink, makeSink, storageFor } from './sinks.js';
import type { Column, ColumnRequest, ReadOptions, Table } from './table.js';
import { refuseLfsPointer } from './text-encoding.js';

export interface ParquetRead {
  readonly table: Table;
  readonly sha256: string;
  readonly bytes: number;
}

function fileBuffer(fd: number, size: number): AsyncBuffer {
  return {
    byteLength: size,
    slice(start: number, end = size): ArrayBuffer {
      const out = new Uint8Array(end - start);
      let done = 0;
      while (done < out.length) {
        const n = readSync(fd, out, done, out.length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return out.buffer;
    },
  };
}

function deliver(sink: CellSink, value: unknown, row: number): void {
  if (value === null || value === undefined) sink.text('', row);
  else if (typeof value === 'number') {
    if (sink.kind === 'number') sink.number(value, row);
    else sink.text(String(value), row);
  } else if (typeof value === 'bigint') {
    if (sink.kind === 'number') sink.number(Number(value), row);
    else sink.text(String(value), row);
  } else if (typeof value === 'boolean') sink.text(value ? 'true' : 'false', row);
  else if (value instanceof Date) sink.text(value.toISOString(), row);
  else sink.text(String(value), row);
}

/** Every row range of one column into its sink; an `auto` sink that gives up stops it early. */
async function fill(scan: ParquetScan, column: string, sink: CellSink): Promise<void> {
  for (const range of scan.ranges) {
    const data = await scan.readColumn({ column, rowStart: range.rowStart, rowEnd: range.rowEnd });
    for (let i = 0; i < data.length; i++) deliver(sink, data[i], range.rowStart + i);
    if (sink.gaveUp) return;
  }
}

export async function readParquet(
  path: string,
  options: ReadOptions & { role?: string } = {},
): Promise<ParquetRead> {
  const role = options.role ?? 'file';
  const at = (detail: string) => `${role} '${path}': ${detail}`;
  const fd = openInput(path, role);
  const sha256 = hashFile(path);
  sha256.catch(() => undefined);
  try {
    const size = fstatSync(fd).size;
    const file = fileBuffer(fd, size);
    refuseLfsPointer(
      new Uint8Array(file.slice(0, Math.min(size, 128)) as ArrayBuffer),
      `${role} '${path}'`,
    );
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (error) {
      throw new InputError(at(`not a readable Parquet file (${(error as Error).message})`));
    }
    const header = parquetSchema(metadata).children.map((c) => c.element.name);
    const rows = Number(metadata.num_rows);
    const requests: readonly ColumnRequest[] =
      options.columns ?? header.map((name) => ({ name, type: 'auto' as const }));
    const columns = new Map<string, Column>();
    const prepared = await parquetScan({
      file,
      metadata,
      columns: requests.filter((r) => header.includes(r.name)).map((r) => r.name),
    }).catch((error: Error) => {
      throw new InputError(at(`cannot be scanned (${error.message})`));
    });
    const pending: ColumnRequest[] = [];
    for (const request of requests) {
      if (!header.includes(request.name) && request.optional) continue;
      if (!header.includes(request.name)) {
        throw new InputError(
          at(
            `there is no column '${request.name}'${request.purpose ? ` (${request.purpose})` : ''}`,
          ),
          suggest(request.name, header),
        );
      }
      let sink = makeSink(
        request.name,
        request.type,
        storageFor(request.type, rows, false),
        request.purpose,
      );
      try {
        await fill(prepared, request.name, sink);
        if (sink.gaveUp) {
          // Text in an `auto` column: read it again as categories.
          sink = makeSink(
            request.name,
            'string',
            storageFor('string', rows, false),
            request.purpose,
          );
          await fill(prepared, request.name, sink);
        }
      } catch (error) {
        if (error instanceof CellError) {
          throw new InputError(
            at(
              `row ${error.row + 1}, column '${error.column}': '${error.cell}' is not ${error.expected}`,
            ),
          );
        }
        throw error;
      }
      columns.set(request.name, sink.finish(rows));
      pending.push(request);
      options.onProgress?.(pending.length, requests.length);
    }
    const ordered = new Map<string, Column>();
    for (const name of header) {
      const column = columns.get(name);
      if (column) ordered.set(name, column);
    }
    return { table: { rows, header, columns: ordered }, sha256: await sha256, bytes: size };
  } finally {
    closeSync(fd);
  }
}
