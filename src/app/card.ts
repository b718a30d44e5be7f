/**
 * `model-gate card`: one model's card from its optional model-card.yml, its ONNX contract and
 * metadata_props, and — given a report.json of `evaluate` or `gate` that scored this very model
 * (matched by sha256) — the metrics measured there, with their intervals where the gate has them.
 */
import { basename } from 'node:path';
import { readStructuredFile } from '../data/structured-file.js';
import { buildCard, type CardEvaluation, type ModelCard } from '../domain/card/index.js';
import { InputError } from '../domain/errors.js';
import { loadModel } from '../runtime/model.js';
import { contractJson } from './contract-json.js';

export interface CardRequest {
  readonly model: string;
  readonly card?: string | undefined;
  readonly report?: string | undefined;
}

export async function modelCard(request: CardRequest): Promise<ModelCard> {
  const user = request.card
    ? (await readStructuredFile(request.card, request.card, 'model card')).value
    : undefined;
  const model = await loadModel(request.model, 'model', { threads: 1 });
  const evaluation = request.report
    ? await evaluationFrom(request.report, model.sha256, request.model)
    : undefined;
  return buildCard({
    user,
    sourceName: request.card ?? 'the model card',
    model: { path: model.path, contract: contractJson(model.contract) },
    evaluation,
  });
}

interface MetricLike {
  readonly candidate: number;
  readonly baseline: number;
  readonly ci: {
    readonly candidate: [number, number] | null;
    readonly baseline: [number, number] | null;
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The metrics report.json holds for the model with this sha256. */
async function evaluationFrom(
  path: string,
  sha256: string,
  modelPath: string,
): Promise<CardEvaluation> {
  const { value } = await readStructuredFile(path, path, 'report');
  const bad = (why: string) =>
    new InputError(
      `--report '${path}' ${why}`,
      'Pass the report.json that `model-gate evaluate` or `model-gate gate` wrote for this model.',
    );
  if (!isObject(value) || value.schema !== 1)
    throw bad('is not a model-gate report.json (schema 1)');
  const data = value.command === 'gate' ? (value.data as Json | undefined)?.holdout : value.data;
  if (!isObject(data)) throw bad('has no data section');
  const dataset = {
    name: basename(String(data.path)),
    sha256: String(data.sha256),
    rows: Number(data.rows),
  };
  if (value.command === 'evaluate') {
    const model = value.model as Json | undefined;
    if (model?.sha256 !== sha256)
      throw bad(`scored another model, not '${modelPath}' (sha256 differs)`);
    const metrics = Object.entries(value.metrics as Record<string, number | null>).map(
      ([name, v]) => ({ name, value: v, ci: null, slice: null }),
    );
    return { dataset, metrics };
  }
  if (value.command !== 'gate') throw bad(`is a report of '${String(value.command)}'`);
  const models = value.models as Record<string, Json>;
  const side = (['candidate', 'baseline'] as const).find((s) => models[s]?.sha256 === sha256);
  if (side === undefined) {
    throw bad(`compared two other models, neither of which is '${modelPath}' (sha256 differs)`);
  }
  const comparison = (value.comparison as Json).metrics as Record<string, MetricLike>;
  const metrics = Object.entries(comparison).map(([name, m]) => ({
    name,
    value: Number.isFinite(m[side]) ? m[side] : null,
    ci: m.ci[side],
    slice: null,
  }));
  return { dataset, metrics };
}
