/**
 * Reading a YAML or JSON file a user wrote (the gate's config, a model card): bytes, UTF-8,
 * then the syntax, with errors that name the file, the line and the column. `role` says what
 * the file is in messages ("config file", "model card").
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../domain/errors.js';
import { jsonErrorOffset } from './json-offset.js';
import { refuseSniffed } from './text-encoding.js';

export interface StructuredFile {
  /** The parsed value (YAML 1.2 with merge keys, or JSON by the .json extension). */
  readonly value: unknown;
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** Reads and parses `file`; `source` is how messages name it (the path as the user wrote it). */
export async function readStructuredFile(
  file: string,
  source: string,
  role: string,
  /** What to check when the file does not exist; by default, the path against the working directory. */
  missingHint = 'Check the path (it is relative to the working directory).',
): Promise<StructuredFile> {
  const bytes = await readBytes(file, source, role, missingHint);
  refuseSniffed(bytes, source);
  const text = decode(bytes, source);
  const value =
    extname(file).toLowerCase() === '.json' ? parseJson(text, source) : parseYaml(text, source);
  return { value, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function readBytes(
  file: string,
  source: string,
  role: string,
  missingHint: string,
): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`${role} '${source}' does not exist`, missingHint);
    }
    if (code === 'EISDIR') throw new InputError(`${role} '${source}' is a directory`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InputError(`${role} '${source}' cannot be read: permission denied`);
    }
    throw new InputError(`${role} '${source}' cannot be read: ${(error as Error).message}`);
  }
}

function decode(bytes: Uint8Array, source: string): string {
  try {
    // Strips a byte-order mark; `fatal` refuses bytes that are not UTF-8.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${source} is not UTF-8 text`, 'Save the file as UTF-8.');
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseYaml(text: string, source: string): unknown {
  // Merge keys (<<: *defaults) are YAML 1.1 but common in CI files; allow them.
  const doc = parseDocument(text, { prettyErrors: true, merge: true });
  const error = doc.errors[0];
  if (error) {
    const [reason = error.message, ...context] = error.message.split('\n');
    const position = error.linePos?.[0];
    const at = position ? ` at line ${position.line}, column ${position.col}` : '';
    const snippet = context.filter((l) => l.trim() !== '').join('\n');
    throw new InputError(
      `YAML syntax error in ${source}${at}: ${reason.replace(/ at line \d+, column \d+:?$/, '')}${snippet ? `\n${snippet}` : ''}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    throw new InputError(`YAML error in ${source}: ${(cause as Error).message}`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const offset = jsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset);
    const reason = (cause as Error).message
      .replace(/,\s*(?:\.\.\.)?"[\s\S]*is not valid JSON$/, '')
      .replace(/ in JSON at position \d+[\s\S]*$/, '');
    throw new InputError(
      `JSON syntax error in ${source} at line ${line}, column ${column} (position ${offset}): ${reason}`,
    );
  }
}
