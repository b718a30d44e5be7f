/**
 * The fast lane of the CSV reader: records with no quoted field, inside the part of the buffer
 * that ends with a line break (so no record is cut off). Each numeric field is parsed and
 * delimited in one pass over its bytes. Anything unusual — a quote, a blank line, a wrong
 * number of fields, a cell that is not a plain number — hands the record back to the general
 * tokenizer, which re-reads it from its start (sinks store by row, so re-delivery is harmless).
 */
import type { CellSink } from '../sinks.js';
import { fastStatus, LONG_NUMBER, parseNumberPrefix, prefixEnd } from './number.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface RecordCursor {
  row: number;
  line: number;
}

/**
 * Reads records from `pos` while they end before `safeEnd` (just after a line feed). Returns the
 * position of the first record it did not take.
 */
export function readSimpleRecords(
  buf: Buffer,
  pos: number,
  safeEnd: number,
  sinks: readonly (CellSink | null)[],
  stops: Uint8Array,
  delimiter: number,
  capacity: number,
  cursor: RecordCursor,
): number {
  const ncols = sinks.length;
  const last = ncols - 1;
  while (pos < safeEnd && cursor.row < capacity) {
    let p = pos;
    const first = buf[p] as number;
    if (first === LF || first === CR) return pos;
    const row = cursor.row;
    let c = 0;
    for (; c < ncols; c++) {
      if (buf[p] === QUOTE) return pos;
      const sink = sinks[c] as CellSink | null;
      const start = p;
      if (sink !== null && sink.kind === 'number' && !sink.gaveUp) {
        const value = parseNumberPrefix(buf, p, safeEnd);
        const end = prefixEnd;
        if (end > p && stops[buf[end] as number] === 1) {
          if (!Number.isNaN(value)) sink.number(value, row);
          else if (fastStatus === LONG_NUMBER)
            sink.number(Number(buf.toString('latin1', p, end)), row);
          else sink.bytes(buf, p, end, row);
          p = end;
        } else {
          while (stops[buf[p] as number] === 0) p++;
          sink.bytes(buf, start, p, row);
        }
      } else {
        while (stops[buf[p] as number] === 0) p++;
        if (sink !== null) sink.bytes(buf, start, p, row);
      }
      const b = buf[p] as number;
      if (c < last) {
        if (b !== delimiter) return pos;
        p++;
      } else if (b === LF) p++;
      else if (b === CR) p += buf[p + 1] === LF ? 2 : 1;
      else return pos;
    }
    cursor.row++;
    cursor.line++;
    pos = p;
  }
  return pos;
}
