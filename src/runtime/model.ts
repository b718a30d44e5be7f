/**
 * Loading a model: read and hash the file, decode its contract, strip ZipMap, and open an
 * onnxruntime session. Every failure a user can cause names the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { InputError } from '../domain/errors.js';
import { decodeContract, type ModelContract, type ValueInfo } from './onnx/contract.js';
import { WireError } from './onnx/wire.js';
import { stripZipMap } from './onnx/zipmap.js';

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
  readonly session: ort.InferenceSession;
}

function readModelFile(path: string, role: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`${role} '${path}' does not exist`, 'Check the path.');
    if (code === 'EISDIR')
      throw new InputError(`${role} '${path}' is a directory, not an .onnx file`);
    throw new InputError(`${role} '${path}' cannot be read: ${(error as Error).message}`);
  }
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
  const file = readModelFile(path, role);
  const notOnnx = (why: string) =>
    new InputError(
      `${role} '${path}' is not an ONNX model: ${why}`,
      'Export the model to ONNX (for scikit-learn, skl2onnx) and check the file was copied whole.',
    );
  if (file.length === 0) throw notOnnx('the file is empty');
  let contract: ModelContract;
  let stripped: ReturnType<typeof stripZipMap>;
  try {
    contract = decodeContract(file);
    stripped = stripZipMap(file);
  } catch (error) {
    if (error instanceof WireError)
      throw notOnnx(`the protobuf does not decode (${error.message}); is it truncated?`);
    throw error;
  }
  if (contract.irVersion === 0 || contract.outputs.length === 0) {
    throw notOnnx('it has no ir_version or no graph outputs');
  }
  let session: ort.InferenceSession;
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
    sha256: createHash('sha256').update(file).digest('hex'),
    bytes: file.length,
    contract,
    outputs,
    zipmapReplaced: stripped.replaced,
    session,
  };
}
