/**
 * A file pattern as a workflow writes one for downloaded shards: `*` and `?` in the file name
 * (`preds/preds-*.parquet`), not in the folders. Matches come back sorted, so the order of
 * shards does not depend on the file system.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../domain/errors.js';

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

function matcher(name: string): RegExp {
  const source = name
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** The files `pattern` names: itself when it has no wildcard, else every match, sorted. */
export function expandGlob(pattern: string, role: string): string[] {
  if (!isGlob(pattern)) return [pattern];
  const folder = dirname(pattern);
  if (isGlob(folder)) {
    throw new InputError(
      `${role} '${pattern}' has a wildcard in a folder name; model-gate matches * and ? in file names only`,
      'Download every shard into one folder (actions/download-artifact with merge-multiple: true) and match the file names.',
    );
  }
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    throw new InputError(
      `${role} '${pattern}': folder '${folder}' cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'Check the path; relative paths in the config are relative to the config file.',
    );
  }
  const test = matcher(basename(pattern));
  const files = names
    .filter((name) => test.test(name))
    .sort()
    .map((name) => join(folder, name));
  if (files.length === 0) {
    throw new InputError(
      `${role} '${pattern}' matches no file in '${folder}'`,
      'Check the predict jobs uploaded their files and the gate job downloaded them there.',
    );
  }
  return files;
}
