/**
 * Reading the gate's config file: `.model-gate.yml`, `.model-gate.yaml` or `.model-gate.json`
 * in the working directory, or the path given. A syntax error names the line and column.
 * Relative model, data and card paths in the file are resolved against the file's folder, so a
 * config means the same files wherever the command runs from; the paths as written are kept
 * for the report.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { resolveEntry } from '../domain/config/models.js';
import { type GateConfig, parseConfig } from '../domain/config/parse.js';
import { REGISTRY_BASELINE } from '../domain/config/schema.js';
import { InputError } from '../domain/errors.js';
import { readStructuredFile } from './structured-file.js';

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
  const { value, sha256 } = await readStructuredFile(file, source, 'config file');
  const parsed = parseConfig(value, source);
  const folder = dirname(file);
  const at = (p: string) => resolve(folder, p);
  const { holdout, reference } = parsed.data;
  const config: GateConfig = {
    ...parsed,
    models: {
      candidate: resolveEntry(parsed.models.candidate, at),
      baseline:
        parsed.models.baseline === REGISTRY_BASELINE
          ? parsed.models.baseline
          : resolveEntry(parsed.models.baseline, at),
    },
    data: {
      ...(holdout !== undefined ? { holdout: at(holdout) } : {}),
      ...(reference !== undefined ? { reference: at(reference) } : {}),
    },
    cards: {
      ...(parsed.cards.candidate !== undefined ? { candidate: at(parsed.cards.candidate) } : {}),
      ...(parsed.cards.baseline !== undefined ? { baseline: at(parsed.cards.baseline) } : {}),
    },
  };
  return {
    config,
    path: file,
    sha256,
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
