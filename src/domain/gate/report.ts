/**
 * report.json of `model-gate gate` (schema 1): the evaluate report's parts for both models,
 * plus `comparison`, `slices`, `flips`, `drift` and `decision`. Markdown renders from it alone.
 */

import type { CardDiff, ModelCard } from '../card/index.js';
import type { ServingContract } from '../contract/index.js';
import type { ColumnDrift, DriftReport } from '../drift/index.js';
import type { DataJson, EvaluateReport, LabelJson, ModelJson } from '../report.js';
import type { DelongAuc } from '../stats/index.js';
import type { Task } from '../task.js';
import type { Flips } from './flips.js';
import type { Outcome } from './judge.js';
import type { ScoreDistributions } from './score-distributions.js';

export type Pair = readonly [number, number];

/** Feature drift (report.json `drift.columns.<name>`, `drift.dataset`), plus the label's and the candidate's scores. */
export type GateDrift = DriftReport & {
  readonly label?: ColumnDrift;
  readonly prediction?: ColumnDrift;
  /**
   * What the candidate's scores were compared on: 'training' — data.reference is (by default
   * taken to be) its training data, where a model scores more confidently than on unseen rows,
   * so a difference is expected and not counted as drift; 'held_out' — like with like
   * (drift.reference_is_training: false), and score drift is noted under the verdict.
   */
  readonly prediction_reference?: 'training' | 'held_out';
  /**
   * When the reference has more than SCORE_SAMPLE_ROWS rows, the candidate runs on a seeded
   * sample of them (the statistics' seed): `rows` of the reference's `of`. Absent: on every row.
   */
  readonly prediction_sample?: { readonly rows: number; readonly of: number };
};

/** Where a metric's intervals come from (gate/intervals.ts). */
export type IntervalMethod = 'bootstrap' | 'bootstrap_t' | 'asymptotic' | 'delong' | 'score';

/** The paired correctness of the rows a score interval was computed from. */
export interface ScoreCounts {
  readonly rows: number;
  readonly candidate_correct: number;
  readonly baseline_correct: number;
  /** Rows only the candidate gets right. */
  readonly candidate_only: number;
  /** Rows only the baseline gets right. */
  readonly baseline_only: number;
}

export interface MetricComparison {
  readonly candidate: number;
  readonly baseline: number;
  /** Oriented: positive means the candidate is better, for lower-is-better metrics too. */
  readonly delta: number;
  readonly better: 'higher' | 'lower';
  /**
   * Intervals by `method`: score intervals for accuracy (Wilson, and Tango's for the paired
   * delta), DeLong for roc_auc, else percentiles of the paired bootstrap; null when none could be
   * estimated.
   */
  readonly method: IntervalMethod;
  readonly ci: {
    readonly candidate: Pair | null;
    readonly baseline: Pair | null;
    readonly delta: Pair | null;
  };
  /** Standard errors (DeLong's, or the bootstrap's): the one-sided p-values of slices use them. */
  readonly se?: {
    readonly candidate: number;
    readonly baseline: number;
    readonly delta: number;
  };
  /** The counts behind score intervals. */
  readonly counts?: ScoreCounts;
  /** Resamples on which the metric was undefined (e.g. roc_auc with one class), excluded. */
  readonly undefined_resamples: number;
}

export interface SliceGroup {
  readonly slice: string;
  readonly rows: number;
  /** Slices smaller than min_slice_size are reported but not judged. */
  readonly judged: boolean;
  readonly metrics: Record<string, MetricComparison>;
}

export interface SliceReport {
  readonly column: string;
  readonly name: string;
  readonly unassigned_rows: number;
  readonly groups: SliceGroup[];
}

export interface RuleResult {
  /** The rule as a person reads it, e.g. "roc_auc: candidate − baseline ≥ −0.01". */
  readonly rule: string;
  readonly metric: string | null;
  /** 'overall', or the slice it was applied to: the slicing's name, its column, the slice. */
  readonly scope:
    | 'overall'
    | { readonly slicing: string; readonly column: string; readonly slice: string };
  readonly outcome: Outcome;
  /** What comparing the point estimate alone would have said. */
  readonly point_outcome: 'PASS' | 'FAIL';
  readonly value: number;
  readonly ci: Pair | null;
  readonly bound: number;
  /** Where the interval came from; 'point' when the metric has none and the estimate decides. */
  readonly method:
    | 'bootstrap'
    | 'bootstrap_t'
    | 'asymptotic'
    | 'delong'
    | 'score'
    | 'wilson'
    | 'point'
    /** Latency: percentile bootstrap over interleaved runs of both models (stats/latency.ts). */
    | 'runs'
    /** Measured exactly (a file's size): no interval to speak of. */
    | 'exact'
    /**
     * Memory: one probe process per model (runtime/memory.ts); no interval, and up to about 10%
     * apart between runs.
     */
    | 'probe';
  readonly p_value?: number;
  readonly p_adjusted?: number;
  /** Rows the estimate comes from: the holdout's, or the slice's; a latency rule's runs. */
  readonly rows: number;
  /** Present when `rows` counts something else: 'runs' for a latency rule. */
  readonly unit?: 'runs';
  /**
   * Minimum detectable effect: how far from the bound the true value must lie for this many rows
   * to decide the rule 4 times in 5 (at the confidence level); null without an interval.
   */
  readonly mde: number | null;
  /** INCONCLUSIVE only: roughly the rows that would decide it if the estimate held; else null. */
  readonly rows_to_decide: number | null;
  readonly reason: string;
}

export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

export interface Decision {
  readonly verdict: Verdict;
  readonly on_inconclusive: 'fail' | 'pass' | 'warn';
  /** 0 pass, 1 the gate said no. */
  readonly exit_code: 0 | 1;
  readonly rules: RuleResult[];
  /** Lines that inform without deciding (e.g. dataset drift). */
  readonly notes: string[];
}

/**
 * report.json `serving` (issue 13): per batch size a latency rule names, interleaved rounds of
 * both models with the candidate's p95 and the median ratio, each with its bootstrap interval;
 * and both files' sizes in MiB. Latency varies from run to run, like `timings`.
 */
export interface ServingJson {
  /** onnxruntime's intra-op threads for both sessions (--threads). */
  readonly threads: number;
  readonly latency: ReadonlyArray<{
    readonly batch: number;
    /** Rows each run was given: the batch, or the whole holdout when it has fewer rows. */
    readonly batch_rows: number;
    readonly rounds: number;
    readonly candidate: { readonly p50_ms: number; readonly p95_ms: number };
    readonly baseline: { readonly p50_ms: number; readonly p95_ms: number };
    readonly p95_ci: Pair;
    /** median(candidate) / median(baseline). */
    readonly ratio: number;
    readonly ratio_ci: Pair;
  }>;
  /**
   * Per batch size a memory rule names: the peak resident memory each model's session added in
   * a process of its own (loading, then `runs` session.run calls), and what it holds after.
   */
  readonly memory?: ReadonlyArray<{
    readonly batch: number;
    readonly batch_rows: number;
    readonly runs: number;
    readonly candidate: { readonly peak_mb: number; readonly resident_mb: number };
    /** null unless a vs_baseline rule at this batch compares with it. */
    readonly baseline: { readonly peak_mb: number; readonly resident_mb: number } | null;
    /** candidate.peak_mb / baseline.peak_mb; null without a baseline, or one that added nothing. */
    readonly ratio: number | null;
    /** The peaks were reset before the models were loaded (Linux); elsewhere they count from each probe's start. */
    readonly peak_reset: boolean;
  }>;
  readonly size_mb: { readonly candidate: number; readonly baseline: number | null };
}

export interface GateReport {
  readonly schema: 1;
  readonly tool: { readonly name: 'model-gate'; readonly version: string };
  readonly command: 'gate';
  readonly task: Task;
  readonly task_inferred: boolean;
  readonly task_reason: string;
  readonly rows: number;
  readonly threshold?: number;
  readonly label: LabelJson;
  readonly config: { readonly path: string; readonly sha256: string };
  /** The commit the gate ran on (--commit, or GITHUB_SHA in Actions); null when unknown. */
  readonly commit: string | null;
  readonly models: { readonly candidate: ModelJson; readonly baseline: ModelJson };
  readonly data: { readonly holdout: DataJson; readonly reference: DataJson | null };
  readonly metrics: {
    readonly candidate: Record<string, number>;
    readonly baseline: Record<string, number>;
  };
  readonly confusion?: {
    readonly candidate: EvaluateReport['confusion'];
    readonly baseline: EvaluateReport['confusion'];
  };
  readonly comparison: {
    readonly confidence: number;
    readonly resamples: number;
    readonly seed: number;
    /** Threads the bootstrap ran on (the numbers do not depend on it). */
    readonly bootstrap_threads: number;
    readonly metrics: Record<string, MetricComparison>;
    readonly delong?: {
      readonly candidate: DelongAuc;
      readonly baseline: DelongAuc;
      readonly delta: number;
      readonly ci: Pair;
      readonly z: number;
      readonly p_value: number;
    };
    readonly mcnemar?: { readonly b: number; readonly c: number; readonly p_value: number };
  };
  readonly slices: SliceReport[];
  readonly flips: Flips | null;
  readonly drift: GateDrift | null;
  /** The figures behind latency and size rules; present only when the config has one. */
  readonly serving?: ServingJson;
  /** Score histograms and calibration of both models on shared bins; null for multiclass. */
  readonly scores: ScoreDistributions | null;
  /** Each model's card: model-card.yml, the ONNX contract and metadata, and what the gate measured. */
  readonly cards: { readonly candidate: ModelCard; readonly baseline: ModelCard };
  /** The baseline's card against the candidate's (card/diff-types.ts). */
  readonly card_diff: CardDiff;
  /**
   * The candidate's serving contract (`model-gate contract`), its ranges, categories and empty
   * cells as the holdout has them; stored as contract.json with a promoted version. Null when the
   * candidate was given as predictions (no model to read columns from); absent in reports
   * written before issue 13.
   */
  readonly serving_contract?: ServingContract | null;
  readonly decision: Decision;
  readonly timings: Record<string, number>;
}
