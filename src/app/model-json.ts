/**
 * A model's part of report.json, whether it ran here as ONNX or came as predictions.
 */
import type { ModelJson } from '../domain/report.js';
import type { Scoring } from '../domain/scoring.js';
import { contractJson } from './contract-json.js';
import type { ModelValues } from './model-side.js';

export function modelJsonOf(
  values: ModelValues,
  scoring: Scoring,
  path: string,
  threads: number,
  id: string | undefined,
): ModelJson {
  const common = {
    path,
    output: values.output,
    score: scoring.score,
    score_reason: scoring.scoreReason,
  };
  if (values.onnx) {
    const { model, batch, paddedRows } = values.onnx;
    return {
      ...common,
      source: 'onnx',
      sha256: model.sha256,
      bytes: model.bytes,
      threads,
      batch_size: batch.size,
      fixed_batch: batch.fixed ? batch.size : null,
      padded_rows: paddedRows,
      zipmap_stripped: model.zipmapReplaced,
      contract: contractJson(model.contract),
      predictions: null,
    };
  }
  const p = values.predictions;
  if (!p) throw new Error('bug: model values from neither a model nor predictions');
  return {
    ...common,
    source: 'predictions',
    sha256: p.sha256,
    bytes: p.bytes,
    threads: null,
    batch_size: null,
    fixed_batch: null,
    padded_rows: 0,
    zipmap_stripped: {},
    contract: null,
    predictions: {
      files: p.files.map((f) => ({ ...f })),
      join: p.join,
      id: id ?? null,
      rows: p.rows,
      unmatched: p.unmatched,
      model_sha256: p.modelSha256,
    },
  };
}
