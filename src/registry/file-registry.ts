/**
 * The registry as a folder, for the CLI and self-hosted runners:
 *
 *   <root>/<model>/versions/<semver>/{model.onnx, MODEL_CARD.md, report.json, record.json}
 *   <root>/<model>/stages/<stage>.json          { "version": "1.2.0" }
 *
 * A version appears in one rename: publish fills `<root>/<model>/.staging-<version>-<pid>`,
 * checks the stored model's sha256 against the record, then renames the folder into versions/
 * (atomic on one file system), so a reader never sees half a version. A stage moves the same
 * way (a temp file renamed over the pointer). Staging folders are outside versions/, so
 * versions() never sees one, even one left by a killed process.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import type { DecisionRecord, Registry, RegistryVersion, VersionFiles } from './port.js';
import { parseRecord, parseRecordJson } from './record.js';
import { checkName, compareVersions, normalizeVersion, parseVersion } from './semver.js';
import { sha256File } from './sha256.js';

const FILES = {
  model: 'model.onnx',
  card: 'MODEL_CARD.md',
  report: 'report.json',
  contract: 'contract.json',
} as const;
const RECORD_FILE = 'record.json';
const POINTER_HINT =
  'A stage pointer is written by promotion and rollback: roll the stage back to a version that exists, or delete the file to unset the stage.';

const pointerSchema = z.object({
  version: z.string().refine((v) => parseVersion(v) !== null, 'must be a semantic version'),
});

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    (error: unknown) => (code(error) === 'ENOENT' ? false : Promise.reject(error)),
  );

/** The same kind of error with a message that says where things stand; InputError keeps its hint. */
function restate(error: unknown, message: string): Error {
  if (error instanceof InputError) return new InputError(message, error.hint);
  return new Error(message, { cause: error });
}

async function copyInto(from: string, to: string, role: string): Promise<void> {
  try {
    await copyFile(from, to);
  } catch (error) {
    if (code(error) === 'ENOENT') throw new InputError(`the ${role} '${from}' does not exist`);
    if (code(error) === 'EISDIR') throw new InputError(`the ${role} '${from}' is a directory`);
    throw new Error(`cannot copy the ${role} '${from}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Where one model's versions and stages live, and how messages name the registry. */
interface Layout {
  readonly modelName: string;
  readonly home: string;
  readonly versionsDir: string;
  readonly stagesDir: string;
  readonly description: string;
}

export function fileRegistry(root: string, modelName: string): Registry {
  checkName('model name', modelName);
  const home = join(root, modelName);
  const at: Layout = {
    modelName,
    home,
    versionsDir: join(home, 'versions'),
    stagesDir: join(home, 'stages'),
    description: `file registry ${root}`,
  };
  return {
    description: at.description,
    versions: () => listVersions(at),
    stage: (name) => readStage(at, name),
    publish: (record, files) => publish(at, record, files),
    moveStage: (name, version) => moveStage(at, name, version),
    fetchModel: (version, dir) => fetchModel(at, version, dir),
    fetchCard: async (version) => {
      const found = await existing(at, version, 'fetch');
      return readFile(join(found.location, FILES.card), 'utf8').catch(() => null);
    },
  };
}

const folderOf = (at: Layout, version: string) => join(at.versionsDir, version);

/** The version stored in versions/<version>; null when there is no such folder. */
async function readVersion(at: Layout, version: string): Promise<RegistryVersion | null> {
  const folder = folderOf(at, version);
  if (!(await exists(folder))) return null;
  const file = join(folder, RECORD_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = code(error) === 'ENOENT' ? 'does not exist' : (error as Error).message;
    throw new InputError(
      `${file} cannot be read (${why}): ${folder} is not a complete version`,
      'Versions are written by publish in one rename; restore the folder or remove it.',
    );
  }
  const record = parseRecordJson(text, file);
  if (record.model_name !== at.modelName || record.version !== version) {
    throw new InputError(
      `${file} records ${record.model_name} v${record.version}, but it is stored as ${at.modelName} v${version}`,
    );
  }
  return { version, record, location: folder };
}

async function listVersions(at: Layout): Promise<RegistryVersion[]> {
  let names: string[];
  try {
    const entries = await readdir(at.versionsDir, { withFileTypes: true });
    names = entries
      .filter((e) => e.isDirectory() && parseVersion(e.name) !== null)
      .map((e) => e.name);
  } catch (error) {
    if (code(error) === 'ENOENT') return [];
    throw error;
  }
  const found = await Promise.all(names.map((name) => readVersion(at, name)));
  return found
    .filter((v): v is RegistryVersion => v !== null)
    .sort((a, b) => compareVersions(b.version, a.version));
}

/** "it holds v1.1.0, v1.0.0", for messages about a version that is not there. */
async function held(at: Layout): Promise<string> {
  const all = await listVersions(at);
  if (all.length === 0) return `it holds no versions of ${at.modelName}`;
  return `it holds ${all.map((v) => `v${v.version}`).join(', ')}`;
}

/** The version `text` ('1.2.0' or 'v1.2.0') names; an InputError saying what exists if none. */
async function existing(at: Layout, text: string, verb: string): Promise<RegistryVersion> {
  const version = normalizeVersion(text);
  if (version === null) {
    throw new InputError(`cannot ${verb} '${text}': it is not a semantic version like 1.2.0`);
  }
  const found = await readVersion(at, version);
  if (found !== null) return found;
  throw new InputError(
    `cannot ${verb} v${version}: ${at.description} has no such version of ${at.modelName}; ${await held(at)}`,
  );
}

async function alreadyThere(at: Layout, version: string): Promise<InputError> {
  const there = await readVersion(at, version).catch(() => null);
  const sha = there === null ? '' : ` (model sha256 ${there.record.model_sha256})`;
  return new InputError(
    `${at.modelName} v${version} already exists in ${at.description} at ${folderOf(at, version)}${sha}`,
  );
}

async function publish(
  at: Layout,
  record: DecisionRecord,
  files: VersionFiles,
): Promise<RegistryVersion> {
  const checked = parseRecord(
    record,
    `the decision record of ${record.model_name} v${record.version}`,
  );
  if (checked.model_name !== at.modelName) {
    throw new InputError(
      `cannot publish a record of ${checked.model_name} to ${at.modelName} in ${at.description}`,
    );
  }
  const { version } = checked;
  const target = folderOf(at, version);
  if (await exists(target)) throw await alreadyThere(at, version);
  await mkdir(at.versionsDir, { recursive: true });
  // The pid makes the name this process's own: a folder by that name is a dead run's leftover.
  const staging = join(at.home, `.staging-${version}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await fillStaging(staging, checked, files);
    try {
      await rename(staging, target);
    } catch (error) {
      // Another publisher won the race: its folder is there now, full.
      if (await exists(target)) throw await alreadyThere(at, version);
      throw error;
    }
  } catch (error) {
    const left = await rm(staging, { recursive: true, force: true }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    const state =
      left === null
        ? 'nothing was published (the staging folder was removed)'
        : `nothing was published, but the staging folder ${staging} is left behind (${left.message}); remove it`;
    throw restate(
      error,
      `publishing ${at.modelName} v${version} to ${at.description} failed: ${(error as Error).message}; ${state}`,
    );
  }
  return { version, record: checked, location: target };
}

/** Copies the files and the record into `staging`, then checks the stored model's sha256. */
async function fillStaging(staging: string, record: DecisionRecord, files: VersionFiles) {
  await mkdir(staging);
  await copyInto(files.model, join(staging, FILES.model), 'model');
  await copyInto(files.card, join(staging, FILES.card), 'model card');
  await copyInto(files.report, join(staging, FILES.report), 'report');
  if (files.contract !== undefined) {
    await copyInto(files.contract, join(staging, FILES.contract), 'serving contract');
  }
  await writeFile(join(staging, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  const stored = await sha256File(join(staging, FILES.model));
  if (stored !== record.model_sha256) {
    throw new InputError(
      `the stored copy of '${files.model}' has sha256 ${stored}, but the decision record says ${record.model_sha256}`,
      'The model changed after the gate ran (or the report is of another model): run the gate on this model again.',
    );
  }
}

async function readStage(at: Layout, name: string): Promise<RegistryVersion | null> {
  const file = join(at.stagesDir, `${checkName('stage', name)}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw new InputError(`${file} cannot be read: ${(error as Error).message}`);
  }
  let pointer: unknown;
  try {
    pointer = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`, POINTER_HINT);
  }
  const parsed = pointerSchema.safeParse(pointer);
  if (!parsed.success) {
    throw new InputError(`${file} must hold { "version": "<semver>" }`, POINTER_HINT);
  }
  const found = await readVersion(at, parsed.data.version);
  if (found !== null) return found;
  throw new InputError(
    `${file} points ${name} at v${parsed.data.version}, which ${at.description} does not hold; ${await held(at)}`,
    POINTER_HINT,
  );
}

async function moveStage(at: Layout, name: string, version: string): Promise<void> {
  checkName('stage', name);
  const target = await existing(at, version, `point ${name} at`);
  await mkdir(at.stagesDir, { recursive: true });
  const file = join(at.stagesDir, `${name}.json`);
  // Stage names never start with '.', so the temp file cannot be taken for a stage.
  const temp = join(at.stagesDir, `.${name}.json.${process.pid}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify({ version: target.version }, null, 2)}\n`);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new Error(
      `moving ${name} to v${target.version} in ${at.description} failed: ${(error as Error).message}; ${name} is unchanged`,
      { cause: error },
    );
  }
}

async function fetchModel(at: Layout, version: string, dir: string): Promise<string> {
  const found = await existing(at, version, 'fetch');
  await mkdir(dir, { recursive: true });
  const copy = join(dir, `${at.modelName}-${found.version}.onnx`);
  const stored = join(found.location, FILES.model);
  await copyInto(stored, copy, `model of v${found.version}`);
  const actual = await sha256File(copy);
  const expected = found.record.model_sha256;
  if (actual !== expected) {
    // A copy that failed its check must not be picked up by whoever reads `dir` next.
    await rm(copy, { force: true });
    throw new InputError(
      `${at.modelName} v${found.version} in ${at.description} is damaged: its model has sha256 ${actual}, but its decision record says ${expected}`,
      `The file ${stored} was changed after it was published; restore it, or roll back to another version.`,
    );
  }
  return copy;
}
