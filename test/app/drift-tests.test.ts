/**
 * Drift's column tests on a worker (app/drift-tests.ts: the compiled worker in lib/app/, which npm
 * test builds first) give the report of the main thread, value for value, and the same InputError
 * for a bad column; small inputs, and inputs too large to copy, stay on the main thread.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driftTests, MIN_ASIDE_VALUES } from '../../src/app/drift-tests.js';
import { workerScript } from '../../src/app/worker-script.js';
import { type DriftColumnInput, detectDrift } from '../../src/domain/drift/index.js';
import { InputError } from '../../src/domain/errors.js';
import { rng } from '../support/rng.js';

const worker = workerScript(pathToFileURL(resolve('lib/cli/index.js')).href) as URL;

function columns(rows: number, shared: boolean): DriftColumnInput[] {
  const r = rng(5);
  // Every 50th value missing; in memory shared between threads as a parallel CSV read leaves it.
  const numbers = (shift: number) => {
    const buffer = shared ? new SharedArrayBuffer(rows * 4) : new ArrayBuffer(rows * 4);
    const out = new Float32Array(buffer);
    for (let i = 0; i < rows; i++) out[i] = i % 50 === 0 ? Number.NaN : r() * 10 + shift;
    return out;
  };
  const codes = (p: number) =>
    Int32Array.from({ length: rows }, () => (r() < p ? 0 : r() < 0.5 ? 1 : 2));
  return [
    {
      name: 'x',
      reference: { kind: 'number', values: numbers(0) },
      current: { kind: 'number', values: numbers(0.3) },
    },
    {
      name: 'y',
      reference: { kind: 'number', values: numbers(0) },
      current: { kind: 'number', values: numbers(0) },
    },
    {
      name: 'plan',
      reference: { kind: 'category', codes: codes(0.5), levels: ['a', 'b', 'c'] },
      current: { kind: 'category', codes: codes(0.4), levels: ['a', 'b', 'c'] },
    },
  ];
}

describe('drift tests beside the comparison', () => {
  it('on a worker: the main thread’s report, value for value', async () => {
    const input = columns(200_000, true);
    const report = await driftTests(input, { method: 'auto' }, worker)();
    expect(report).toEqual(detectDrift(input, { method: 'auto' }));
    expect(report.columns.x?.drifted).toBe(true);
    expect(report.columns.y?.drifted).toBe(false);
  });

  it('on a worker: a bad column is the same InputError', async () => {
    const [x] = columns(MIN_ASIDE_VALUES, false);
    const bad: DriftColumnInput = {
      name: 'x',
      reference: (x as DriftColumnInput).reference,
      current: { kind: 'category', codes: new Int32Array(MIN_ASIDE_VALUES), levels: ['a'] },
    };
    let inline: unknown;
    try {
      detectDrift([bad]);
    } catch (error) {
      inline = error;
    }
    const aside = await driftTests([bad], {}, worker)().catch((error: unknown) => error);
    expect(aside).toBeInstanceOf(InputError);
    expect((aside as InputError).message).toBe((inline as InputError).message);
    expect((aside as InputError).hint).toBe((inline as InputError).hint);
  });

  it('goes to the worker only when large, and not for large columns it would have to copy', async () => {
    // A worker script that does not exist shows where the tests ran: a worker fails to start.
    const missing = pathToFileURL(resolve('lib/app/no-such-worker.js'));
    await expect(driftTests(columns(200_000, true), {}, missing)()).rejects.toThrow();
    expect((await driftTests(columns(1_000, true), {}, missing)()).dataset.columns).toBe(3);
    // 3M float32 values a side, not shared: 72 MB to copy, so they are tested here.
    expect((await driftTests(columns(3_000_000, false), {}, missing)()).dataset.columns).toBe(3);
  }, 60_000);
});
