/**
 * One entry point for holdout and reference files: CSV (or TSV) and Parquet, chosen by the
 * file's extension or, failing that, its first bytes.
 */
import { closeSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { readCsv } from './csv/reader.js';
import { openInput } from './file-input.js';
import { readParquet } from './parquet.js';
import type { ReadOptions, Table } from './table.js';

export type TableFormat = 'csv' | 'tsv' | 'parquet';

export interface TableRead {
  readonly table: Table;
  readonly path: string;
  readonly format: TableFormat;
  readonly sha256: string;
  readonly bytes: number;
}

export function detectFormat(path: string, role: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.csv') return 'csv';
  const fd = openInput(path, role);
  try {
    const magic = Buffer.alloc(4);
    readSync(fd, magic, 0, 4, 0);
    return magic.toString('latin1') === 'PAR1' ? 'parquet' : 'csv';
  } finally {
    closeSync(fd);
  }
}

export async function readTable(
  path: string,
  options: ReadOptions & { role?: string } = {},
): Promise<TableRead> {
  const role = options.role ?? 'file';
  const format = detectFormat(path, role);
  const read =
    format === 'parquet'
      ? await readParquet(path, options)
      : await readCsv(path, { ...options, delimiter: format === 'tsv' ? '\t' : ',' });
  return { ...read, path, format };
}
