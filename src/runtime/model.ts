/**
 * Loading a model: read, hash and decode it (inspect.ts), strip ZipMap, and open an
 * onnxruntime session. Every failure a user can cause names the file.
 */
import type * as Ort from 'onnxruntime-node';
import { InputError } from '../domain/errors.js';
import { decoded, inspectModel } from './inspect.js';
import type { ModelContract, ValueInfo } from './onnx/contract.js';
import { stripZipMap } from './onnx/zipmap.js';
import { loadOrt, type OrtModule } from './ort.js';

export interface LoadedModel {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** As the file declares it (before ZipMap is stripped). */
  readonly contract: ModelContract;
  /** The outputs the session returns: the contract's, with ZipMap outputs replaced. */
  readonly outputs: ValueInfo[];
  /** ZipMap output → the probability tensor now read instead. */
  readonly zipmapReplaced: Record<string, string>;
  readonly session: Ort.InferenceSession;
  /** The onnxruntime that opened the session: feeds are made with its Tensor. */
  readonly ort: OrtModule;
}

export interface SessionOptions {
  /**
   * onnxruntime's intra-op threads. Tree ensembles sum their trees in per-thread partial sums,
   * so the last float32 bits of a score depend on the thread count (and the batch size): the
   * report records both, and `--threads` pins them for bit-for-bit reruns on other machines.
   */
  readonly threads: number;
}

export async function loadModel(
  path: string,
  role: string,
  options: SessionOptions,
): Promise<LoadedModel> {
  const { file, contract, sha256, bytes } = inspectModel(path, role);
  const stripped = decoded(role, path, () => stripZipMap(file));
  const ort = await loadOrt();
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(stripped.bytes, {
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
    });
  } catch (error) {
    throw new InputError(
      `${role} '${path}' cannot be loaded by onnxruntime ${ort.env.versions.common}: ${(error as Error).message}`,
      'Check the opsets and operators are supported by this onnxruntime version.',
    );
  }
  const outputs = contract.outputs.flatMap((output): ValueInfo[] => {
    const tensor = stripped.replaced[output.name];
    if (tensor === undefined) return [output];
    if (contract.outputs.some((o) => o.name === tensor)) return [];
    return [{ name: tensor, kind: 'tensor', type: 'float', shape: null }];
  });
  return {
    path,
    sha256,
    bytes,
    contract,
    outputs,
    zipmapReplaced: stripped.replaced,
    session,
    ort,
  };
}
