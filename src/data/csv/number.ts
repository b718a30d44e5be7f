/**
 * Decimal text to float64, correctly rounded, straight from the file's bytes.
 *
 * Fast path (Clinger 1990): when the significant digits fit in 15 and the decimal exponent in
 * ±22, both the integer mantissa and the power of ten are exact doubles, so one IEEE
 * multiplication or division rounds correctly — the same double `Number(text)` gives.
 * 16 to 19 digits (what writers of full-precision doubles produce) go through `longDecimal`,
 * which is exact except within 2^-30 ulp of a rounding tie, where it defers to `Number()`.
 * Every other spelling falls back to `Number()` on the text, after a strict grammar check so
 * that hex, `1_000` or an empty cell are not taken for numbers.
 */
import { longDecimal } from './long-decimal.js';

const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

const DIGIT_0 = 48;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Set by `parseNumberFast` when it returns NaN: LONG_NUMBER when the text is a plain decimal
 * number the fast path cannot round (then `Number()` of the text is the answer), NOT_PLAIN when
 * it is something else (a missing marker, `inf`, text: ask `parseNumberText`).
 */
export let fastStatus = 0;
export const LONG_NUMBER = 1;
export const NOT_PLAIN = 2;

/** Where `parseNumberPrefix` stopped: the first byte after the number it read. */
export let prefixEnd = 0;

/** Returns the value, or NaN when the fast path cannot decide (see `fastStatus`). */
export function parseNumberFast(buf: Uint8Array, start: number, end: number): number {
  const value = parseNumberPrefix(buf, start, end);
  if (prefixEnd === end) return value;
  fastStatus = NOT_PLAIN;
  return Number.NaN;
}

/**
 * Reads the plain decimal number that starts at `start` (not past `limit`) and stops at the
 * first byte that cannot continue it, leaving that position in `prefixEnd`: a CSV reader can
 * parse a field and find its end in one pass. NaN, with `fastStatus`, as `parseNumberFast`.
 */
export function parseNumberPrefix(buf: Uint8Array, start: number, end: number): number {
  fastStatus = NOT_PLAIN;
  prefixEnd = start;
  // Empty cells and cells with surrounding spaces take the complete path, which trims.
  if (start === end) return Number.NaN;
  let i = start;
  let negative = false;
  let c = buf[i] as number;
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
  }
  let mantissa = 0;
  // Digits past the 15th, kept apart so that `mantissa` stays exact.
  let tail = 0;
  let tailDigits = 0;
  let digits = 0;
  let scale = 0;
  let sawDigit = false;
  // Integer part.
  while (i < end) {
    c = (buf[i] as number) - DIGIT_0;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    if (mantissa !== 0 || c !== 0) {
      if (digits < 15) mantissa = mantissa * 10 + c;
      else {
        tail = tail * 10 + c;
        tailDigits++;
      }
      digits++;
    }
    i++;
  }
  if (i < end && buf[i] === DOT) {
    i++;
    while (i < end) {
      c = (buf[i] as number) - DIGIT_0;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      if (mantissa !== 0 || c !== 0) {
        if (digits < 15) mantissa = mantissa * 10 + c;
        else {
          tail = tail * 10 + c;
          tailDigits++;
        }
        digits++;
      }
      scale--;
      i++;
    }
  }
  if (!sawDigit) return Number.NaN;
  if (i < end && (buf[i] === LOWER_E || buf[i] === UPPER_E)) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === MINUS || buf[i] === PLUS)) {
      expNegative = buf[i] === MINUS;
      i++;
    }
    const digitsStart = i;
    let exponent = 0;
    while (i < end) {
      c = (buf[i] as number) - DIGIT_0;
      if (c < 0 || c > 9) break;
      if (exponent < 1000) exponent = exponent * 10 + c;
      i++;
    }
    if (i === digitsStart) return Number.NaN;
    scale += expNegative ? -exponent : exponent;
  }
  prefixEnd = i;
  fastStatus = LONG_NUMBER;
  if (digits > 15) {
    if (digits > 19) return Number.NaN;
    // The tail digits sit below the first 15: value = (mantissa·10^t + tail)·10^(scale).
    const value = longDecimal(mantissa, tail, tailDigits, scale);
    return negative ? -value : value;
  }
  let value: number;
  if (mantissa === 0) value = 0;
  else if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa * (POW10[scale] as number);
  else if (scale < 0 && scale >= -22) value = mantissa / (POW10[-scale] as number);
  else return Number.NaN;
  return negative ? -value : value;
}

const NUMBER_GRAMMAR = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_GRAMMAR = /^([+-]?)(?:inf|infinity)$/i;
/** Spellings pandas reads as missing in a numeric column, besides the empty cell. */
const MISSING_TOKENS = new Set([
  '',
  'nan',
  'NaN',
  'NAN',
  'NA',
  'N/A',
  'n/a',
  'null',
  'NULL',
  'None',
]);

export type ParsedCell = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'text' };

const MISSING: ParsedCell = { kind: 'missing' };
const TEXT: ParsedCell = { kind: 'text' };

/** The slow, complete path: any spelling of a number, a missing marker, or text. */
export function parseNumberText(raw: string): ParsedCell {
  const text = raw.trim();
  if (MISSING_TOKENS.has(text)) return MISSING;
  if (NUMBER_GRAMMAR.test(text)) return { kind: 'number', value: Number(text) };
  const inf = INFINITY_GRAMMAR.exec(text);
  if (inf) return { kind: 'number', value: inf[1] === '-' ? -Infinity : Infinity };
  return TEXT;
}
