/**
 * The file `model-gate predict` writes, one per shard: for each holdout row it scored, the row's
 * number in the holdout (1-based), its id when asked, the model's raw output, and — the same in
 * every row, so that any format carries them and shards can be checked against each other — the
 * model's sha256, the holdout's sha256, the output's name and what the model's graph says the
 * output is. Parquet (by the .parquet extension) or CSV.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { InputError } from '../domain/errors.js';

export const PREDICT_COLUMNS = {
  row: 'row',
  model: 'model_sha256',
  holdout: 'holdout_sha256',
  output: 'output',
  reads: 'score_reads',
} as const;

/** `score` for one value per row, else `score_0` … `score_{C-1}`. */
export function scoreColumns(width: number): string[] {
  return width === 1 ? ['score'] : Array.from({ length: width }, (_, j) => `score_${j}`);
}

export interface PredictFile {
  /** 1-based holdout row numbers. */
  readonly rows: Int32Array;
  readonly id: {
    readonly name: string;
    readonly values: readonly (string | number | null)[];
  } | null;
  readonly scores: Float32Array | Float64Array;
  readonly width: number;
  readonly modelSha256: string;
  readonly holdoutSha256: string;
  readonly output: string;
  /** 'probability', 'logit' or '' (the graph does not say). */
  readonly reads: string;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows written per chunk: memory stays bounded by a chunk, whatever the file's size. */
const CHUNK = 65_536;

function columnNames(file: PredictFile): string[] {
  return [
    PREDICT_COLUMNS.row,
    ...(file.id ? [file.id.name] : []),
    ...scoreColumns(file.width),
    PREDICT_COLUMNS.model,
    PREDICT_COLUMNS.holdout,
    PREDICT_COLUMNS.output,
    PREDICT_COLUMNS.reads,
  ];
}

function writeCsv(fd: number, file: PredictFile): void {
  const constant = [file.modelSha256, file.holdoutSha256, file.output, file.reads]
    .map(csvCell)
    .join(',');
  writeSync(fd, `${columnNames(file).map(csvCell).join(',')}\n`);
  for (let start = 0; start < file.rows.length; start += CHUNK) {
    const end = Math.min(file.rows.length, start + CHUNK);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      let line = String(file.rows[i]);
      if (file.id) line += `,${csvCell(file.id.values[i] ?? null)}`;
      // String(Number(x)) is the shortest spelling that reads back as the same double.
      for (let j = 0; j < file.width; j++) line += `,${file.scores[i * file.width + j]}`;
      lines.push(`${line},${constant}`);
    }
    writeSync(fd, `${lines.join('\n')}\n`);
  }
}

interface Chunk {
  readonly name: string;
  readonly data: unknown[];
  readonly type: 'INT32' | 'DOUBLE' | 'STRING';
}

function parquetChunk(file: PredictFile, start: number, end: number, idNumeric: boolean): Chunk[] {
  const n = end - start;
  const constant = (value: string) => new Array<string>(n).fill(value);
  const chunk: Chunk[] = [
    { name: PREDICT_COLUMNS.row, data: Array.from(file.rows.subarray(start, end)), type: 'INT32' },
  ];
  if (file.id) {
    chunk.push({
      name: file.id.name,
      data: file.id.values.slice(start, end).map((v) => (v === null || idNumeric ? v : String(v))),
      type: idNumeric ? 'DOUBLE' : 'STRING',
    });
  }
  scoreColumns(file.width).forEach((name, j) => {
    const data = new Array<number>(n);
    for (let i = 0; i < n; i++) data[i] = file.scores[(start + i) * file.width + j] as number;
    chunk.push({ name, data, type: 'DOUBLE' });
  });
  chunk.push(
    { name: PREDICT_COLUMNS.model, data: constant(file.modelSha256), type: 'STRING' },
    { name: PREDICT_COLUMNS.holdout, data: constant(file.holdoutSha256), type: 'STRING' },
    { name: PREDICT_COLUMNS.output, data: constant(file.output), type: 'STRING' },
    { name: PREDICT_COLUMNS.reads, data: constant(file.reads), type: 'STRING' },
  );
  return chunk;
}

/** One row group per chunk, written as it is made. */
function writeParquet(path: string, file: PredictFile): void {
  // One type for the id in every row group: numbers only when every id is one.
  const idNumeric = file.id?.values.every((v) => v === null || typeof v === 'number') ?? false;
  const first = parquetChunk(file, 0, Math.min(file.rows.length, CHUNK), idNumeric);
  const schema = schemaFromColumnData({
    columnData: first as Parameters<typeof schemaFromColumnData>[0]['columnData'],
  });
  const writer = new ParquetWriter({ writer: fileWriter(path), schema });
  for (let start = 0; start < file.rows.length || start === 0; start += CHUNK) {
    const end = Math.min(file.rows.length, start + CHUNK);
    const chunk = start === 0 ? first : parquetChunk(file, start, end, idNumeric);
    writer.write({
      columnData: chunk.map(({ name, data }) => ({ name, data })),
      rowGroupSize: CHUNK,
    });
    if (file.rows.length === 0) break;
  }
  writer.finish();
}

/** Writes `file` to `path` as Parquet (.parquet, .pq) or CSV (anything else). */
export function writePredictFile(path: string, file: PredictFile, flag: string): void {
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.parquet' || ext === '.pq') writeParquet(path, file);
    else {
      const fd = openSync(path, 'w');
      try {
        writeCsv(fd, file);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(
      `${flag} '${path}' cannot be written: ${code}`,
      'Check the folder exists and is writable.',
    );
  }
}
