/**
 * Where model-gate can run a model: the platforms whose onnxruntime binding the release tree and
 * the npm package carry (onnxruntime-node 1.30 ships each of them), with the GitHub-hosted runner
 * labels that land on each. One list serves the build (which bindings to copy), the loader (what
 * to name when a binding is missing) and the README's table.
 */
export interface SupportedPlatform {
  /** process.platform */
  readonly platform: 'linux' | 'darwin' | 'win32';
  /** process.arch */
  readonly arch: 'x64' | 'arm64';
  /** For people: "Linux x64". */
  readonly label: string;
  /** GitHub-hosted runner labels that run on this platform. */
  readonly runners: readonly string[];
  /**
   * Files of onnxruntime-node's bin/napi-v6/<platform>/<arch>/ the binding needs at run time;
   * darwin's libonnxruntime.1.30.0.dylib is a byte-for-byte copy of the libonnxruntime.1.dylib
   * the binding links (@rpath), and Windows' DirectML files serve a GPU provider model-gate does
   * not use, so they are left out (about 24 MB gzipped less for every runner to download).
   */
  readonly files: readonly string[];
}

export const SUPPORTED_PLATFORMS: readonly SupportedPlatform[] = [
  {
    platform: 'linux',
    arch: 'x64',
    label: 'Linux x64',
    runners: ['ubuntu-latest', 'ubuntu-24.04', 'ubuntu-22.04'],
    files: ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  },
  {
    platform: 'linux',
    arch: 'arm64',
    label: 'Linux arm64',
    runners: ['ubuntu-24.04-arm', 'ubuntu-22.04-arm'],
    files: ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  },
  {
    platform: 'darwin',
    arch: 'arm64',
    label: 'macOS arm64',
    runners: ['macos-latest', 'macos-15', 'macos-14'],
    files: ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'],
  },
  {
    platform: 'win32',
    arch: 'x64',
    label: 'Windows x64',
    runners: ['windows-latest', 'windows-2025', 'windows-2022'],
    // onnxruntime.dll delay-loads DirectML.dll (and through it dxcompiler.dll and dxil.dll):
    // only the DirectML execution provider loads them, and model-gate runs on the CPU.
    files: ['onnxruntime_binding.node', 'onnxruntime.dll'],
  },
];

/** Where onnxruntime-node (and the bundle, which keeps its relative path) loads the binding from. */
export function bindingDir(platform: string, arch: string): string {
  return `bin/napi-v6/${platform}/${arch}`;
}

export function findPlatform(platform: string, arch: string): SupportedPlatform | undefined {
  return SUPPORTED_PLATFORMS.find((p) => p.platform === platform && p.arch === arch);
}

/** "Linux x64 (ubuntu-latest), Linux arm64 (ubuntu-24.04-arm), ..." */
export function describeSupported(): string {
  return SUPPORTED_PLATFORMS.map((p) => `${p.label} (${p.runners[0]})`).join(', ');
}
