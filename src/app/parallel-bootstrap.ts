/**
 * The paired bootstrap on several threads. Resample b depends only on (seed, b) and the data
 * (domain/stats/bootstrap.ts), so resamples [0, B) are split into one contiguous shard per thread:
 * this thread computes the first, worker threads the others, each from its own copy of the kernel
 * inputs, and the merged shards are exactly the numbers a single thread would give.
 *
 * The worker script is found beside the caller's build (lib/app/ or dist/app/); where it does not
 * exist (the TypeScript sources under test) every resample runs on this thread.
 */
import { Worker } from 'node:worker_threads';
import {
  type BootstrapShard,
  bootstrapShard,
  type KernelSpec,
  kernelOf,
  mergeShards,
  type PairedBootstrap,
  summarizeBootstrap,
} from '../domain/stats/index.js';

/** What a worker is sent: the kernel inputs and its range of resamples. */
export interface ShardRequest {
  readonly kind: 'bootstrap';
  readonly spec: KernelSpec;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export interface ParallelBootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  /** Threads to use, this one included. */
  readonly threads: number;
  /** The compiled worker.js; null runs everything on this thread. */
  readonly workerUrl: URL | null;
}

/** Fewer resamples than this per thread are not worth a worker's start-up and copy. */
const MIN_SHARD = 25;
/**
 * Each worker holds its own copy of the kernel's inputs and orders (about 100 MB at 1M rows):
 * past a few threads memory grows faster than the time saved on a shared memory bus.
 */
export const MAX_BOOTSTRAP_THREADS = 8;

/** Contiguous shards [from, to) covering [0, resamples), as even as possible. */
export function shardRanges(resamples: number, shards: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < shards; i++) {
    ranges.push([Math.floor((resamples * i) / shards), Math.floor((resamples * (i + 1)) / shards)]);
  }
  return ranges;
}

export async function parallelBootstrap(
  spec: KernelSpec,
  options: ParallelBootstrapOptions,
): Promise<PairedBootstrap & { readonly threads: number }> {
  const { resamples, seed, workerUrl } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const threads =
    workerUrl === null
      ? 1
      : Math.max(
          1,
          Math.min(options.threads, MAX_BOOTSTRAP_THREADS, Math.floor(resamples / MIN_SHARD)),
        );
  const [own, ...others] = shardRanges(resamples, threads) as [
    [number, number],
    ...Array<[number, number]>,
  ];
  const pending = others.map(([from, to]) =>
    runWorker(workerUrl as URL, { kind: 'bootstrap', spec, seed, from, to }),
  );
  // Started before this thread's own shard, so they run while it computes.
  const settled = Promise.allSettled(pending);
  const kernel = kernelOf(spec);
  const mine = bootstrapShard(kernel, seed, own[0], own[1]);
  const results = await settled;
  const shards: BootstrapShard[] = [mine];
  for (const r of results) {
    if (r.status === 'rejected') throw r.reason;
    shards.push(r.value);
  }
  return { ...summarizeBootstrap(kernel, mergeShards(shards), seed), threads };
}

function runWorker(url: URL, request: ShardRequest): Promise<BootstrapShard> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: request });
    let result: BootstrapShard | null = null;
    worker.once('message', (shard: BootstrapShard) => {
      result = shard;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== null) resolve(result);
      else
        reject(
          new Error(
            `bug: the bootstrap worker for resamples [${request.from}, ${request.to}) exited with code ${code} and no result`,
          ),
        );
    });
  });
}
