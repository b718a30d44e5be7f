/**
 * How each model was run and read: which output, read as probabilities or logits and why, a
 * fixed batch and its padding, predictions and how they met the holdout. Small print under the
 * metrics: a reader checking a surprising number starts here.
 */
import { list, type Md, raw, small, text } from '../markdown/index.js';
import { modelLines } from '../model-reading.js';
import type { GateMarkdownReport } from './format.js';

export function modelsForms(r: GateMarkdownReport): { md: Md }[] {
  const line = (side: 'candidate' | 'baseline') =>
    small(
      raw(
        `${side}: ${modelLines(r.models[side])
          .map((l) => text(l))
          .join('; ')}`,
      ),
    );
  return [{ md: list([line('candidate'), line('baseline')]) }];
}
