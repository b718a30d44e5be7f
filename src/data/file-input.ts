/**
 * Opening and hashing input files, with errors that name the file and say what to do.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
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

/**
 * sha256 of a file, computed in a worker thread so that hashing overlaps parsing (it costs
 * about as much as a plain read of the file). The worker is inline code: it survives bundling.
 */
export function hashFile(path: string): Promise<string> {
  const source = `
    import { parentPort, workerData } from 'node:worker_threads';
    import { createHash } from 'node:crypto';
    import { openSync, readSync, closeSync } from 'node:fs';
    const hash = createHash('sha256');
    const fd = openSync(workerData, 'r');
    const chunk = Buffer.allocUnsafe(1 << 20);
    let offset = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) break;
      hash.update(n === chunk.length ? chunk : chunk.subarray(0, n));
      offset += n;
    }
    closeSync(fd);
    parentPort.postMessage(hash.digest('hex'));
  `;
  return new Promise((resolve, reject) => {
    // An ES module from a data: URL runs the same in any parent (CommonJS, ESM, a bundle).
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
      workerData: path,
    });
    worker.once('message', (digest: string) => resolve(digest));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`hash worker exited with code ${code}`));
    });
  });
}

export interface LineScan {
  /** Where the scan stopped: the file's size, or the end of the range. */
  readonly bytes: number;
  /** Line ends (LF, CRLF or a lone CR): an upper bound on the number of CSV records. */
  readonly lineEnds: number;
  /** Offset of the last `"` byte, -1 when there is none. */
  readonly lastQuote: number;
}

/**
 * One pass over the file (or bytes [start, end) of it) counting line ends, so that columns are
 * allocated once, and finding its last quote, so that the reader knows where records may span
 * lines.
 */
export function countLineEnds(fd: number, start = 0, end = Number.POSITIVE_INFINITY): LineScan {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let offset = start;
  let lineEnds = 0;
  let lastQuote = -1;
  let pendingCr = false;
  for (;;) {
    const room = Math.min(chunk.length, end - offset);
    const n = room > 0 ? readSync(fd, chunk, 0, room, offset) : 0;
    if (n === 0) break;
    const view = n === chunk.length ? chunk : chunk.subarray(0, n);
    // A CR that ended the previous chunk is a line end of its own unless this one opens with LF.
    if (pendingCr && view[0] !== 10) lineEnds++;
    for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) lineEnds++;
    pendingCr = false;
    for (let i = view.indexOf(13); i !== -1; i = view.indexOf(13, i + 1)) {
      if (i + 1 === n) pendingCr = true;
      else if (view[i + 1] !== 10) lineEnds++;
    }
    const quote = view.lastIndexOf(34);
    if (quote !== -1) lastQuote = offset + quote;
    offset += n;
  }
  if (pendingCr) lineEnds++;
  return { bytes: offset, lineEnds, lastQuote };
}
