/**
 * What a file that should be UTF-8 text (or an ONNX model) turns out to be, from its first bytes:
 * UTF-16 (a byte-order mark, or NUL bytes between ASCII ones, as Excel and PowerShell write it),
 * or a Git LFS pointer (the repository was checked out without `git lfs pull`). Each is named as
 * such, with what to do, instead of failing later as a strange parse error.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../domain/errors.js';

export type Sniffed = 'utf-16' | 'lfs-pointer' | null;

const LFS = Buffer.from('version https://git-lfs.github.com/spec/');

export function sniff(bytes: Uint8Array): Sniffed {
  const head = bytes.subarray(0, Math.min(bytes.length, 512));
  if (head.length >= LFS.length && LFS.equals(head.subarray(0, LFS.length))) return 'lfs-pointer';
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return 'utf-16';
  }
  // ASCII text in UTF-16 has a NUL in every other byte.
  let nul = 0;
  for (const byte of head) if (byte === 0) nul++;
  return head.length >= 8 && nul >= head.length / 4 ? 'utf-16' : null;
}

/** The error for a sniffed file, naming its role and path. */
export function sniffedError(kind: Exclude<Sniffed, null>, what: string): InputError {
  if (kind === 'lfs-pointer') {
    return new InputError(
      `${what} is a Git LFS pointer, not the file itself`,
      "Run 'git lfs pull' (in a workflow: actions/checkout with lfs: true) so the real file is checked out.",
    );
  }
  return new InputError(
    `${what} is UTF-16 text; model-gate reads UTF-8`,
    'Save it as UTF-8 (in Excel: CSV UTF-8; in PowerShell: -Encoding utf8).',
  );
}

/** Throws when `bytes` sniff as UTF-16 or an LFS pointer. */
export function refuseSniffed(bytes: Uint8Array, what: string): void {
  const kind = sniff(bytes);
  if (kind !== null) throw sniffedError(kind, what);
}

/**
 * A cell or header decoded from UTF-8 holds U+FFFD where its bytes were not UTF-8 (Latin-1,
 * Windows-1252): true when that happened, so the reader refuses the file instead of letting
 * 'Café' become 'Caf\uFFFD' silently.
 */
export function lostBytes(text: string, bytes: Uint8Array): boolean {
  return text.includes('\uFFFD') && !isUtf8(bytes);
}

export const NOT_UTF8_HINT =
  'Save the file as UTF-8 (it looks like Latin-1 or Windows-1252: in pandas, df.to_csv(path, encoding="utf-8")).';

/** For binary files (ONNX, Parquet): only the LFS pointer check, NUL bytes being normal there. */
export function refuseLfsPointer(bytes: Uint8Array, what: string): void {
  if (sniff(bytes) === 'lfs-pointer') throw sniffedError('lfs-pointer', what);
}
