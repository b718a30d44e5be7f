/**
 * The bootstrap on worker threads gives exactly the numbers of one thread: the compiled worker in
 * lib/app/ (npm test builds it before vitest runs) computes the other shards.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parallelBootstrap, shardRanges } from '../../src/app/parallel-bootstrap.js';
import { workerScript } from '../../src/app/worker-script.js';
import { type KernelSpec, kernelOf, pairedBootstrap } from '../../src/domain/stats/index.js';
import { telco, telcoSlicing } from '../domain/stats/support.js';

const { y, score: candidate } = telco('candidate');
const { score: baseline } = telco('baseline');
const spec: KernelSpec = {
  task: 'binary',
  input: { y, candidate, baseline, threshold: 0.5, slicings: [telcoSlicing('Contract')] },
};
const libWorker = workerScript(pathToFileURL(resolve('lib/cli/index.js')).href);

describe('parallelBootstrap', () => {
  it('finds the compiled worker beside lib/cli and none beside the TypeScript sources', () => {
    expect(libWorker, 'run npm run build first (npm test does)').not.toBeNull();
    expect(workerScript(pathToFileURL(resolve('src/cli/index.ts')).href)).toBeNull();
  });

  it('splits the resamples into contiguous, even shards', () => {
    expect(shardRanges(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(shardRanges(1, 1)).toEqual([[0, 1]]);
  });

  it('on 3 threads equals one thread, sample for sample', async () => {
    const one = pairedBootstrap(kernelOf(spec), { resamples: 200, seed: 7 });
    const three = await parallelBootstrap(spec, {
      resamples: 200,
      seed: 7,
      threads: 3,
      workerUrl: libWorker,
    });
    expect(three.threads).toBe(3);
    expect(three.groups.length).toBe(one.groups.length);
    one.groups.forEach((g, i) => {
      for (const [name, m] of Object.entries(g.metrics)) {
        const t = three.groups[i]?.metrics[name];
        expect(t?.samples.delta).toEqual(m.samples.delta);
        expect(t?.samples.candidate).toEqual(m.samples.candidate);
        expect(t?.candidate).toBe(m.candidate);
      }
    });
  });

  it('stays on this thread without a worker script or with few resamples', async () => {
    const none = await parallelBootstrap(spec, {
      resamples: 50,
      seed: 7,
      threads: 4,
      workerUrl: null,
    });
    expect(none.threads).toBe(1);
    const few = await parallelBootstrap(spec, {
      resamples: 30,
      seed: 7,
      threads: 4,
      workerUrl: libWorker,
    });
    expect(few.threads).toBe(1);
  });

  it('rejects a resample count that is not a positive integer', async () => {
    await expect(
      parallelBootstrap(spec, { resamples: 0, seed: 7, threads: 2, workerUrl: null }),
    ).rejects.toThrow(/positive integer/);
  });
});
