/**
 * `gate`: may the candidate replace the baseline? Both models run once on the same holdout
 * rows; the paired comparison, slices, flips and drift feed the rules; the rules give the
 * verdict. Each stage lives in its own gate-*.ts; only this layer reads files; every statistic
 * is computed in src/domain.
 */
import type { ConfigOverrides } from '../domain/config/index.js';
import { modelPath, modelSpec, rulesFor } from '../domain/config/index.js';
import { decide, judgeRules } from '../domain/gate/decide.js';
import { ruleEvidence, unjudgedSliceNotes } from '../domain/gate/evidence.js';
import type { GateReport } from '../domain/gate/report.js';
import { DEFAULT_LATENCY, measureLatency } from '../runtime/latency.js';
import { contractColumns, contractFromTable } from './contract.js';
import { gateCards, latencyJson } from './gate-cards.js';
import { compareStage } from './gate-compare.js';
import { driftStage } from './gate-drift.js';
import { type GateInputs, openGate, type RegistryModel, type Side } from './gate-inputs.js';
import { comparisonJson, dataJson, scoreDistributions } from './gate-json.js';
import { type Scored, scoreModels } from './gate-scoring.js';
import { servingMeasures } from './gate-serving.js';
import { modelJsonOf } from './model-json.js';
import type { Settings } from './model-side.js';
import type { Progress } from './progress.js';
import { round } from './timing.js';

export interface GateRequest {
  /** The config file; found in `cwd` when absent. */
  readonly config?: string | undefined;
  readonly cwd: string;
  readonly overrides: ConfigOverrides;
  readonly threads: number;
  readonly output?: string | undefined;
  /** Rows per batch for both models (a flag or input), unless a model entry sets its own. */
  readonly batchSize?: { readonly size: number; readonly setting: string } | undefined;
  /** The flags or inputs that exist where the gate runs, for messages that say what to set. */
  readonly flags?: Settings['flags'] | undefined;
  /** The commit the models come from, for the report's footer. */
  readonly commit?: string | undefined;
  /** Fetches the registry's production model for `baseline: registry` (gate-inputs.ts). */
  readonly registryBaseline?: ((candidate: string) => Promise<RegistryModel>) | undefined;
}

export interface GateDeps {
  readonly progress: Progress;
  readonly now: () => number;
  readonly toolVersion: string;
  /**
   * The compiled worker threads' entry (worker-script.ts): the bootstrap's shards and a large CSV's
   * parts run on it; null keeps everything on this thread.
   */
  readonly worker: URL | null;
  /** The memory probe's entry (worker-script.ts probeScript), for memory rules; null: none. */
  readonly probe: URL | null;
}

export async function gate(request: GateRequest, deps: GateDeps): Promise<GateReport> {
  const { progress, now } = deps;
  const t0 = now();
  const inputs = await openGate({
    ...request,
    flags: request.flags ?? {},
    progress,
    worker: deps.worker,
  });
  const { config, holdout } = inputs;
  const tRead = now();
  const scored = await scoreModels(inputs, { batchSize: request.batchSize, progress });
  const cand = scored.candidate;
  const base = scored.baseline;
  const tInfer = now();
  progress.stage('comparing the models');
  const task = cand.scoring.task.task;
  const rules = rulesFor(config, task, inputs.file.path);
  const { comparison, flips, bootstrapThreads } = await compareStage(
    inputs,
    scored,
    request.threads,
    deps.worker,
  );
  const tCompare = now();
  const drift = await driftStage(inputs, cand, progress);
  const tDrift = now();

  progress.stage('measuring latency and building the model cards');
  const models = {
    candidate: sideJson(inputs, cand, 'candidate', request.threads),
    baseline: sideJson(inputs, base, 'baseline', request.threads),
  };
  const serving = await servingMeasures(inputs, scored, rules, {
    bytes: {
      candidate: models.candidate.bytes,
      baseline: models.baseline.source === 'onnx' ? models.baseline.bytes : null,
    },
    threads: request.threads,
    now,
    progress,
    probe: deps.probe,
  });
  const holdoutJson = dataJson(holdout);
  const columns = {
    candidate: cand.values.onnx ? contractColumns(cand.values.onnx.plans) : null,
    baseline: base.values.onnx ? contractColumns(base.values.onnx.plans) : null,
  };
  // What a request to each model may hold: the columns it reads as the holdout has them. The
  // candidate's is report.json serving_contract, stored as contract.json when it is promoted.
  const contractOf = (side: 'candidate' | 'baseline') => {
    const read = columns[side];
    const model = models[side];
    return read === null
      ? null
      : contractFromTable(read, holdout.table, {
          model: { path: model.path, sha256: model.sha256 },
          reference: { path: holdout.path, sha256: holdout.sha256, rows: holdout.table.rows },
          tool: deps.toolVersion,
        });
  };
  const contracts = { candidate: contractOf('candidate'), baseline: contractOf('baseline') };
  const { cards, card_diff } = gateCards({
    models,
    userCards: inputs.userCards,
    holdout: holdoutJson,
    metrics: comparison.metrics,
    slices: comparison.slices,
    sliceMetrics: [...new Set(rules.flatMap((r) => ('metric' in r ? [r.metric] : [])))],
    latency: {
      candidate: await latencyOf(inputs, cand, now),
      baseline: await latencyOf(inputs, base, now),
    },
    columns,
    serving: serving?.json,
    contracts,
  });
  const tCards = now();

  const evidence = ruleEvidence(rules, {
    comparison,
    candidateMetrics: cand.scoring.metrics,
    baselineMetrics: base.scoring.metrics,
    flips,
    confidence: config.statistics.confidence,
    rows: holdout.table.rows,
    sameModel: models.candidate.sha256 === models.baseline.sha256,
    ...(serving ? { serving: serving.measures } : {}),
  });
  const decision = decide(
    judgeRules(evidence, config.statistics.confidence),
    config.on_inconclusive,
    [...unjudgedSliceNotes(rules, comparison), ...(drift?.notes ?? [])],
  );
  return {
    schema: 1,
    tool: { name: 'model-gate', version: deps.toolVersion },
    command: 'gate',
    task,
    task_inferred: cand.scoring.task.inferred,
    task_reason: cand.scoring.task.reason,
    rows: holdout.table.rows,
    ...(task === 'binary' ? { threshold: config.threshold } : {}),
    label: cand.scoring.label,
    config: { path: inputs.file.path, sha256: inputs.file.sha256 },
    commit: request.commit ?? null,
    models,
    data: { holdout: holdoutJson, reference: drift?.reference ?? null },
    metrics: { candidate: cand.scoring.metrics, baseline: base.scoring.metrics },
    ...(cand.scoring.confusion
      ? { confusion: { candidate: cand.scoring.confusion, baseline: base.scoring.confusion } }
      : {}),
    comparison: comparisonJson(comparison, config, bootstrapThreads),
    slices: comparison.slices,
    flips,
    drift: drift?.report ?? null,
    ...(serving ? { serving: serving.json } : {}),
    scores: scoreDistributions(cand.scoring.rows, base.scoring.rows),
    cards,
    card_diff,
    serving_contract: contracts.candidate,
    decision,
    timings: {
      read_ms: round(tRead - t0),
      infer_ms: round(tInfer - tRead),
      compare_ms: round(tCompare - tInfer),
      drift_ms: round(tDrift - tCompare),
      cards_ms: round(tCards - tDrift),
      total_ms: round(now() - t0),
    },
  };
}

function sideJson(inputs: GateInputs, s: Scored, side: Side, threads: number) {
  const entry = inputs.config.models[side];
  const spec = modelSpec(entry);
  return modelJsonOf(
    s.values,
    s.scoring,
    modelPath(entry),
    threads,
    spec.kind === 'predictions' ? spec.id : undefined,
  );
}

async function latencyOf(inputs: GateInputs, s: Scored, now: () => number) {
  const onnx = s.values.onnx;
  if (onnx === null) return null;
  const latency = await measureLatency(
    onnx.model,
    onnx.plans,
    inputs.holdout.table,
    s.values.output,
    {
      ...DEFAULT_LATENCY,
      batch: onnx.batch,
      now,
    },
  );
  return latencyJson(latency);
}
