import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../domain/errors.js';

/** Writes a whole file or nothing: a temporary file renamed into place. */
export function writeOutput(path: string, content: string, flag: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    throw new InputError(`${flag} '${path}' cannot be written: ${(error as Error).message}`);
  }
}
