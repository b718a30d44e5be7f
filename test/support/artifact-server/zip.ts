/**
 * Reads the zip @actions/artifact uploads (archiver, streamed: sizes live in the central
 * directory, the local headers carry zeros and a data descriptor follows each entry), so a
 * test can compare the files inside with what it uploaded. Stored and deflated entries, no
 * ZIP64, no encryption: enough for test artifacts, and no new dependency.
 * Format: PKWARE APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end).
 */
import * as zlib from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function readZip(bytes: Uint8Array): ZipEntry[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new Error(`zip: no central directory entry at byte ${at}`);
    }
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if ([compressedSize, size, localHeader].includes(0xffffffff)) {
      throw new Error(`zip: ${name} needs ZIP64, which this reader does not read`);
    }
    const data = readEntry(zip, localHeader, name, method, compressedSize);
    if (data.length !== size) {
      throw new Error(`zip: ${name} is ${data.length} bytes, the directory says ${size}`);
    }
    // zlib.crc32 arrived in Node 20.15; older Node 20 skips the check.
    if (typeof zlib.crc32 === 'function' && zlib.crc32(data) !== crc) {
      throw new Error(`zip: ${name} fails its CRC-32`);
    }
    entries.push({ name, method, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entries' contents by name, for `expect(files.get('model.onnx')).toEqual(...)`. */
export function zipFiles(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(readZip(bytes).map((e) => [e.name, e.data]));
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  const last = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= last; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('zip: no end of central directory record (not a zip, or truncated)');
}

function readEntry(
  zip: Buffer,
  header: number,
  name: string,
  method: number,
  compressedSize: number,
): Buffer {
  if (zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw new Error(`zip: ${name} has no local header at byte ${header}`);
  }
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const raw = zip.subarray(start, start + compressedSize);
  if (method === 0) return Buffer.from(raw);
  if (method === 8) return zlib.inflateRawSync(raw);
  throw new Error(`zip: ${name} uses compression method ${method}`);
}
