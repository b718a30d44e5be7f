/**
 * onnxruntime-node, loaded on first use rather than at import: its native binding is required
 * when the package is evaluated, so a static import would crash every command — `rollback`,
 * `card`, publishing a report — on a machine without the binding, before any message could
 * say why. A missing or unloadable binding becomes an UnsupportedPlatformError that names the
 * platforms model-gate runs on.
 */
import type * as Ort from 'onnxruntime-node';
import { InputError } from '../domain/errors.js';
import { describeSupported, findPlatform } from './platforms.js';

export type OrtModule = typeof Ort;

export class UnsupportedPlatformError extends InputError {}

export interface Host {
  readonly platform: string;
  readonly arch: string;
}

let loading: Promise<OrtModule> | undefined;

/** onnxruntime-node, imported once per process. */
export function loadOrt(
  host: Host = { platform: process.platform, arch: process.arch },
  load: () => Promise<OrtModule> = () => import('onnxruntime-node'),
): Promise<OrtModule> {
  const known = findPlatform(host.platform, host.arch);
  if (known === undefined) return Promise.reject(unsupported(host, null));
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw unsupported(host, error);
  });
  return loading;
}

function unsupported(host: Host, cause: unknown): UnsupportedPlatformError {
  const where = `${host.platform}/${host.arch}`;
  const why =
    cause === null
      ? `model-gate has no onnxruntime binding for ${where}`
      : `onnxruntime's native binding for ${where} could not be loaded: ${firstLine(cause)}`;
  return new UnsupportedPlatformError(
    `${why}. Models run on ${describeSupported()}.`,
    cause === null
      ? 'Run this step on one of those runners (runs-on:); steps that need no model, such as rollback-to, run anywhere.'
      : 'This install lacks the binding for this machine: reinstall model-gate (npm), or use a release tag of the action (uses: …@v1), which carries every supported binding.',
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
