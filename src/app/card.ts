/**
 * `model-gate card`: one model's card from its optional model-card.yml, its ONNX contract and
 * metadata_props, and — given a report.json of `evaluate` or `gate` that scored this very model
 * (matched by sha256) — the metrics measured there: a gate report already holds the model's
 * card's measurements (with intervals and slices, and what serving it costs), an evaluate report
 * its point estimates.
 */
import { basename } from 'node:path';
import { readReport } from '../data/report-file.js';
import { readStructuredFile } from '../data/structured-file.js';
import {
  buildCard,
  type CardEvaluation,
  type CardServing,
  type ModelCard,
} from '../domain/card/index.js';
import { InputError } from '../domain/errors.js';
import type { ModelJson } from '../domain/report.js';
import { inspectModel } from '../runtime/inspect.js';
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
  // The contract and hash are all a card needs: no onnxruntime session.
  const model = inspectModel(request.model, 'model');
  const measured = request.report
    ? await evaluationFrom(request.report, model.sha256, request.model)
    : undefined;
  return buildCard({
    user,
    sourceName: request.card ?? 'the model card',
    // How the report read the model's output goes on the card with its metrics.
    model: { ...measured?.model, path: model.path, contract: contractJson(model.contract) },
    evaluation: measured?.evaluation,
    serving: measured?.serving,
  });
}

/** The measurements report.json holds for the model with this sha256. */
async function evaluationFrom(
  path: string,
  sha256: string,
  modelPath: string,
): Promise<{ evaluation: CardEvaluation; model: ModelJson; serving?: CardServing | undefined }> {
  const read = await readReport(path, '--report', ['gate', 'evaluate']);
  const other = (why: string) =>
    new InputError(
      `--report '${path}' ${why}`,
      'Pass the report.json that `model-gate evaluate` or `model-gate gate` wrote for this model.',
    );
  if (read.command === 'evaluate') {
    const { report } = read;
    if (report.model.sha256 !== sha256) {
      throw other(`scored another model, not '${modelPath}' (sha256 differs)`);
    }
    const evaluation = {
      dataset: {
        name: basename(report.data.path),
        sha256: report.data.sha256,
        rows: report.data.rows,
      },
      metrics: Object.entries(report.metrics).map(([name, v]) => ({
        name,
        value: Number.isFinite(v) ? v : null,
        ci: null,
        slice: null,
      })),
    };
    return { evaluation, model: report.model };
  }
  const { report } = read;
  const side = (['candidate', 'baseline'] as const).find((s) => report.models[s].sha256 === sha256);
  if (side === undefined) {
    throw other(`compared two other models, neither of which is '${modelPath}' (sha256 differs)`);
  }
  const measured = report.cards[side].quantitative_analysis;
  if (measured.dataset === null) throw other(`holds no measurements for '${modelPath}'`);
  return {
    evaluation: { dataset: measured.dataset, metrics: measured.metrics },
    model: report.models[side],
    // What the gate measured of serving it (absent in reports written before issue 13).
    serving: report.cards[side].serving,
  };
}
