/**
 * The file `model-gate predict` writes, one per shard: for each holdout row it scored, the row's
 * number in the holdout (1-based), its id when asked, the model's raw output, and — the same in
 * every row, so that any format carries them and shards can be checked against each other — the
 * model's sha256, the holdout's sha256, the output's name and what the model's graph says the
 * output is. Parquet (by the .parquet extension) or CSV.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
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

function csv(file: PredictFile): string {
  const names = [
    PREDICT_COLUMNS.row,
    ...(file.id ? [file.id.name] : []),
    ...scoreColumns(file.width),
    PREDICT_COLUMNS.model,
    PREDICT_COLUMNS.holdout,
    PREDICT_COLUMNS.output,
    PREDICT_COLUMNS.reads,
  ];
  const constant = [file.modelSha256, file.holdoutSha256, file.output, file.reads].map(csvCell);
  const lines = [names.map(csvCell).join(',')];
  for (let i = 0; i < file.rows.length; i++) {
    const cells = [String(file.rows[i])];
    if (file.id) cells.push(csvCell(file.id.values[i] ?? null));
    // String(Number(x)) is the shortest spelling that reads back as the same double.
    for (let j = 0; j < file.width; j++) cells.push(String(file.scores[i * file.width + j]));
    lines.push([...cells, ...constant].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function parquet(file: PredictFile): ArrayBuffer {
  const n = file.rows.length;
  const constant = (value: string) => new Array<string>(n).fill(value);
  const columns: { name: string; data: unknown[] | Float64Array | Int32Array; type: string }[] = [
    { name: PREDICT_COLUMNS.row, data: Array.from(file.rows), type: 'INT32' },
  ];
  if (file.id) {
    const numeric = file.id.values.every((v) => v === null || typeof v === 'number');
    columns.push({
      name: file.id.name,
      data: file.id.values.map((v) => (v === null ? null : numeric ? v : String(v))),
      type: numeric ? 'DOUBLE' : 'STRING',
    });
  }
  scoreColumns(file.width).forEach((name, j) => {
    const data = new Array<number>(n);
    for (let i = 0; i < n; i++) data[i] = file.scores[i * file.width + j] as number;
    columns.push({ name, data, type: 'DOUBLE' });
  });
  columns.push(
    { name: PREDICT_COLUMNS.model, data: constant(file.modelSha256), type: 'STRING' },
    { name: PREDICT_COLUMNS.holdout, data: constant(file.holdoutSha256), type: 'STRING' },
    { name: PREDICT_COLUMNS.output, data: constant(file.output), type: 'STRING' },
    { name: PREDICT_COLUMNS.reads, data: constant(file.reads), type: 'STRING' },
  );
  return parquetWriteBuffer({
    columnData: columns as Parameters<typeof parquetWriteBuffer>[0]['columnData'],
  });
}

/** Writes `file` to `path` as Parquet (.parquet, .pq) or CSV (anything else). */
export function writePredictFile(path: string, file: PredictFile, flag: string): void {
  const ext = extname(path).toLowerCase();
  const bytes = ext === '.parquet' || ext === '.pq' ? Buffer.from(parquet(file)) : csv(file);
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new InputError(
      `${flag} '${path}' cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check the folder exists and is writable.',
    );
  }
}
