/**
 * How a model was run and read, in words, for the printed summary, the Markdown reports and the
 * card: which output, read as what and why; a fixed batch and its padding; where predictions
 * came from and how they met the holdout. Plain text: renderers escape it.
 */
import type { ModelJson, OutcomesJson } from '../report.js';
import { formatCount } from './format.js';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** e.g. "'logit' read as logits, turned into probabilities (values outside [0, 1], ...)". */
export function readingText(m: Pick<ModelJson, 'output' | 'score' | 'score_reason'>): string {
  const what =
    m.score === 'value'
      ? 'read as values'
      : m.score === 'logit'
        ? 'read as logits, turned into probabilities'
        : 'read as probabilities';
  // Reports written before score_reason existed still render.
  return m.score_reason ? `'${m.output}' ${what} (${m.score_reason})` : `'${m.output}' ${what}`;
}

/** The fixed batch, when the model has one; null otherwise. */
export function batchText(m: Pick<ModelJson, 'fixed_batch' | 'padded_rows'>): string | null {
  if (m.fixed_batch === null || m.fixed_batch === undefined) return null;
  const padded =
    m.padded_rows > 0
      ? `; the last batch was padded with ${plural(m.padded_rows, 'copy', 'copies')} of its last row, whose outputs were dropped`
      : '';
  return `run ${plural(m.fixed_batch, 'row')} at a time: the model's inputs fix the batch${padded}`;
}

const JOINS = {
  id: (id: string | null) => `joined to the holdout on '${id ?? 'id'}'`,
  row: () => "joined to the holdout by the row numbers 'model-gate predict' wrote",
  order: () => 'joined to the holdout by row order',
} as const;

/** Where predictions came from; null for a model that ran here. */
export function sourceText(m: Pick<ModelJson, 'predictions'>): string | null {
  const p = m.predictions;
  if (p === null || p === undefined) return null;
  const files = p.files.length === 1 ? 'one file' : `${p.files.length} files`;
  const extra =
    p.unmatched > 0 ? `; ${plural(p.unmatched, 'prediction row')} matched no holdout row` : '';
  return `given as predictions (${files}, ${plural(p.rows, 'row')}), ${JOINS[p.join](p.id)}${extra}`;
}

/** Outcome tracking's counts: "1,200 of 1,500 predictions have a label (300 not yet) ...". */
export function outcomesText(o: OutcomesJson): string {
  const extra =
    o.labels_without_prediction > 0
      ? `; ${plural(o.labels_without_prediction, 'label')} matched no prediction`
      : '';
  return `${formatCount(o.labeled)} of ${plural(o.predictions, 'prediction')} have a label (joined on '${o.on}'); ${formatCount(o.unlabeled)} have none yet and are not in the metrics${extra}`;
}

/** Every line that applies to the model, in order. */
export function modelLines(m: ModelJson): string[] {
  return [sourceText(m), readingText(m), batchText(m)].filter((l): l is string => l !== null);
}
