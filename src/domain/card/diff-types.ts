/**
 * report.json `card_diff`: what changed between the baseline's model card and the candidate's —
 * card fields, metric deltas with their intervals, the ONNX contract, and the training data.
 * Built by card/diff.ts, rendered by render/ (never recomputed there).
 */
import type { Pair } from '../gate/report.js';
import type { TensorJson } from '../report.js';

/** One card field whose value differs; values are shown as text (JSON for lists and objects). */
export interface FieldChange {
  /** Dotted path in the card, e.g. "model_details.version" or "considerations.limitations". */
  readonly path: string;
  /** null when the field is absent on that side. */
  readonly before: string | null;
  readonly after: string | null;
}

/** An input or output added, removed, or with another element type or shape. */
export interface TensorChange {
  readonly name: string;
  readonly change: 'added' | 'removed' | 'retyped';
  readonly before: TensorJson | null;
  readonly after: TensorJson | null;
}

/** A named count or version that differs (opset by domain, node count by operator). */
export interface CountChange {
  readonly name: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** Measured session.run latency over repeated runs of one batch. */
export interface LatencyJson {
  readonly batch_rows: number;
  readonly runs: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
}

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** A column of the serving contract (domain/contract: what one request row carries). */
export interface ServingColumn {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'string';
}

/**
 * A column the candidate reads that the baseline does not ('added': requests must now carry it),
 * one it no longer reads ('removed'), or one read as another type: 'narrowed' (number to
 * integer), 'widened' (integer to number) or 'retyped' (text and numbers).
 */
export interface ColumnChange {
  readonly name: string;
  readonly change: 'added' | 'removed' | 'narrowed' | 'widened' | 'retyped';
  readonly before: ServingColumn['type'] | null;
  readonly after: ServingColumn['type'] | null;
}

export interface ContractDiff {
  /** The serving contract's columns that changed; absent when none did, or a side came as predictions. */
  readonly columns?: ColumnChange[];
  readonly inputs: TensorChange[];
  readonly outputs: TensorChange[];
  readonly opsets: CountChange[];
  /** Only operators whose count changed. */
  readonly operators: CountChange[];
  /** Total node count on each side. */
  readonly nodes: Change<number>;
  readonly bytes: Change<number>;
  readonly producer: Change<string>;
  /** null on a side whose latency was not measured. */
  readonly latency: Change<LatencyJson | null>;
  /**
   * True when any of inputs, outputs or opsets changed, or a column was added, removed, narrowed
   * or retyped (what a serving system would notice).
   */
  readonly breaking: boolean;
  /** Sides given as predictions, without an ONNX contract: their contract is not compared. */
  readonly without_contract?: readonly ('baseline' | 'candidate')[];
}

export interface MetricDelta {
  readonly metric: string;
  readonly baseline: number;
  readonly candidate: number;
  /** Oriented: positive means the candidate is better. */
  readonly delta: number;
  readonly ci: Pair | null;
}

export interface TrainingDataRef {
  readonly reference: string | null;
  readonly sha256: string | null;
}

export interface CardDiff {
  readonly baseline: { readonly name: string; readonly version: string | null };
  readonly candidate: { readonly name: string; readonly version: string | null };
  readonly fields: FieldChange[];
  readonly metrics: MetricDelta[];
  readonly contract: ContractDiff;
  readonly training_data: Change<TrainingDataRef> & { readonly changed: boolean };
}
