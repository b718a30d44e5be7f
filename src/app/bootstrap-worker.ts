/**
 * A worker thread's entry (parallel-bootstrap.ts): builds the kernel from the inputs it was sent,
 * computes its shard of resamples, and posts the values back (their buffer is transferred).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapShard, kernelOf } from '../domain/stats/index.js';
import type { ShardRequest } from './parallel-bootstrap.js';

const request = workerData as ShardRequest;
const shard = bootstrapShard(kernelOf(request.spec), request.seed, request.from, request.to);
parentPort?.postMessage(shard, [shard.values.buffer as ArrayBuffer]);
