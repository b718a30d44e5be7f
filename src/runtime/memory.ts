/**
 * The memory a model's session needs, for memory rules (issue 13). The gate's own process holds
 * the data, the other model and the statistics, so its memory says nothing of one session: each
 * model is loaded and run in a child process of its own (src/probe/index.ts), on the batch it is
 * served with, and reports how far its resident memory rose.
 *
 * The figure is the process's peak resident memory while the model is loaded (read, ZipMap
 * stripped, session created) and run `runs` times, less its resident memory just before, with
 * onnxruntime already loaded and the heap collected. On Linux the peak is reset first
 * (/proc/self/clear_refs), so it is the session's alone; elsewhere the peak counts from the
 * process's start, which only a model smaller than Node's start-up transient can notice.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Table } from '../data/table.js';
import { InputError } from '../domain/errors.js';
import { firstBatch, type TimedModel } from './latency.js';

/** One tensor as it crosses to the probe (structured clone keeps typed arrays). */
export interface WireTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface ProbeRequest {
  readonly model: string;
  readonly role: string;
  readonly threads: number;
  readonly output: string;
  readonly feeds: Readonly<Record<string, WireTensor>>;
  readonly runs: number;
}

export type ProbeReply =
  | {
      readonly ok: true;
      /** Resident bytes before the model, onnxruntime loaded. */
      readonly before: number;
      /** Peak resident bytes while loading and running. */
      readonly peak: number;
      /** Resident bytes after the runs, the session still open. */
      readonly after: number;
      /** The peak was reset before the model was loaded (Linux). */
      readonly reset: boolean;
    }
  | { readonly ok: false; readonly error: string };

export interface SessionMemory {
  /** Rows each run was given. */
  readonly batchRows: number;
  /** Peak resident bytes the session added. */
  readonly peakBytes: number;
  /** Resident bytes the open session holds after its runs. */
  readonly residentBytes: number;
  readonly peakReset: boolean;
}

/** session.run calls the probe makes: the first allocates, the next reuse or grow. */
export const PROBE_RUNS = 5;
const TIMEOUT_MS = 300_000;
/** How long a probe that replied, or failed to start, may take to exit. */
const EXIT_GRACE_MS = 1000;

/** The probe's request for `m` on the first `batchRows` rows of `table` (a fixed batch: its own). */
export function probeRequest(
  m: TimedModel,
  table: Table,
  options: { readonly batchRows: number; readonly threads: number; readonly role: string },
): { request: ProbeRequest; batchRows: number } {
  const first = firstBatch(m.model, m.plans, m.batch, table, options.batchRows);
  if (first === null) throw new Error('bug: a memory rule on an empty holdout');
  const { fed } = first;
  const feeds: Record<string, WireTensor> = {};
  for (const [name, t] of Object.entries(first.feeds)) {
    feeds[name] = { type: t.type, data: t.data, dims: t.dims };
  }
  return {
    request: {
      model: m.model.path,
      role: options.role,
      threads: options.threads,
      output: m.output,
      feeds,
      runs: PROBE_RUNS,
    },
    batchRows: fed,
  };
}

/** The probe could not start or died: the runner's doing (no child processes, out of memory). */
const PROBE_HINT =
  'A memory rule runs each model in a child Node process (the same node binary); this runner could not run one to the end. Give the job more memory, run it where child processes can start, or remove the memory rule.';

/** Runs the probe at `probe` (compiled src/probe/index.ts) on one model. */
export function measureSessionMemory(
  probe: URL,
  request: ProbeRequest,
  timeoutMs = TIMEOUT_MS,
): Promise<Omit<SessionMemory, 'batchRows'>> {
  return new Promise((resolve, reject) => {
    const what = `measuring the memory of ${request.role} '${request.model}'`;
    let stderr = '';
    let failure: Error | null = null;
    let settled = false;
    const printed = () => {
      const lines = stderr
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '');
      return lines.length > 0 ? `; it printed: ${lines.slice(-3).join(' | ')}` : '';
    };
    const child = fork(fileURLToPath(probe), [], {
      // The probe's own flags, not this process's (a test runner's loaders, --inspect).
      execArgv: ['--expose-gc'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    /**
     * Settles once. A failure kills the probe at once; after a reply it has a moment to exit on
     * its own (it disconnects), then is killed, so no probe outlives its measurement.
     */
    const settle = (error: Error | null, value?: Omit<SessionMemory, 'batchRows'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
        return;
      }
      setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS).unref();
      resolve(value as Omit<SessionMemory, 'batchRows'>);
    };
    const failed = (why: string) => new InputError(`${what}: ${why}${printed()}`, PROBE_HINT);
    const timer = setTimeout(
      () => settle(failed(`the probe took over ${timeoutMs / 1000} s and was stopped`)),
      timeoutMs,
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('message', (message) => {
      const r = message as ProbeReply;
      if (r.ok) {
        settle(null, {
          peakBytes: Math.max(0, Math.max(r.peak, r.after) - r.before),
          residentBytes: Math.max(0, r.after - r.before),
          peakReset: r.reset,
        });
      } else {
        // onnxruntime or the model failed in the probe (memory, a missing binding): said as the
        // probe said it. The gate had run the model in its own process just before.
        settle(failed(`the probe failed: ${r.error}`));
      }
    });
    // A child that cannot start may emit 'error' and never 'exit': give its exit a moment, then
    // say what is known.
    child.on('error', (error) => {
      failure = error;
      setTimeout(
        () => settle(failed(`the probe process could not run: ${error.message}`)),
        EXIT_GRACE_MS,
      ).unref();
    });
    child.on('exit', (code, signal) => {
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      const cause = failure ? ` (${failure.message})` : '';
      settle(failed(`the probe process ${how}${cause} before it replied`));
    });
    child.send(request, (error) => {
      if (error) failure = error;
    });
  });
}
