/**
 * Splits one RFC 4180 record out of a byte buffer: fields separated by the delimiter, records
 * by LF or CRLF (a lone CR too), fields optionally quoted with `"` and `""` inside for a quote;
 * quoted fields may hold delimiters and line breaks. The tokenizer only records where each
 * field lies, so nothing reaches a column until the whole record is in the buffer.
 */
import { lostBytes } from '../text-encoding.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The buffer ended inside the record: refill and call again from the same position. */
export const INCOMPLETE = -1;
/** No record left: the buffer is exhausted at end of file. */
export const END = -2;

export class CsvSyntaxError extends Error {}

export class RecordTokenizer {
  /** Fields in the last record. */
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 for a quoted field, whose unescaped text is in `texts`; 0 for one read from the bytes. */
  quoted = new Uint8Array(64);
  texts: string[] = [];
  /** Line breaks inside quoted fields of the last record. */
  newlines = 0;

  /** 1 for the bytes that end an unquoted field: the delimiter, LF and CR. */
  private readonly stops = new Uint8Array(256);

  constructor(private readonly delimiter: number) {
    this.stops[delimiter] = 1;
    this.stops[LF] = 1;
    this.stops[CR] = 1;
  }

  /** Whether the last record is an empty line. */
  get blank(): boolean {
    return this.count === 1 && this.quoted[0] === 0 && this.starts[0] === this.ends[0];
  }

  /**
   * Tokenizes the record at `pos`. Returns the position just after its line end, INCOMPLETE
   * when the buffer ends first (and more bytes may come), or END at end of input.
   */
  next(buf: Buffer, pos: number, len: number, eof: boolean): number {
    const delimiter = this.delimiter;
    this.count = 0;
    this.newlines = 0;
    let p = pos;
    if (p >= len) return eof ? END : INCOMPLETE;
    for (;;) {
      if (p >= len) {
        // A record ending in a delimiter at end of file: one more, empty field.
        if (!eof) return INCOMPLETE;
        this.push(p, p, null);
        return p;
      }
      let b = buf[p] as number;
      if (b === QUOTE) {
        const fieldStart = p;
        let text = '';
        let segment = p + 1;
        let q = segment;
        for (;;) {
          const close = buf.indexOf(QUOTE, q);
          if (close === -1 || close >= len) {
            if (!eof) return INCOMPLETE;
            throw new CsvSyntaxError('a quoted field is never closed');
          }
          if (close + 1 >= len && !eof) return INCOMPLETE;
          if (buf[close + 1] === QUOTE) {
            text += buf.toString('utf8', segment, close + 1);
            q = close + 2;
            segment = q;
            continue;
          }
          text += buf.toString('utf8', segment, close);
          p = close + 1;
          break;
        }
        if (lostBytes(text, buf.subarray(fieldStart + 1, p - 1))) {
          throw new CsvSyntaxError(
            'a quoted field holds bytes that are not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8',
          );
        }
        for (let n = buf.indexOf(LF, fieldStart); n !== -1 && n < p; n = buf.indexOf(LF, n + 1)) {
          this.newlines++;
        }
        this.push(fieldStart, p, text);
        if (p >= len) return p; // eof here, or we would have returned INCOMPLETE above
        b = buf[p] as number;
        if (b === delimiter) {
          p++;
          continue;
        }
        if (b === LF) return p + 1;
        if (b === CR) {
          if (p + 1 >= len && !eof) return INCOMPLETE;
          return buf[p + 1] === LF ? p + 2 : p + 1;
        }
        throw new CsvSyntaxError(
          `a quoted field is followed by '${String.fromCharCode(b)}' instead of a delimiter or line end`,
        );
      }
      const start = p;
      const stops = this.stops;
      while (p < len && stops[buf[p] as number] === 0) p++;
      if (p < len) b = buf[p] as number;
      if (p >= len && !eof) return INCOMPLETE;
      this.push(start, p, null);
      if (p >= len) return p;
      if (b === delimiter) {
        p++;
        continue;
      }
      if (b === LF) return p + 1;
      if (p + 1 >= len && !eof) return INCOMPLETE;
      return buf[p + 1] === LF ? p + 2 : p + 1;
    }
  }

  private push(start: number, end: number, text: string | null): void {
    const i = this.count++;
    if (i >= this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
      const quoted = new Uint8Array(this.quoted.length * 2);
      quoted.set(this.quoted);
      this.quoted = quoted;
    }
    this.starts[i] = start;
    this.ends[i] = end;
    if (text === null) this.quoted[i] = 0;
    else {
      this.quoted[i] = 1;
      this.texts[i] = text;
    }
  }
}
