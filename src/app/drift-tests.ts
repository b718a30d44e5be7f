/**
 * Drift's column tests beside the comparison: on a worker thread when the columns are large, so
 * that they run while this thread compares the models (each is single-threaded, and a runner has
 * at least two cores); here, when they are small or no worker script exists. The report is the
 * same either way — the tests depend only on the columns and options — and a bad column is the
 * same InputError. Columns a parallel CSV read left in shared memory reach the worker without a
 * copy; other large columns are tested here rather than copied.
 */
import { Worker } from 'node:worker_threads';
import {
  type DriftColumnInput,
  type DriftOptions,
  type DriftReport,
  detectDrift,
} from '../domain/drift/index.js';
import { InputError } from '../domain/errors.js';

/** Fewer values than this (both sides of every column) are tested here: a worker costs ~0.1 s. */
export const MIN_ASIDE_VALUES = 1_000_000;
/** Columns not in shared memory are copied to the worker only up to this size. */
export const MAX_COPIED_BYTES = 64 << 20;

/** What the worker is sent. */
export interface DriftRequest {
  readonly kind: 'drift';
  readonly columns: readonly DriftColumnInput[];
  readonly options: DriftOptions;
}

/** The worker's answer: the report, or the input error a column raised. */
export type DriftAnswer =
  | { readonly ok: true; readonly report: DriftReport }
  | { readonly ok: false; readonly message: string; readonly hint: string | undefined };

/** The worker's side. */
export function answerDrift(request: DriftRequest): DriftAnswer {
  try {
    return { ok: true, report: detectDrift(request.columns, request.options) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, message: error.message, hint: error.hint };
  }
}

function arraysOf(columns: readonly DriftColumnInput[]): ArrayBufferView[] {
  return columns.flatMap((c) =>
    [c.reference, c.current].map((s) => (s.kind === 'number' ? s.values : s.codes)),
  );
}

/**
 * Starts the tests: on `worker` when worthwhile (see the header), else when the result is asked
 * for. The returned function gives the report (or throws the tests' InputError).
 */
export function driftTests(
  columns: readonly DriftColumnInput[],
  options: DriftOptions,
  worker: URL | null,
): () => Promise<DriftReport> {
  const arrays = arraysOf(columns);
  const values = arrays.reduce(
    (sum, a) => sum + a.byteLength / (a as Int32Array).BYTES_PER_ELEMENT,
    0,
  );
  const copied = arrays.reduce(
    (sum, a) => sum + (a.buffer instanceof SharedArrayBuffer ? 0 : a.byteLength),
    0,
  );
  if (worker === null || values < MIN_ASIDE_VALUES || copied > MAX_COPIED_BYTES) {
    return async () => detectDrift(columns, options);
  }
  const answer = new Promise<DriftAnswer>((resolve, reject) => {
    const thread = new Worker(worker, {
      workerData: { kind: 'drift', columns, options } satisfies DriftRequest,
    });
    let result: DriftAnswer | null = null;
    thread.once('message', (message: DriftAnswer) => {
      result = message;
    });
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (result !== null) resolve(result);
      else reject(new Error(`bug: the drift worker exited with code ${code} and no result`));
    });
  });
  // Settled even if the gate fails before asking for it, so a rejection is never unhandled.
  answer.catch(() => undefined);
  return async () => {
    const a = await answer;
    if (!a.ok) throw new InputError(a.message, a.hint);
    return a.report;
  };
}
