/**
 * Reading the gate's config file: `.model-gate.yml`, `.model-gate.yaml` or `.model-gate.json`
 * in the working directory, or the path given. A syntax error names the line and column.
 * Relative model and data paths in the file are resolved against the file's folder, so a
 * config means the same files wherever the command runs from; the paths as written are kept
 * for the report.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { type GateConfig, parseConfig } from '../domain/config/parse.js';
import { REGISTRY_BASELINE } from '../domain/config/schema.js';
import { InputError } from '../domain/errors.js';

/** The names looked for in the working directory, in this order. */
export const CONFIG_NAMES = ['.model-gate.yml', '.model-gate.yaml', '.model-gate.json'] as const;

export interface ConfigFile {
  /** The parsed config; its model and data paths are absolute. */
  readonly config: GateConfig;
  /** Absolute path of the file read. */
  readonly path: string;
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
  /** The model and data paths as written in the file (relative to its folder), for the report. */
  readonly written: Pick<GateConfig, 'models' | 'data'>;
}

/** Reads, parses and validates the config at `path`, or the one found in `cwd` when undefined. */
export async function readConfigFile(path: string | undefined, cwd: string): Promise<ConfigFile> {
  const file = path === undefined ? await findConfig(cwd) : resolve(cwd, path);
  const source = displayName(file, cwd);
  const bytes = await readBytes(file, source);
  const text = decode(bytes, source);
  const value =
    extname(file).toLowerCase() === '.json' ? parseJson(text, source) : parseYaml(text, source);
  const parsed = parseConfig(value, source);
  const folder = dirname(file);
  const at = (p: string) => resolve(folder, p);
  const { holdout, reference } = parsed.data;
  const config: GateConfig = {
    ...parsed,
    models: {
      candidate: at(parsed.models.candidate),
      baseline:
        parsed.models.baseline === REGISTRY_BASELINE
          ? parsed.models.baseline
          : at(parsed.models.baseline),
    },
    data: {
      ...(holdout !== undefined ? { holdout: at(holdout) } : {}),
      ...(reference !== undefined ? { reference: at(reference) } : {}),
    },
  };
  return {
    config,
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    written: { models: parsed.models, data: parsed.data },
  };
}

async function findConfig(cwd: string): Promise<string> {
  const found: string[] = [];
  for (const name of CONFIG_NAMES) {
    const candidate = resolve(cwd, name);
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) found.push(candidate);
  }
  const [first, second] = found;
  if (first === undefined) {
    throw new InputError(
      `no config file in ${cwd}: looked for ${CONFIG_NAMES.join(', ')}`,
      'Create .model-gate.yml with at least label: and models: { candidate, baseline }, or pass --config PATH.',
    );
  }
  if (second !== undefined) {
    throw new InputError(
      `${cwd} holds more than one config file: ${found.map((f) => displayName(f, cwd)).join(' and ')}`,
      'Keep one of them, or pass --config PATH.',
    );
  }
  return first;
}

/** The path as the user would write it: relative to the working directory when inside it. */
function displayName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

async function readBytes(file: string, source: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(
        `config file '${source}' does not exist`,
        'Check the path (it is relative to the working directory).',
      );
    }
    if (code === 'EISDIR') throw new InputError(`config file '${source}' is a directory`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InputError(`config file '${source}' cannot be read: permission denied`);
    }
    throw new InputError(`config file '${source}' cannot be read: ${(error as Error).message}`);
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

class JsonStop {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first character that breaks the JSON grammar (RFC 8259), or the length of
 * the text for an early end: JSON.parse's messages do not always carry a position.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const stop = (): never => {
    throw new JsonStop(i);
  };
  const expect = (c: string) => (text[i] === c ? i++ : stop());
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') stop();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else stop();
      }
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else {
      number.lastIndex = i;
      if (!number.test(text)) stop();
      i = number.lastIndex;
    }
  };
  try {
    value();
    space();
    if (i < text.length) stop();
  } catch (error) {
    if (error instanceof JsonStop) return Math.min(error.offset, text.length);
    throw error;
  }
  return text.length;
}
