/**
 * A paired kernel's inputs as plain data (typed arrays and numbers), so the same kernel can be
 * built again on another thread from a structured clone: the bootstrap's shards then run in
 * worker threads and merge into exactly the numbers of one thread (bootstrap.ts).
 */
import { type BinaryPairInput, binaryKernel } from './binary-kernel.js';
import type { PairedKernel } from './kernel.js';
import { type MulticlassPairInput, multiclassKernel } from './multiclass-kernel.js';
import { type RegressionPairInput, regressionKernel } from './regression-kernel.js';

export type KernelSpec =
  | { readonly task: 'binary'; readonly input: BinaryPairInput }
  | { readonly task: 'multiclass'; readonly input: MulticlassPairInput }
  | { readonly task: 'regression'; readonly input: RegressionPairInput };

export function kernelOf(spec: KernelSpec): PairedKernel {
  switch (spec.task) {
    case 'binary':
      return binaryKernel(spec.input);
    case 'multiclass':
      return multiclassKernel(spec.input);
    case 'regression':
      return regressionKernel(spec.input);
  }
}
