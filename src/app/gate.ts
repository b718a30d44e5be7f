/**
 * `gate`: may the candidate replace the baseline? Both models run once on the same holdout
 * rows; the paired comparison, slices, flips and drift feed the rules; the rules give the
 * verdict. Only this layer reads files; every statistic is computed in src/domain.
 */
import { readConfigFile } from '../data/config-file.js';
import { readTable, type TableRead } from '../data/read-table.js';
import { type Column, type ColumnRequest, missingCounts } from '../data/table.js';
import {
  applyOverrides,
  type ConfigOverrides,
  type GateConfig,
  REGISTRY_BASELINE,
  requireHoldout,
  rulesFor,
} from '../domain/config/index.js';
import { InputError } from '../domain/errors.js';
import {
  type Comparison,
  compareModels,
  comparisonKernel,
  type NamedSlicing,
} from '../domain/gate/compare.js';
import { decide, judgeRules } from '../domain/gate/decide.js';
import { ruleEvidence } from '../domain/gate/evidence.js';
import { binaryCorrect, countFlips, type Flips, multiclassCorrect } from '../domain/gate/flips.js';
import type { GateReport } from '../domain/gate/report.js';
import {
  probabilityDistributions,
  type ScoreDistributions,
  valueDistributions,
} from '../domain/gate/score-distributions.js';
import { binSlicing, categorySlicing } from '../domain/gate/slices.js';
import { requireLabels } from '../domain/labels.js';
import type { DataJson } from '../domain/report.js';
import { binaryScores } from '../domain/scores.js';
import { type Scoring, scorePredictions } from '../domain/scoring.js';
import {
  columnRequests,
  defaultBatchSize,
  type InputPlan,
  mergeColumnRequests,
  planInputs,
} from '../runtime/feeds.js';
import { DEFAULT_LATENCY, measureLatency } from '../runtime/latency.js';
import { type LoadedModel, loadModel } from '../runtime/model.js';
import { chooseScoreOutput } from '../runtime/outputs.js';
import { predict } from '../runtime/predict.js';
import { contractJson } from './contract-json.js';
import { gateCards, latencyJson, readUserCard } from './gate-cards.js';
import { type DriftOutcome, driftRequests, gateDrift, withPredictionDrift } from './gate-drift.js';
import { parallelBootstrap } from './parallel-bootstrap.js';
import type { Progress } from './progress.js';

export interface GateRequest {
  /** The config file; found in `cwd` when absent. */
  readonly config?: string | undefined;
  readonly cwd: string;
  readonly overrides: ConfigOverrides;
  readonly threads: number;
  readonly output?: string | undefined;
}

export interface GateDeps {
  readonly progress: Progress;
  readonly now: () => number;
  readonly toolVersion: string;
  /** The compiled bootstrap worker (parallel-bootstrap.ts); null keeps the bootstrap on this thread. */
  readonly bootstrapWorker: URL | null;
}

interface Scored {
  readonly model: LoadedModel;
  readonly scoring: Scoring;
  readonly output: string;
  readonly batchSize: number;
}

export async function gate(request: GateRequest, deps: GateDeps): Promise<GateReport> {
  const t0 = deps.now();
  const file = await readConfigFile(request.config, request.cwd);
  const config = applyOverrides(file.config, request.overrides, 'the command line');
  const holdoutPath = requireHoldout(config, file.path);
  if (config.models.baseline === REGISTRY_BASELINE) {
    throw new InputError(
      `${file.path}: 'baseline: registry' needs a registry, which this command does not read yet`,
      'Give the production model as a file: models.baseline, or --baseline.',
    );
  }
  // Read before any model runs, so a bad card stops the gate at once.
  const userCards = {
    candidate: await readUserCard(config.cards.candidate, config.models.candidate),
    baseline: await readUserCard(config.cards.baseline, config.models.baseline),
  };
  deps.progress.stage('loading the models');
  const candidate = await loadModel(config.models.candidate, 'candidate model', {
    threads: request.threads,
  });
  const baseline = await loadModel(config.models.baseline, 'baseline model', {
    threads: request.threads,
  });
  const tLoad = deps.now();

  const features = config.features;
  const plans = {
    candidate: planInputs(candidate.contract.inputs, features),
    baseline: planInputs(baseline.contract.inputs, features),
  };
  const driftConfig =
    config.drift !== false && config.data.reference !== undefined ? config.drift : null;
  const driftColumns = driftConfig
    ? driftRequests(driftConfig, [...plans.candidate, ...plans.baseline])
    : [];
  const requests = mergeColumnRequests([
    columnRequests(plans.candidate, candidate.contract.inputs),
    columnRequests(plans.baseline, baseline.contract.inputs),
    driftColumns,
    [{ name: config.label, type: 'auto', purpose: 'the label column' }],
    config.slices.map(
      (s): ColumnRequest => ({ name: s.column, type: 'auto', purpose: `slice '${s.name}'` }),
    ),
  ]);
  deps.progress.stage(`reading holdout ${holdoutPath}`);
  const holdout = await readTable(holdoutPath, {
    role: 'holdout',
    columns: requests,
    onProgress: (d, t) => deps.progress.update(d, t, 'bytes'),
  });
  if (holdout.table.rows === 0)
    throw new InputError(`holdout '${holdoutPath}' has a header but no rows`);
  const labelColumn = holdout.table.columns.get(config.label) as Column;
  requireLabels(labelColumn);
  const tRead = deps.now();

  const run = async (model: LoadedModel, which: 'candidate' | 'baseline') => {
    const output = chooseScoreOutput(model.outputs, request.output);
    const plan = plans[which];
    const batchSize = defaultBatchSize(plan, holdout.table.rows);
    deps.progress.stage(
      `running the ${which} on ${holdout.table.rows.toLocaleString('en-US')} rows`,
    );
    const predictions = await predict(model, plan, holdout.table, output.name, {
      batchSize,
      onProgress: (d, t) => deps.progress.update(d, t, 'rows'),
    });
    return { model, output, batchSize, predictions };
  };
  const ran = {
    candidate: await run(candidate, 'candidate'),
    baseline: await run(baseline, 'baseline'),
  };
  if (ran.candidate.predictions.width !== ran.baseline.predictions.width) {
    throw new InputError(
      `the candidate's output '${ran.candidate.output.name}' has ${ran.candidate.predictions.width} values per row but the baseline's '${ran.baseline.output.name}' has ${ran.baseline.predictions.width}: the models differ in task or class count`,
      'A gate compares two models of the same task and classes, row by row.',
    );
  }
  const score = (which: 'candidate' | 'baseline'): Scored => {
    const { model, output, batchSize, predictions } = ran[which];
    const scoring = scorePredictions({
      label: labelColumn,
      values: predictions.values,
      width: predictions.width,
      output: output.name,
      modelClasses: model.contract.classLabels,
      task: config.task,
      positiveLabel:
        config.positive_label === undefined ? undefined : String(config.positive_label),
      threshold: config.threshold,
    });
    return { model, scoring, output: output.name, batchSize };
  };
  const cand = score('candidate');
  const base = score('baseline');
  requireSameTask(cand.scoring, base.scoring);
  const tInfer = deps.now();

  deps.progress.stage('comparing the models');
  const task = cand.scoring.task.task;
  const rules = rulesFor(config, task, file.path);
  const slicings = config.slices.map((spec): NamedSlicing => {
    const column = holdout.table.columns.get(spec.column) as Column;
    const source =
      column.kind === 'number'
        ? { kind: 'number' as const, name: spec.column, values: column.values }
        : {
            kind: 'category' as const,
            name: spec.column,
            codes: column.codes,
            levels: column.levels,
          };
    return {
      ...(spec.bins ? binSlicing(source, spec.bins) : categorySlicing(source)),
      name: spec.name,
    };
  });
  const bootstrap = await parallelBootstrap(
    comparisonKernel(cand.scoring.rows, base.scoring.rows, slicings),
    {
      resamples: config.statistics.bootstrap,
      seed: config.statistics.seed,
      threads: request.threads,
      workerUrl: deps.bootstrapWorker,
    },
  );
  const comparison = compareModels(
    cand.scoring.rows,
    base.scoring.rows,
    slicings,
    { confidence: config.statistics.confidence, minSliceSize: config.min_slice_size },
    bootstrap,
  );
  const flips = flipsOf(cand.scoring, base.scoring, slicings);
  const tCompare = deps.now();

  let drift: DriftOutcome | null = null;
  if (driftConfig && config.data.reference !== undefined) {
    const read = await gateDrift(
      driftConfig,
      config.data.reference,
      holdout,
      driftColumns,
      config.label,
      deps.progress,
    );
    drift = read.outcome;
    const candidateRows = cand.scoring.rows;
    if (
      candidateRows.kind !== 'multiclass' &&
      plans.candidate.every((p) => p.columns.every((c) => read.reference.table.columns.has(c)))
    ) {
      deps.progress.stage('running the candidate on the reference for prediction drift');
      const onReference = await predict(
        candidate,
        plans.candidate,
        read.reference.table,
        cand.output,
        { batchSize: cand.batchSize },
      );
      const referenceScores = scoresOf(onReference.values, onReference.width, cand.scoring);
      drift = withPredictionDrift(
        drift,
        referenceScores,
        candidateRows.kind === 'binary' ? candidateRows.score : candidateRows.pred,
      );
    }
  }
  const tDrift = deps.now();

  deps.progress.stage('measuring latency and building the model cards');
  const latencyOf = async (s: Scored, plan: readonly InputPlan[]) =>
    latencyJson(
      await measureLatency(s.model, plan, holdout.table, s.output, {
        ...DEFAULT_LATENCY,
        now: deps.now,
      }),
    );
  const models = {
    candidate: modelJson(cand, config.models.candidate, request.threads),
    baseline: modelJson(base, config.models.baseline, request.threads),
  };
  const holdoutJson = dataJson(holdout);
  const { cards, card_diff } = gateCards({
    models,
    userCards,
    holdout: holdoutJson,
    metrics: comparison.metrics,
    slices: comparison.slices,
    sliceMetrics: [...new Set(rules.flatMap((r) => ('metric' in r ? [r.metric] : [])))],
    latency: {
      candidate: await latencyOf(cand, plans.candidate),
      baseline: await latencyOf(base, plans.baseline),
    },
  });
  const tCards = deps.now();

  const evidence = ruleEvidence(rules, {
    comparison,
    candidateMetrics: cand.scoring.metrics,
    baselineMetrics: base.scoring.metrics,
    flips,
    confidence: config.statistics.confidence,
    minSliceSize: config.min_slice_size,
  });
  const decision = decide(
    judgeRules(evidence, config.statistics.confidence),
    config.on_inconclusive,
    driftNotes(drift),
  );
  const done = deps.now();
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
    config: { path: file.path, sha256: file.sha256 },
    models,
    data: { holdout: holdoutJson, reference: drift?.reference ?? null },
    metrics: { candidate: cand.scoring.metrics, baseline: base.scoring.metrics },
    ...(cand.scoring.confusion
      ? { confusion: { candidate: cand.scoring.confusion, baseline: base.scoring.confusion } }
      : {}),
    comparison: comparisonJson(comparison, config, bootstrap.threads),
    slices: comparison.slices,
    flips,
    drift: drift?.report ?? null,
    scores: scoreDistributions(cand.scoring.rows, base.scoring.rows),
    cards,
    card_diff,
    decision,
    timings: {
      load_ms: round(tLoad - t0),
      read_ms: round(tRead - tLoad),
      infer_ms: round(tInfer - tRead),
      compare_ms: round(tCompare - tInfer),
      drift_ms: round(tDrift - tCompare),
      cards_ms: round(tCards - tDrift),
      total_ms: round(done - t0),
    },
  };
}

/** The candidate's positive-class score (binary) or value (regression) from raw outputs. */
function scoresOf(
  values: Float32Array | Float64Array,
  width: number,
  scoring: Scoring,
): Float64Array {
  if (scoring.rows.kind === 'binary') return binaryScores(values, width, scoring.rows.column).score;
  return Float64Array.from(values);
}

function requireSameTask(candidate: Scoring, baseline: Scoring): void {
  if (candidate.task.task !== baseline.task.task) {
    throw new InputError(
      `the candidate is a ${candidate.task.task} model (${candidate.task.reason}) but the baseline is ${baseline.task.task} (${baseline.task.reason})`,
      'Compare models of the same task; set task: in the config if one was inferred wrongly.',
    );
  }
  const a = candidate.label.classes ?? [];
  const b = baseline.label.classes ?? [];
  if (a.length !== b.length || a.some((c, i) => c !== b[i])) {
    throw new InputError(
      `the candidate's classes (${a.join(', ')}) differ from the baseline's (${b.join(', ')})`,
      'Both models must predict the same classes, in the same order, to be compared row by row.',
    );
  }
}

function flipsOf(
  candidate: Scoring,
  baseline: Scoring,
  slicings: readonly NamedSlicing[],
): Flips | null {
  const c = candidate.rows;
  const b = baseline.rows;
  if (c.kind === 'binary' && b.kind === 'binary') {
    return countFlips(
      binaryCorrect(b.y, b.score, b.threshold),
      binaryCorrect(c.y, c.score, c.threshold),
      slicings,
    );
  }
  if (c.kind === 'multiclass' && b.kind === 'multiclass') {
    return countFlips(
      multiclassCorrect(b.y, b.proba, b.classes),
      multiclassCorrect(c.y, c.proba, c.classes),
      slicings,
    );
  }
  return null;
}

function driftNotes(drift: DriftOutcome | null): string[] {
  if (!drift) return [];
  return drift.notes;
}

function modelJson(s: Scored, path: string, threads: number): GateReport['models']['candidate'] {
  return {
    path,
    sha256: s.model.sha256,
    bytes: s.model.bytes,
    output: s.output,
    score: s.scoring.score,
    threads,
    batch_size: s.batchSize,
    zipmap_stripped: s.model.zipmapReplaced,
    contract: contractJson(s.model.contract),
  };
}

export function dataJson(read: TableRead): DataJson {
  return {
    path: read.path,
    sha256: read.sha256,
    bytes: read.bytes,
    format: read.format,
    rows: read.table.rows,
    missing: missingCounts(read.table),
  };
}

function comparisonJson(
  c: Comparison,
  config: GateConfig,
  threads: number,
): GateReport['comparison'] {
  return {
    confidence: config.statistics.confidence,
    resamples: config.statistics.bootstrap,
    seed: config.statistics.seed,
    bootstrap_threads: threads,
    metrics: c.metrics,
    ...(c.delong
      ? {
          delong: {
            candidate: c.delong.candidate,
            baseline: c.delong.baseline,
            delta: c.delong.delta,
            ci: [c.delong.lower, c.delong.upper],
            z: c.delong.z,
            p_value: c.delong.pValue,
          },
        }
      : {}),
    ...(c.mcnemar ? { mcnemar: c.mcnemar } : {}),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Score histograms and calibration of both models for the report's charts (none for multiclass). */
function scoreDistributions(
  candidate: Scoring['rows'],
  baseline: Scoring['rows'],
): ScoreDistributions | null {
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    return probabilityDistributions(candidate.y, candidate.score, baseline.score);
  }
  if (candidate.kind === 'regression' && baseline.kind === 'regression') {
    return valueDistributions(candidate.y, candidate.pred, baseline.pred);
  }
  return null;
}
