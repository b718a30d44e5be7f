/**
 * One measurement in a fresh process, so that each peak RSS is its own:
 *   node bench/out/bench/measure.js <task> <json args>
 * prints one JSON line {ms, maxRssMb, ...}. bench/run.ts drives it.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parse } from 'csv-parse';
import * as ort from 'onnxruntime-node';
import { main } from '../src/cli/main.js';
import { readCsv } from '../src/data/csv/reader.js';
import { readParquet } from '../src/data/parquet.js';
import type { ColumnRequest } from '../src/data/table.js';
import { binaryMetrics } from '../src/domain/metrics/index.js';
import { FEATURE_NAMES } from './synth.js';

type Args = Record<string, string>;

// As the CLI reads: on every core, through the worker beside the compiled sources.
const parallel = {
  worker: new URL('../src/app/worker.js', import.meta.url),
  threads: availableParallelism(),
};

const asFloat32: ColumnRequest[] = FEATURE_NAMES.map((name) => ({ name, type: 'float32' }));

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const tasks: Record<string, (a: Args) => Promise<Record<string, number>>> = {
  async 'plain-read'(a) {
    return { ms: await timed(() => readFileSync(a.csv as string)) };
  },
  async 'csv-parse'(a) {
    let records = 0;
    const ms = await timed(
      () =>
        new Promise<void>((resolve, reject) => {
          createReadStream(a.csv as string)
            .pipe(parse({ from_line: 2 }))
            .on('data', () => {
              records++;
            })
            .on('end', resolve)
            .on('error', reject);
        }),
    );
    return { ms, records };
  },
  async 'read-csv'(a) {
    let rows = 0;
    const ms = await timed(async () => {
      rows = (await readCsv(a.csv as string, { parallel })).table.rows;
    });
    return { ms, rows };
  },
  async 'read-csv-model-columns'(a) {
    const ms = await timed(() =>
      readCsv(a.csv as string, {
        columns: [...asFloat32, { name: 'y', type: 'auto' }],
        parallel,
      }),
    );
    return { ms };
  },
  async 'read-parquet'(a) {
    const ms = await timed(() =>
      readParquet(a.parquet as string, { columns: [...asFloat32, { name: 'y', type: 'auto' }] }),
    );
    return { ms };
  },
  async 'bare-inference'(a) {
    // onnxruntime alone: the same float32 columns, already in memory, in one call per batch.
    const { table } = await readCsv(a.csv as string, { columns: asFloat32 });
    const session = await ort.InferenceSession.create(a.model as string, {
      intraOpNumThreads: availableParallelism(),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const batch = Number(a.batch);
    const ms = await timed(async () => {
      for (let start = 0; start < table.rows; start += batch) {
        const end = Math.min(table.rows, start + batch);
        const feeds: Record<string, ort.Tensor> = {};
        for (const name of FEATURE_NAMES) {
          const c = table.columns.get(name);
          if (c?.kind !== 'number') throw new Error(name);
          feeds[name] = new ort.Tensor('float32', c.values.subarray(start, end) as Float32Array, [
            end - start,
            1,
          ]);
        }
        await session.run(feeds, ['probabilities']);
      }
    });
    return { ms };
  },
  async metrics(a) {
    const n = Number(a.rows);
    const y = new Uint8Array(n);
    const p = new Float64Array(n);
    let s = 42;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const v = s / 2147483648;
      p[i] = v;
      y[i] = v > 0.3 === i % 3 > 0 ? 1 : 0;
    }
    return { ms: await timed(() => binaryMetrics(y, p, 0.5)) };
  },
  async gate(a) {
    // The whole gate in-process, as the CLI runs it; exit 1 (a FAIL) is a verdict, not an error.
    let err = '';
    const io = {
      stdout: (t: string) => void t,
      stderr: (t: string) => {
        err += t;
      },
      now: () => performance.now(),
    };
    const argv = ['gate', '--config', a.config as string, '--out', a.out as string, '--quiet'];
    let code = 0;
    const ms = await timed(async () => {
      code = await main(argv, io);
    });
    if (code > 1) throw new Error(`gate exited ${code}: ${err}`);
    const json = JSON.parse(readFileSync(a.out as string, 'utf8')) as {
      timings: Record<string, number>;
    };
    return { ms, ...json.timings };
  },
  async evaluate(a) {
    let report = '';
    const argv = [
      'evaluate',
      '--model',
      a.model as string,
      '--data',
      a.data as string,
      '--label',
      'y',
      '--out',
      a.out as string,
      '--quiet',
    ];
    const io = {
      stdout: (t: string) => void t,
      stderr: (t: string) => {
        report += t;
      },
      now: () => performance.now(),
    };
    const ms = await timed(async () => {
      const code = await main(argv, io);
      if (code !== 0) throw new Error(`evaluate exited ${code}: ${report}`);
    });
    const json = JSON.parse(readFileSync(a.out as string, 'utf8')) as {
      timings: Record<string, number>;
    };
    return { ms, ...json.timings };
  },
};

const [task, raw] = process.argv.slice(2);
const run = tasks[task ?? ''];
if (!run) throw new Error(`unknown task ${task}`);
const result = await run(JSON.parse(raw ?? '{}') as Args);
process.stdout.write(
  `${JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
