/**
 * An ONNX file read without onnxruntime: its bytes, sha256 and decoded contract. Loading a model
 * starts here; `model-gate card` needs nothing more (and so works for a model onnxruntime cannot
 * open). Every failure a user can cause names the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { refuseLfsPointer } from '../data/text-encoding.js';
import { InputError } from '../domain/errors.js';
import { decodeContract, type ModelContract } from './onnx/contract.js';
import { WireError } from './onnx/wire.js';

export interface InspectedModel {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly contract: ModelContract;
  readonly file: Buffer;
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

function notOnnx(role: string, path: string, why: string): InputError {
  return new InputError(
    `${role} '${path}' is not an ONNX model: ${why}`,
    'Export the model to ONNX (for scikit-learn, skl2onnx) and check the file was copied whole.',
  );
}

/** Runs a protobuf decoder over the model's bytes; a wire error is the file's fault, named. */
export function decoded<T>(role: string, path: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof WireError)
      throw notOnnx(
        role,
        path,
        `the protobuf does not decode (${error.message}); is it truncated?`,
      );
    throw error;
  }
}

export function inspectModel(path: string, role: string): InspectedModel {
  const file = readModelFile(path, role);
  if (file.length === 0) throw notOnnx(role, path, 'the file is empty');
  refuseLfsPointer(file, `${role} '${path}'`);
  const contract = decoded(role, path, () => decodeContract(file));
  if (contract.irVersion === 0 || contract.outputs.length === 0) {
    throw notOnnx(role, path, 'it has no ir_version or no graph outputs');
  }
  return {
    path,
    sha256: createHash('sha256').update(file).digest('hex'),
    bytes: file.length,
    contract,
    file,
  };
}
