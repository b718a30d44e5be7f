/**
 * report.json, version 1: what `evaluate` found, in a form other tools (and the Markdown
 * renderer) read. Keys are snake_case; metric names are scikit-learn's. Undefined metrics
 * (NaN, e.g. roc_auc on one class) are written as null.
 */
import type { Task } from './task.js';

export const REPORT_SCHEMA = 1;

export type Dim = number | string | null;

export interface TensorJson {
  readonly name: string;
  readonly type: string;
  readonly shape: Dim[] | null;
}

export interface ContractJson {
  readonly ir_version: number;
  readonly producer: string;
  readonly producer_version: string;
  readonly model_version: number;
  readonly domain: string;
  readonly doc_string: string;
  readonly opsets: Record<string, number>;
  readonly metadata: Record<string, string>;
  readonly inputs: TensorJson[];
  readonly outputs: TensorJson[];
  readonly operators: Record<string, number>;
  readonly class_labels: (string | number)[] | null;
}

export interface ModelJson {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The output the scores were read from, and how. */
  readonly output: string;
  readonly score: 'probability' | 'logit' | 'value';
  /** onnxruntime threads and rows per batch: tree-ensemble scores depend on both in their last bits. */
  readonly threads: number;
  readonly batch_size: number;
  readonly zipmap_stripped: Record<string, string>;
  readonly contract: ContractJson;
}

export interface DataJson {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
  readonly rows: number;
  /** Missing cells per column read (model inputs and the label). */
  readonly missing: Record<string, number>;
}

export interface LabelJson {
  readonly column: string;
  /** Class labels in probability-column order (binary: [negative, positive]). */
  readonly classes?: string[];
  readonly positive_label?: string;
  readonly positive_label_inferred?: boolean;
}

export interface EvaluateReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly tool: { readonly name: 'model-gate'; readonly version: string };
  readonly command: 'evaluate';
  readonly task: Task;
  readonly task_inferred: boolean;
  readonly task_reason: string;
  readonly rows: number;
  readonly threshold?: number;
  readonly label: LabelJson;
  readonly model: ModelJson;
  readonly data: DataJson;
  readonly metrics: Record<string, number>;
  readonly confusion?:
    | Record<string, number>
    | { readonly labels: string[]; readonly matrix: number[][] };
  readonly timings: {
    readonly read_ms: number;
    readonly load_ms: number;
    readonly infer_ms: number;
    readonly metrics_ms: number;
    readonly total_ms: number;
  };
}
