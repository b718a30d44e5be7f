/**
 * onnxruntime loaded on first use: an unsupported platform, or a binding that will not load, is
 * an input error naming the supported runners; and the release tree (dist/, which `npm test`
 * builds with every binding, as release:tree and the npm package do) holds, for each supported
 * platform, the files at exactly the path the bundled onnxruntime chunk requires for that
 * process.platform/process.arch — each a native library of that platform's format.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { loadOrt, UnsupportedPlatformError } from '../../src/runtime/ort.js';
import { bindingDir, SUPPORTED_PLATFORMS } from '../../src/runtime/platforms.js';

describe('loadOrt', () => {
  it('refuses a platform without a binding, naming the runners that have one', async () => {
    const error = await loadOrt({ platform: 'freebsd', arch: 'x64' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedPlatformError);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(/no onnxruntime binding for freebsd\/x64/);
    for (const runner of ['ubuntu-latest', 'ubuntu-24.04-arm', 'macos-latest', 'windows-latest']) {
      expect(message).toContain(runner);
    }
    expect((error as InputError).hint).toMatch(/rollback-to, run anywhere/);
  });

  it('turns a binding that will not load into the same error, and tries again next time', async () => {
    const host = { platform: 'linux', arch: 'x64' };
    const broken = () =>
      Promise.reject(
        new Error("Cannot find module '../bin/napi-v6/linux/x64/onnxruntime_binding.node'"),
      );
    const error = await loadOrt(host, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedPlatformError);
    expect((error as Error).message).toMatch(
      /binding for linux\/x64 could not be loaded: Cannot find module/,
    );
    const ort = await loadOrt(host, () => import('onnxruntime-node'));
    expect(typeof ort.InferenceSession.create).toBe('function');
  });
});

/** The first bytes of a native library, as each platform's loader expects them. */
function format(path: string): string {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(64);
  readSync(fd, head, 0, 64, 0);
  closeSync(fd);
  if (head.readUInt32BE(0) === 0x7f454c46) {
    // ELF e_machine: 0x3e x86-64, 0xb7 AArch64.
    const machine = head.readUInt16LE(18);
    return machine === 0x3e ? 'linux/x64' : machine === 0xb7 ? 'linux/arm64' : `elf ${machine}`;
  }
  if (head.readUInt32LE(0) === 0xfeedfacf) {
    // Mach-O 64: cputype 0x0100000c is arm64.
    return head.readUInt32LE(4) === 0x0100000c ? 'darwin/arm64' : 'mach-o other';
  }
  if (head.toString('latin1', 0, 2) === 'MZ') {
    const fd2 = openSync(path, 'r');
    const pe = Buffer.alloc(6);
    readSync(fd2, pe, 0, 6, head.readUInt32LE(0x3c));
    closeSync(fd2);
    // IMAGE_FILE_MACHINE_AMD64 = 0x8664.
    return pe.readUInt16LE(4) === 0x8664 ? 'win32/x64' : `pe ${pe.readUInt16LE(4)}`;
  }
  return 'unknown';
}

describe('the release tree (dist/)', () => {
  // The path onnxruntime-node's binding.js requires, as ncc kept it in the chunk it split off.
  const chunks = (bundle: string) =>
    readdirSync(join('dist', bundle))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join('dist', bundle, f), 'utf8'))
      .join('\n');

  it.each(['cli', 'action'])('dist/%s requires the binding by platform and arch', (bundle) => {
    const found = chunks(bundle).match(
      // ncc writes the require as createRequire(import.meta.url)(`...`): relative to the chunk.
      /\(`\.\.\/bin\/napi-v6\/\$\{process\.platform\}\/\$\{process\.arch\}\/onnxruntime_binding\.node`\)/g,
    );
    expect(found, 'the onnxruntime chunk').toHaveLength(1);
  });

  it.each(SUPPORTED_PLATFORMS.map((p) => [p.label, p] as const))(
    'holds the %s binding where the bundle loads it from',
    (_, p) => {
      // What `../bin/napi-v6/${process.platform}/${process.arch}/` is from dist/cli and dist/action.
      const dir = join('dist', bindingDir(p.platform, p.arch));
      for (const file of p.files) {
        const path = join(dir, file);
        expect(existsSync(path), `${path} (npm test builds dist/ with --release)`).toBe(true);
        expect(format(path), path).toBe(`${p.platform}/${p.arch}`);
      }
      expect(readdirSync(dir).sort()).toEqual([...p.files].sort());
    },
  );

  it('holds no binding of a platform it does not support', () => {
    const platforms = readdirSync(join('dist', 'bin', 'napi-v6')).flatMap((platform) =>
      readdirSync(join('dist', 'bin', 'napi-v6', platform)).map((arch) => `${platform}/${arch}`),
    );
    expect(platforms.sort()).toEqual(
      SUPPORTED_PLATFORMS.map((p) => `${p.platform}/${p.arch}`).sort(),
    );
  });
});
