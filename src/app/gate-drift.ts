/**
 * Drift in the gate: the reference (training-period data) against the holdout, per column the
 * models use (or the config's list), plus the label and the candidate's scores.
 */
import { readTable, type TableRead } from '../data/read-table.js';
import {
  type Column,
  type ColumnRequest,
  type ColumnType,
  type ParallelRead,
  takeRows,
} from '../data/table.js';
import type { DriftConfig } from '../domain/config/index.js';
import {
  type ColumnDrift,
  detectDrift,
  labelDrift,
  predictionDrift,
  sortedSample,
} from '../domain/drift/index.js';
import { InputError } from '../domain/errors.js';
import type { GateDrift } from '../domain/gate/report.js';
import type { DataJson } from '../domain/report.js';
import { type InputPlan, readTypeOf } from '../runtime/feeds.js';
import { predict } from '../runtime/predict.js';
import type { GateInputs } from './gate-inputs.js';
import { dataJson } from './gate-json.js';
import { type Scored, scoresOf } from './gate-scoring.js';
import { holdoutIdRequest, readPredictions } from './predictions-input.js';
import type { Progress } from './progress.js';

export interface DriftOutcome {
  readonly report: GateDrift;
  readonly reference: DataJson;
  readonly notes: string[];
}

/**
 * The feature columns drift is tested on, read as the models read them: a column every model
 * feeds as float32 is tested on its float32 values — the values the models see, in the holdout's
 * one copy (reading a million rows × 20 features again as float64 cost 160 MB a file) — and one
 * any model reads as float64 (or as integers) on its float64 values; text as text. Columns no
 * model reads are read as the file holds them. openGate then gives each the type the holdout's
 * merged read took (a slice makes a float32 column float64), and the reference is read the same
 * way, so both sides of a test have the same precision.
 */
export function driftRequests(drift: DriftConfig, plans: readonly InputPlan[]): ColumnRequest[] {
  const used = new Map<string, ColumnType>();
  for (const plan of plans) {
    const type = readTypeOf(plan);
    for (const c of plan.columns) {
      const previous = used.get(c);
      used.set(c, previous === undefined || previous === type ? type : 'float64');
    }
  }
  const names = drift.columns === 'all' ? [...used.keys()] : drift.columns;
  return names.map((name) => ({
    name,
    type: used.get(name) ?? 'auto',
    purpose: `drift column '${name}'`,
  }));
}

async function gateDrift(
  drift: DriftConfig,
  referencePath: string,
  holdout: TableRead,
  requests: readonly ColumnRequest[],
  label: string,
  progress: Progress,
  /** Columns read but not tested (the id reference predictions join on). */
  extra: readonly ColumnRequest[],
  /** Classification labels are classes (0/1 too); a regression target is a number. */
  labelsAreClasses: boolean,
  parallel: ParallelRead | undefined,
): Promise<{ outcome: DriftOutcome; reference: TableRead }> {
  progress.stage(`reading reference ${referencePath}`);
  const reference = await readTable(referencePath, {
    role: 'reference',
    columns: [
      ...requests.map((r) => ({
        ...r,
        purpose: `${r.purpose ?? r.name}, which the reference must hold`,
      })),
      { name: label, type: 'auto', optional: true },
      ...extra.filter((e) => !requests.some((r) => r.name === e.name)),
    ],
    onProgress: (d, t) => progress.update(d, t, 'bytes'),
    parallel,
  });
  if (reference.table.rows === 0)
    throw new InputError(`reference '${referencePath}' has a header but no rows`);
  progress.stage('testing drift');
  const columns = requests.map((r) => ({
    name: r.name,
    reference: reference.table.columns.get(r.name) as Column,
    current: holdout.table.columns.get(r.name) as Column,
  }));
  const report = detectDrift(columns, {
    method: drift.method,
    columns: drift.per_column,
    maxDriftedShare: drift.max_drifted_share,
  });
  const notes: string[] = [];
  const drifted = Object.entries(report.columns)
    .filter(([, c]) => c.drifted)
    .map(([n]) => n);
  if (report.dataset.drifted) {
    notes.push(
      `dataset drift: ${drifted.length} of ${report.dataset.columns} columns drifted (${drifted.join(', ')}), at least the ${Math.round(report.dataset.max_drifted_share * 100)}% that counts as drift`,
    );
  } else if (drifted.length > 0) {
    notes.push(
      `drift in ${drifted.join(', ')} (${drifted.length} of ${report.dataset.columns} columns; the dataset counts as drifted from ${Math.round(report.dataset.max_drifted_share * 100)}%)`,
    );
  }
  const labelRef = reference.table.columns.get(label);
  const labelCur = holdout.table.columns.get(label);
  let labelResult: ColumnDrift | undefined;
  if (labelRef && labelCur) {
    labelResult = labelDrift(labelRef, labelCur, { asCategories: labelsAreClasses });
  } else notes.push(`no label drift: the reference has no '${label}' column`);
  return {
    outcome: {
      report: { ...report, ...(labelResult ? { label: labelResult } : {}) },
      reference: dataJson(reference),
      notes,
    },
    reference,
  };
}

/** The candidate's score drift, once its scores on the reference are known. */
function withPredictionDrift(
  outcome: DriftOutcome,
  reference: Float64Array | Float32Array,
  current: Float64Array | Float32Array,
  referenceIsTraining: boolean,
  sample?: { rows: number; of: number },
): DriftOutcome {
  const prediction = predictionDrift(reference, current);
  // Scores on training rows are more spread than on unseen ones: compared with the holdout they
  // "drift" on clean data. Only a held-out reference compares like with like.
  const notes =
    prediction.drifted && !referenceIsTraining
      ? [
          ...outcome.notes,
          `the candidate's scores drifted between the held-out reference and the holdout (${prediction.method})`,
        ]
      : outcome.notes;
  return {
    ...outcome,
    report: {
      ...outcome.report,
      prediction,
      prediction_reference: referenceIsTraining ? 'training' : 'held_out',
      ...(sample ? { prediction_sample: sample } : {}),
    },
    notes,
  };
}

/**
 * The gate's drift stage: the reference against the holdout, then — when the reference holds the
 * candidate's inputs — the candidate's scores on the reference against those on the holdout.
 */
export async function driftStage(
  inputs: GateInputs,
  candidate: Scored,
  progress: Progress,
): Promise<DriftOutcome | null> {
  if (inputs.drift === null) return null;
  const model = inputs.models.candidate;
  const referencePredictions =
    model.kind === 'predictions' ? model.spec.referencePredictions : undefined;
  const read = await gateDrift(
    inputs.drift.config,
    inputs.drift.reference,
    inputs.holdout,
    inputs.drift.columns,
    inputs.config.label,
    progress,
    model.kind === 'predictions' && referencePredictions !== undefined
      ? holdoutIdRequest(model.spec, "the candidate's reference predictions")
      : [],
    candidate.scoring.task.task !== 'regression',
    inputs.parallel,
  );
  const rows = candidate.scoring.rows;
  if (rows.kind === 'multiclass') return read.outcome;
  const onReference = await candidateOnReference(inputs, candidate, read.reference, progress);
  if (onReference === null) return read.outcome;
  return withPredictionDrift(
    read.outcome,
    scoresOf(onReference.values, onReference.width, candidate.scoring),
    rows.kind === 'binary' ? rows.score : rows.pred,
    inputs.drift.config.reference_is_training,
    onReference.sample,
  );
}

/**
 * Above this many reference rows the candidate's scores there come from a seeded sample of this
 * many: the score comparison's effect size moves by ~0.003 W1/MAD (against a threshold of 0.1)
 * and its permutation test uses 20,000 values a side anyway, so it decides as on every row, for a
 * tenth of a million-row reference's inference.
 */
export const SCORE_SAMPLE_ROWS = 100_000;

/**
 * The candidate's raw outputs on the reference: run there when it is an ONNX model whose inputs
 * the reference holds; its reference_predictions, joined as on the holdout, when it came as
 * predictions; else null (no prediction drift).
 */
async function candidateOnReference(
  inputs: GateInputs,
  candidate: Scored,
  reference: TableRead,
  progress: Progress,
): Promise<{
  values: Float32Array | Float64Array;
  width: number;
  sample?: { rows: number; of: number };
} | null> {
  const model = inputs.models.candidate;
  if (model.kind === 'predictions') {
    const path = model.spec.referencePredictions;
    if (path === undefined) return null;
    return readPredictions(
      {
        spec: { ...model.spec, predictions: path },
        role: "the candidate's reference predictions",
        setting: 'models.candidate.reference_predictions',
        progress,
      },
      reference,
    );
  }
  const onnx = candidate.values.onnx;
  if (
    onnx === null ||
    !onnx.plans.every((p) => p.columns.every((c) => reference.table.columns.has(c)))
  ) {
    return null;
  }
  const rows = reference.table.rows;
  const sample =
    rows > SCORE_SAMPLE_ROWS
      ? sortedSample(rows, SCORE_SAMPLE_ROWS, inputs.config.statistics.seed)
      : null;
  progress.stage(
    sample
      ? `running the candidate on a seeded sample of ${SCORE_SAMPLE_ROWS.toLocaleString('en-US')} reference rows for prediction drift`
      : 'running the candidate on the reference for prediction drift',
  );
  const table = sample ? takeRows(reference.table, sample) : reference.table;
  const out = await predict(onnx.model, onnx.plans, table, candidate.values.output, {
    batch: onnx.batch,
  });
  return sample ? { ...out, sample: { rows: sample.length, of: rows } } : out;
}
