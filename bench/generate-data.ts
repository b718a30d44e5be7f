/**
 * Writes the benchmark holdout twice, as CSV and as Parquet, in one pass: rows are drawn a row
 * group (100k rows) at a time into column arrays, which become both CSV text, appended in
 * chunks, and one Parquet row group. Memory stays around one row group (~20 MB) whatever the
 * row count, and both files hold the very same doubles (see `quantize` in synth.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { SchemaElement } from 'hyparquet';
import { type ColumnSource, fileWriter, ParquetWriter } from 'hyparquet-writer';
import { FEATURE_NAMES, FEATURES, LABEL, Rng, SEEDS, sampleRow, spell } from './synth.js';

/** Rows per Parquet row group, and per draw batch. */
export const ROW_GROUP = 100_000;
/** Rows per CSV write: ~2 MB of text, so no 200 MB string is ever built. */
const CSV_CHUNK = 10_000;

/**
 * Float64 features and an INT32 label, all REQUIRED (no nulls, so no definition levels):
 * what pandas' to_parquet writes for float64 columns, except that its int64 label would come
 * back from hyparquet as BigInt; INT32 keeps the label an ordinary number for readers.
 */
function schema(): SchemaElement[] {
  return [
    { name: 'root', num_children: FEATURE_NAMES.length + 1 },
    ...FEATURE_NAMES.map(
      (name): SchemaElement => ({
        name,
        type: 'DOUBLE',
        repetition_type: 'REQUIRED',
      }),
    ),
    { name: LABEL, type: 'INT32', repetition_type: 'REQUIRED' },
  ];
}

function writeCsvRows(fd: number, columns: readonly Float64Array[], labels: Int32Array): void {
  const rows = labels.length;
  const spellings = FEATURES.map((f) => f.spelling);
  for (let start = 0; start < rows; start += CSV_CHUNK) {
    const end = Math.min(rows, start + CSV_CHUNK);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      let line = '';
      for (let j = 0; j < columns.length; j++) {
        const spelling = spellings[j] as (typeof spellings)[number];
        line += `${spell(spelling, (columns[j] as Float64Array)[i] as number)},`;
      }
      lines.push(`${line}${labels[i]}\n`);
    }
    writeSync(fd, lines.join(''));
  }
}

/**
 * Draws `rows` rows from the holdout stream (seeded: the same rows every time) and writes them
 * to `csvPath` (header `f0,...,f19,y`, `\n` line ends, no quoting, no index column, label last,
 * like the fixtures) and `parquetPath` (snappy, row groups of ROW_GROUP rows).
 */
export async function writeHoldout(csvPath: string, parquetPath: string, rows: number) {
  const rng = new Rng(SEEDS.holdout);
  const row = new Float64Array(FEATURE_NAMES.length);
  const fd = openSync(csvPath, 'w');
  const parquet = new ParquetWriter({
    writer: fileWriter(parquetPath),
    schema: schema(),
    createdBy: 'model-gate bench',
  });
  try {
    writeSync(fd, `${[...FEATURE_NAMES, LABEL].join(',')}\n`);
    for (let start = 0; start < rows; start += ROW_GROUP) {
      const n = Math.min(ROW_GROUP, rows - start);
      const columns = FEATURE_NAMES.map(() => new Float64Array(n));
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = sampleRow(rng, row);
        for (let j = 0; j < row.length; j++) (columns[j] as Float64Array)[i] = row[j] as number;
      }
      writeCsvRows(fd, columns, labels);
      const columnData: ColumnSource[] = [
        ...FEATURE_NAMES.map((name, j) => ({ name, data: columns[j] as Float64Array })),
        { name: LABEL, data: labels },
      ];
      await parquet.write({ columnData, rowGroupSize: n });
    }
    await parquet.finish();
  } finally {
    closeSync(fd);
  }
}
