/**
 * The gate's model cards and their diff: each model's card is built from its model-card.yml
 * (config `cards`, else `<model>.card.yml` beside the model when it exists), its ONNX contract
 * and metadata_props, and what the gate measured (metrics; file, latency, memory and request
 * columns for serving); the diff adds the metric deltas with their intervals and the measured
 * latencies.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readStructuredFile } from '../data/structured-file.js';
import {
  buildCard,
  type CardDiff,
  type CardEvaluation,
  cardServing,
  diffCards,
  type LatencyJson,
  type ModelCard,
  type ServingColumn,
} from '../domain/card/index.js';
import type { ServingContract } from '../domain/contract/index.js';
import type { MetricComparison, ServingJson, SliceReport } from '../domain/gate/report.js';
import type { DataJson, ModelJson } from '../domain/report.js';
import type { Latency } from '../runtime/latency.js';

export interface UserCardFile {
  readonly value: unknown;
  readonly source: string;
}

/** The card file of a model: `explicit` (must exist), else `<model>.card.yml|yaml|json` if any. */
export async function readUserCard(
  explicit: string | undefined,
  modelPath: string,
): Promise<UserCardFile | null> {
  if (explicit !== undefined) {
    const file = await readStructuredFile(
      explicit,
      explicit,
      'model card',
      "Check cards: in the config: its paths are relative to the config file's folder.",
    );
    return { value: file.value, source: explicit };
  }
  const stem = modelPath.replace(/\.onnx$/i, '');
  for (const ext of ['.card.yml', '.card.yaml', '.card.json']) {
    const path = `${stem}${ext}`;
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) {
      const file = await readStructuredFile(path, path, 'model card');
      return { value: file.value, source: path };
    }
  }
  return null;
}

export function latencyJson(latency: Latency | null): LatencyJson | null {
  return latency === null
    ? null
    : {
        batch_rows: latency.batchRows,
        runs: latency.runs,
        p50_ms: latency.p50Ms,
        p95_ms: latency.p95Ms,
      };
}

export interface GateCardsInput {
  readonly models: { readonly candidate: ModelJson; readonly baseline: ModelJson };
  readonly userCards: {
    readonly candidate: UserCardFile | null;
    readonly baseline: UserCardFile | null;
  };
  readonly holdout: DataJson;
  readonly metrics: Record<string, MetricComparison>;
  readonly slices: readonly SliceReport[];
  /** Metrics also reported per slice in the cards (those the rules use). */
  readonly sliceMetrics: readonly string[];
  readonly latency: {
    readonly candidate: LatencyJson | null;
    readonly baseline: LatencyJson | null;
  };
  /** Each side's serving-contract columns (app/contract.ts); null for predictions. */
  readonly columns?: {
    readonly candidate: readonly ServingColumn[] | null;
    readonly baseline: readonly ServingColumn[] | null;
  };
  /** report.json `serving` (latency and memory rules' figures), for the cards. */
  readonly serving?: ServingJson | undefined;
  /** Each side's serving contract, for its card's request columns; null for predictions. */
  readonly contracts?: {
    readonly candidate: ServingContract | null;
    readonly baseline: ServingContract | null;
  };
}

export interface GateCards {
  readonly cards: { readonly candidate: ModelCard; readonly baseline: ModelCard };
  readonly card_diff: CardDiff;
}

export function gateCards(input: GateCardsInput): GateCards {
  const card = (side: 'candidate' | 'baseline'): ModelCard => {
    const user = input.userCards[side];
    const model = input.models[side];
    return buildCard({
      user: user?.value,
      sourceName: user?.source ?? `the ${side}'s model card`,
      model,
      evaluation: evaluation(input, side),
      // A model given as predictions was never run here: nothing of serving it is known.
      serving:
        model.source === 'onnx'
          ? cardServing({
              bytes: model.bytes,
              threads: model.threads,
              latency: input.latency[side],
              serving: input.serving,
              side,
              contract: input.contracts?.[side] ?? null,
            })
          : undefined,
    });
  };
  const cards = { candidate: card('candidate'), baseline: card('baseline') };
  const card_diff = diffCards({
    baseline: cards.baseline,
    candidate: cards.candidate,
    baselineModel: input.models.baseline,
    candidateModel: input.models.candidate,
    latency: input.latency,
    ...(input.columns ? { columns: input.columns } : {}),
    metrics: Object.entries(input.metrics).map(([metric, m]) => ({
      metric,
      baseline: m.baseline,
      candidate: m.candidate,
      delta: m.delta,
      ci: m.ci.delta,
    })),
  });
  return { cards, card_diff };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function evaluation(input: GateCardsInput, side: 'candidate' | 'baseline'): CardEvaluation {
  const metrics: CardEvaluation['metrics'][number][] = Object.entries(input.metrics).map(
    ([name, m]) => ({ name, value: finiteOrNull(m[side]), ci: m.ci[side], slice: null }),
  );
  for (const slicing of input.slices) {
    for (const group of slicing.groups) {
      for (const name of input.sliceMetrics) {
        const m = group.metrics[name];
        if (m === undefined) continue;
        metrics.push({
          name,
          value: finiteOrNull(m[side]),
          ci: m.ci[side],
          slice: `${slicing.name}=${group.slice}`,
        });
      }
    }
  }
  return {
    dataset: {
      name: basename(input.holdout.path),
      sha256: input.holdout.sha256,
      rows: input.holdout.rows,
    },
    metrics,
  };
}
