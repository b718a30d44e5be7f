/**
 * Generates the benchmark inputs into a directory (bench/out by default): a holdout as CSV and
 * Parquet, and two ONNX models scoring it. Generation is deterministic, so files that a
 * manifest says were made by this generator version for this row count are reused rather than
 * rewritten (the 1M-row CSV is ~200 MB).
 *
 *   npx tsc -p tsconfig.bench.json && node bench/out/bench/generate.js [rows] [dir]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildForest } from './forest.js';
import { writeHoldout } from './generate-data.js';
import { forestModel, logisticModel } from './models.js';
import { FEATURE_NAMES } from './synth.js';

/**
 * Bump whenever anything that changes the output changes (synth.ts, models.ts, the writers):
 * it is all that tells a stale bench/out from a current one.
 */
export const GENERATOR_VERSION = 1;

export interface BenchInputs {
  csv: string;
  parquet: string;
  logistic: string;
  forest: string;
  rows: number;
  features: string[];
}

export interface GenerateOptions {
  /** Progress lines (what was reused or written, and timings); silent by default. */
  readonly log?: (line: string) => void;
}

interface Manifest {
  version: number;
  rows: number;
  /** File name (in the directory) to size in bytes, to notice a truncated or replaced file. */
  files: Record<string, number>;
}

const FILES = {
  csv: 'holdout.csv',
  parquet: 'holdout.parquet',
  logistic: 'logistic.onnx',
  forest: 'forest.onnx',
} as const;

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined; // missing or unreadable: regenerate
  }
}

function upToDate(dir: string, rows: number, manifest: Manifest | undefined): boolean {
  if (manifest?.version !== GENERATOR_VERSION || manifest.rows !== rows) return false;
  return Object.values(FILES).every((name) => {
    try {
      return statSync(join(dir, name)).size === manifest.files[name];
    } catch {
      return false;
    }
  });
}

function inputsIn(dir: string, rows: number): BenchInputs {
  return {
    csv: join(dir, FILES.csv),
    parquet: join(dir, FILES.parquet),
    logistic: join(dir, FILES.logistic),
    forest: join(dir, FILES.forest),
    rows,
    features: [...FEATURE_NAMES],
  };
}

/** The inputs already in `dir` if its manifest is current, whatever their row count. */
export function existingBenchInputs(dir: string): BenchInputs | undefined {
  const manifest = readManifest(join(dir, 'manifest.json'));
  return manifest && upToDate(dir, manifest.rows, manifest)
    ? inputsIn(dir, manifest.rows)
    : undefined;
}

export async function generateBenchInputs(
  dir: string,
  rows = 1_000_000,
  options: GenerateOptions = {},
): Promise<BenchInputs> {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`rows must be >= 1, got ${rows}`);
  const log = options.log ?? (() => {});
  const path = (name: string) => join(dir, name);
  const inputs = inputsIn(dir, rows);
  const manifestPath = path('manifest.json');
  if (upToDate(dir, rows, readManifest(manifestPath))) {
    log(`up to date (generator v${GENERATOR_VERSION}, ${rows} rows): ${dir}`);
    return inputs;
  }

  await mkdir(dir, { recursive: true });
  // Drop the manifest first: if we are interrupted, the next run must not trust what is there.
  await rm(manifestPath, { force: true });
  // Everything is written under a temporary name and renamed when complete.
  const tmp = (file: string) => `${file}.tmp`;
  const timed = async (what: string, work: () => Promise<void>) => {
    const start = performance.now();
    await work();
    log(`${what} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };
  try {
    await timed('wrote logistic.onnx', () => writeFile(tmp(inputs.logistic), logisticModel()));
    await timed('built and wrote forest.onnx', () =>
      writeFile(tmp(inputs.forest), forestModel(buildForest())),
    );
    await timed(`wrote ${rows} rows to holdout.csv and holdout.parquet`, () =>
      writeHoldout(tmp(inputs.csv), tmp(inputs.parquet), rows),
    );
    for (const file of [inputs.logistic, inputs.forest, inputs.csv, inputs.parquet]) {
      await rename(tmp(file), file);
    }
  } catch (error) {
    for (const file of [inputs.logistic, inputs.forest, inputs.csv, inputs.parquet]) {
      await rm(tmp(file), { force: true });
    }
    throw error;
  }
  const files: Record<string, number> = {};
  for (const name of Object.values(FILES)) files[name] = statSync(path(name)).size;
  const manifest: Manifest = { version: GENERATOR_VERSION, rows, files };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, size] of Object.entries(files)) {
    log(`  ${path(name)}  ${(size / 1e6).toFixed(1)} MB`);
  }
  return inputs;
}

/** <repo>/bench/out, found from this module whether it runs compiled (bench/out/bench) or not. */
export function defaultBenchDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'bench', 'out');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const rows = process.argv[2] ? Number(process.argv[2].replaceAll('_', '')) : 1_000_000;
  const dir = process.argv[3] ? resolve(process.argv[3]) : defaultBenchDir();
  const start = performance.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  generateBenchInputs(dir, rows, { log }).then(
    () => log(`done in ${((performance.now() - start) / 1000).toFixed(1)} s`),
    (error: unknown) => {
      process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
