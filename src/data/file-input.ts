/**
 * Opening and hashing input files, with errors that name the file and say what to do.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../domain/errors.js';

export function openInput(path: string, role: string): number {
  try {
    const fd = openSync(path, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw new InputError(`${role} '${path}' is a directory, not a file`);
    }
    return fd;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(
        `${role} '${path}' does not exist`,
        'Check the path (it is relative to the working directory).',
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InputError(`${role} '${path}' cannot be read: permission denied`);
    }
    throw new InputError(`${role} '${path}' cannot be opened: ${(error as Error).message}`);
  }
}

export interface FileScan {
  readonly sha256: string;
  readonly bytes: number;
  /** Line ends (LF, CRLF or a lone CR): an upper bound on the number of CSV records. */
  readonly lineEnds: number;
}

/** One pass over the file: its sha256, size and line-end count. */
export function scanFile(fd: number): FileScan {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 22);
  let bytes = 0;
  let lineEnds = 0;
  let pendingCr = false;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, bytes);
    if (n === 0) break;
    const view = n === chunk.length ? chunk : chunk.subarray(0, n);
    hash.update(view);
    // A CR that ended the previous chunk is a line end of its own unless this one opens with LF.
    if (pendingCr && view[0] !== 10) lineEnds++;
    for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) lineEnds++;
    pendingCr = false;
    for (let i = view.indexOf(13); i !== -1; i = view.indexOf(13, i + 1)) {
      if (i + 1 === n) pendingCr = true;
      else if (view[i + 1] !== 10) lineEnds++;
    }
    bytes += n;
  }
  if (pendingCr) lineEnds++;
  return { sha256: hash.digest('hex'), bytes, lineEnds };
}

/** sha256 of a whole file, read in chunks. */
export function sha256File(path: string, role: string): { sha256: string; bytes: number } {
  const fd = openInput(path, role);
  try {
    const { sha256, bytes } = scanFile(fd);
    return { sha256, bytes };
  } finally {
    closeSync(fd);
  }
}
