/**
 * A worker thread's entry, for the jobs model-gate shares across threads: a shard of the paired
 * bootstrap (parallel-bootstrap.ts), whose values are posted back with their buffer transferred;
 * a part of a CSV file (data/csv/parts.ts), read into shared memory; or drift's column tests
 * (drift-tests.ts), run while the main thread compares the models.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PartRequest, readPart } from '../data/csv/parts.js';
import { bootstrapShard, kernelOf } from '../domain/stats/index.js';
import { answerDrift, type DriftRequest } from './drift-tests.js';
import type { ShardRequest } from './parallel-bootstrap.js';

const request = workerData as ShardRequest | PartRequest | DriftRequest;
if (request.kind === 'drift') {
  parentPort?.postMessage(answerDrift(request));
} else if (request.kind === 'csv-part') {
  // The part's rows are in memory shared with the reading thread; only their summary is posted.
  parentPort?.postMessage(readPart(request));
} else {
  const shard = bootstrapShard(kernelOf(request.spec), request.seed, request.from, request.to);
  parentPort?.postMessage(shard, [shard.values.buffer as ArrayBuffer]);
}
