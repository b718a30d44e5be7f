/**
 * sha256 of a stored or fetched model, streamed so that a model of hundreds of MB is never held
 * in memory. The registry checks every copy it makes against the decision record with it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Hex sha256 of the file's bytes. Rejects with the file system's error (ENOENT, EISDIR, ...). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
