/**
 * The same holdout in other clothes gives the same metrics: RFC 4180 with every field quoted,
 * CRLF line ends, a byte-order mark and the columns reversed; and Parquet.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/app/evaluate.js';
import { silentProgress } from '../../src/app/progress.js';
import { hostileCsv, readSimpleCsv } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const deps = { progress: silentProgress, now: () => performance.now(), toolVersion: 'test' };
const tmp = tempDir();

const CASES = [
  ['classification_telco_churn', 'candidate', 'Churn'],
  ['regression_california_housing', 'candidate', 'median_house_value'],
] as const;

function parquet(header: string[], rows: string[][]): Uint8Array {
  const columnData = header.map((name, j) => {
    const cells = rows.map((r) => r[j] as string);
    const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
    return numeric
      ? { name, data: Float64Array.from(cells, Number), type: 'DOUBLE' as const }
      : { name, data: cells, type: 'STRING' as const };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 1000 }));
}

describe.each(CASES)('%s %s', (task, model, label) => {
  const path = `fixtures/${task}/holdout.csv`;
  const { header, rows } = readSimpleCsv(path);
  const request = {
    model: `fixtures/${task}/${model}.onnx`,
    label,
    threshold: 0.5,
    threads: 2,
    missing: 'allow' as const,
  };

  it('quoted, CRLF, BOM, reordered CSV and Parquet give identical metrics', async () => {
    const plain = (await evaluate({ ...request, data: path }, deps)).report;
    const quoted = (
      await evaluate({ ...request, data: tmp.write(`${task}.csv`, hostileCsv(header, rows)) }, deps)
    ).report;
    const pq = (
      await evaluate(
        { ...request, data: tmp.write(`${task}.parquet`, parquet(header, rows)) },
        deps,
      )
    ).report;
    expect(quoted.metrics).toEqual(plain.metrics);
    expect(pq.metrics).toEqual(plain.metrics);
    expect(pq.data.format).toBe('parquet');
    expect(pq.rows).toBe(plain.rows);
  });
});
