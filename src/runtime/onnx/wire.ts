/**
 * Protocol Buffers wire format, the little of it ONNX files need: varints, length-delimited
 * fields, and fixed 32/64-bit values. Reading never copies payloads (fields are views into the
 * file), so a 100 MB model costs no second copy; writing concatenates raw field bytes.
 */

export const VARINT = 0;
export const FIXED64 = 1;
export const BYTES = 2;
export const FIXED32 = 5;

export class WireError extends Error {}

export interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Varint or fixed value, for those wire types. */
  readonly value: number;
  /** The payload of a length-delimited field. */
  readonly bytes: Uint8Array;
  /** The whole field as it appears in the input, tag included, for rewriting. */
  readonly raw: Uint8Array;
}

const EMPTY: Uint8Array = new Uint8Array(0);

/** All fields of one message, in order. Throws WireError on malformed or truncated input. */
export function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length) throw new WireError('truncated varint');
      const b = buf[pos++] as number;
      // Numbers beyond 2^53 lose precision; ONNX uses none where it matters here.
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new WireError('varint longer than 10 bytes');
    }
  };
  while (pos < buf.length) {
    const start = pos;
    const tag = varint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (number === 0) throw new WireError('field number 0');
    let value = 0;
    let bytes = EMPTY;
    switch (wireType) {
      case VARINT:
        value = varint();
        break;
      case FIXED64:
        if (pos + 8 > buf.length) throw new WireError('truncated fixed64');
        value = new DataView(buf.buffer, buf.byteOffset + pos, 8).getFloat64(0, true);
        pos += 8;
        break;
      case BYTES: {
        const length = varint();
        if (pos + length > buf.length) throw new WireError('truncated length-delimited field');
        bytes = buf.subarray(pos, pos + length);
        pos += length;
        break;
      }
      case FIXED32:
        if (pos + 4 > buf.length) throw new WireError('truncated fixed32');
        value = new DataView(buf.buffer, buf.byteOffset + pos, 4).getFloat32(0, true);
        pos += 4;
        break;
      default:
        throw new WireError(`unsupported wire type ${wireType}`);
    }
    fields.push({ number, wireType, value, bytes, raw: buf.subarray(start, pos) });
  }
  return fields;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
export function text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** Packed or repeated varints (e.g. int64 lists): both encodings are legal for repeated fields. */
export function varints(fields: readonly Field[], number: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.number !== number) continue;
    if (f.wireType === VARINT) out.push(f.value);
    else if (f.wireType === BYTES) {
      let pos = 0;
      const b = f.bytes;
      while (pos < b.length) {
        let result = 0;
        let shift = 0;
        for (;;) {
          const byte = b[pos++] as number;
          result += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) break;
          shift += 7;
        }
        out.push(result);
      }
    }
  }
  return out;
}

// --- writing ---

export function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  if (v < 0) {
    // Negative int64: two's complement over 10 bytes.
    let big = BigInt.asUintN(64, BigInt(v));
    while (big >= 0x80n) {
      out.push(Number(big & 0x7fn) | 0x80);
      big >>= 7n;
    }
    out.push(Number(big));
    return Uint8Array.from(out);
  }
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const utf8Encoder = new TextEncoder();

/** A length-delimited field: bytes, a string, or an already encoded sub-message. */
export function lengthField(number: number, payload: Uint8Array | string): Uint8Array {
  const bytes = typeof payload === 'string' ? utf8Encoder.encode(payload) : payload;
  return concat([encodeVarint(number * 8 + BYTES), encodeVarint(bytes.length), bytes]);
}

export function varintField(number: number, value: number): Uint8Array {
  return concat([encodeVarint(number * 8 + VARINT), encodeVarint(value)]);
}

export function floatField(number: number, value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setFloat32(0, value, true);
  return concat([encodeVarint(number * 8 + FIXED32), out]);
}
