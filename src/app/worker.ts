/**
 * A worker thread's entry, for the two jobs model-gate shares across threads: a shard of the
 * paired bootstrap (parallel-bootstrap.ts), whose values are posted back with their buffer
 * transferred, or a part of a CSV file (data/csv/parts.ts), read into shared memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PartRequest, readPart } from '../data/csv/parts.js';
import { bootstrapShard, kernelOf } from '../domain/stats/index.js';
import type { ShardRequest } from './parallel-bootstrap.js';

const request = workerData as ShardRequest | PartRequest;
if (request.kind === 'csv-part') {
  // The part's rows are in memory shared with the reading thread; only their summary is posted.
  parentPort?.postMessage(readPart(request));
} else {
  const shard = bootstrapShard(kernelOf(request.spec), request.seed, request.from, request.to);
  parentPort?.postMessage(shard, [shard.values.buffer as ArrayBuffer]);
}
