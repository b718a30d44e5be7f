/**
 * runtime/memory.ts: the probe process (lib/probe/index.js, compiled before the tests) loads a
 * model as the gate does and says how far its resident memory rose; whatever goes wrong in it
 * comes back as an error naming the model, and a probe that hangs is stopped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildForest } from '../../bench/forest.js';
import { forestModel } from '../../bench/models.js';
import { FEATURE_NAMES } from '../../bench/synth.js';
import { probeScript } from '../../src/app/worker-script.js';
import { InputError } from '../../src/domain/errors.js';
import { measureSessionMemory, type ProbeRequest } from '../../src/runtime/memory.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();
const probe = probeScript(pathToFileURL(resolve('lib/cli/index.js')).href) as URL;
const TELCO = resolve('fixtures/classification_telco_churn');

/** The benchmark forest's inputs: one [rows, 1] float column per feature. */
function forestRequest(path: string, rows: number): ProbeRequest {
  return {
    model: path,
    role: 'candidate',
    threads: 1,
    output: 'probabilities',
    runs: 5,
    feeds: Object.fromEntries(
      FEATURE_NAMES.map((name) => [
        name,
        { type: 'float32', data: new Float32Array(rows).fill(0.5), dims: [rows, 1] },
      ]),
    ),
  };
}

describe('probeScript', () => {
  it('is beside a build; from the sources, the checkout’s lib/; never a stale one for a build', () => {
    const lib = pathToFileURL(resolve('lib/probe/index.js')).href;
    expect(probe.href).toBe(lib);
    expect(probeScript(pathToFileURL(resolve('src/action/main.ts')).href)?.href).toBe(lib);
    // Compiled code with no probe beside it finds none, though lib/probe is two levels up.
    expect(probeScript(pathToFileURL(resolve('scripts/any/index.js')).href)).toBeNull();
    expect(probeScript(pathToFileURL(resolve('scripts/any/index.ts')).href)?.href).toBe(lib);
    expect(probeScript(pathToFileURL(resolve('dist/cli/index.js')).href)?.href).toBe(
      pathToFileURL(resolve('dist/probe/index.js')).href,
    );
  });
});

describe('measureSessionMemory', () => {
  it('grows with the model: the forest written 10 times needs several times the memory', async () => {
    expect(probe).not.toBeNull();
    const trees = buildForest();
    const small = join(tmp.dir, 'forest.onnx');
    const large = join(tmp.dir, 'forest-x10.onnx');
    writeFileSync(small, forestModel(trees));
    writeFileSync(large, forestModel(Array.from({ length: 10 }, () => trees).flat()));
    const a = await measureSessionMemory(probe, forestRequest(small, 1));
    const b = await measureSessionMemory(probe, forestRequest(large, 1));
    expect(a.peakBytes).toBeGreaterThan(0);
    expect(b.peakBytes / a.peakBytes).toBeGreaterThan(2);
    expect(a.peakBytes).toBeGreaterThanOrEqual(a.residentBytes);
    expect(a.peakReset).toBe(process.platform === 'linux');
  }, 60_000);

  it('counts the probe’s own memory, not the size of the process that forked it', async () => {
    // A forking process this large: on Linux getrusage's maxrss in the child starts at its size,
    // and a clear_refs reset does not lower it (VmHWM is read instead).
    const ballast = new Uint8Array(400 * 2 ** 20).fill(1);
    const trees = buildForest();
    const small = join(tmp.dir, 'forest-ballast.onnx');
    writeFileSync(small, forestModel(trees));
    const m = await measureSessionMemory(probe, forestRequest(small, 1));
    expect(ballast[ballast.length - 1]).toBe(1);
    expect(m.peakBytes / 2 ** 20).toBeLessThan(200);
  }, 60_000);

  it('names the model when the probe cannot run it', async () => {
    const model = join(TELCO, 'candidate.onnx');
    await expect(
      measureSessionMemory(probe, { ...forestRequest(model, 1), feeds: {} }),
    ).rejects.toThrow(
      /^measuring the memory of candidate '.*candidate\.onnx': the probe failed: input '\w+' is missing in 'feeds'/,
    );
    await expect(
      measureSessionMemory(probe, forestRequest(join(tmp.dir, 'nothing.onnx'), 1)),
    ).rejects.toThrow(/nothing\.onnx/);
  }, 60_000);

  it('says a probe that dies before replying is the runner’s doing, with what it printed', async () => {
    const dies = pathToFileURL(
      tmp.write(
        'dies.mjs',
        "process.stderr.write('killed: out of memory\\n');\nprocess.exit(137);\n",
      ),
    );
    const attempt = measureSessionMemory(dies, forestRequest(join(TELCO, 'candidate.onnx'), 1));
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /^measuring the memory of candidate '.*': the probe process exited with code 137.* before it replied; it printed: killed: out of memory$/,
    );
    await expect(attempt).rejects.toMatchObject({ hint: /child Node process/ });
  });

  it('takes a reply at once, and stops a probe that does not exit after it', async () => {
    const pidFile = join(tmp.dir, 'lingers.pid');
    const lingers = pathToFileURL(
      tmp.write(
        'lingers.mjs',
        `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
process.once('message', () => {
  process.send({ ok: true, before: 100, peak: 300, after: 200, reset: false });
  setInterval(() => {}, 1000);
});
`,
      ),
    );
    const m = await measureSessionMemory(lingers, forestRequest('m.onnx', 1), 60_000);
    expect(m).toEqual({ peakBytes: 200, residentBytes: 100, peakReset: false });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  }, 30_000);

  it('stops a probe that takes too long', async () => {
    await expect(
      measureSessionMemory(probe, forestRequest(join(TELCO, 'candidate.onnx'), 1), 1),
    ).rejects.toThrow(/the probe took over 0\.001 s and was stopped/);
  });
});
