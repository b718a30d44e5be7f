/**
 * The memory probe's process (runtime/memory.ts): loads one model as the gate does, runs it on
 * the batch it was sent, replies with its resident memory before, at the peak and after, and
 * exits. A process of its own, so nothing but the session moves its memory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type * as Ort from 'onnxruntime-node';
import type { ProbeReply, ProbeRequest } from '../runtime/memory.js';
import { loadModel } from '../runtime/model.js';
import { loadOrt, type OrtModule } from '../runtime/ort.js';

/** Linux resets the peak resident memory, VmHWM, on writing 5 here. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The peak resident bytes since the reset: VmHWM on Linux. getrusage's maxrss will not do there:
 * it also keeps the forking process's size, the gate's, which the reset does not clear. Elsewhere
 * maxrss (KiB on every platform, libuv's getrusage), counting from the probe's start.
 */
function peakBytes(reset: boolean): number {
  if (reset) {
    const kib = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib !== undefined) return Number(kib) * 1024;
  }
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * An ONNX model of one Identity node on a float [1] (81 bytes). onnxruntime sets up its process
 * environment on the first session; opening and releasing this one first keeps that one-time
 * cost, the same for every model, out of the model's figure.
 */
const IDENTITY_ONNX =
  'CAgSCm1vZGVsLWdhdGUaATE6OgoTCgF4EgF5GgFuIghJZGVudGl0eRIBZ1oPCgF4EgoKCAgBEgQKAggBYg8KAXkSCgoICAESBAoCCAFCAhAN';

async function warmUp(ort: OrtModule, threads: number): Promise<void> {
  const session = await ort.InferenceSession.create(Buffer.from(IDENTITY_ONNX, 'base64'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  await session.run({ x: new ort.Tensor('float32', new Float32Array([1]), [1]) });
  await session.release();
}

async function probe(request: ProbeRequest): Promise<ProbeReply> {
  const ort = await loadOrt();
  await warmUp(ort, request.threads);
  (globalThis as { gc?: () => void }).gc?.();
  const reset = resetPeak();
  const before = process.memoryUsage.rss();
  const model = await loadModel(request.model, request.role, { threads: request.threads });
  const feeds: Record<string, Ort.Tensor> = {};
  for (const [name, t] of Object.entries(request.feeds)) {
    feeds[name] = new ort.Tensor(t.type as 'float32', t.data as Float32Array, [...t.dims]);
  }
  for (let i = 0; i < request.runs; i++) await model.session.run(feeds, [request.output]);
  const peak = peakBytes(reset);
  const after = process.memoryUsage.rss();
  return { ok: true, before, peak, after, reset };
}

process.once('message', (message) => {
  probe(message as ProbeRequest)
    .catch((error: unknown): ProbeReply => ({ ok: false, error: (error as Error).message }))
    .then((reply) => process.send?.(reply, () => process.disconnect()));
});
