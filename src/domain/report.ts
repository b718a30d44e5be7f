/**
 * report.json, version 1: what `evaluate` found, in a form other tools (and the Markdown
 * renderer) read. Keys are snake_case; metric names are scikit-learn's. Undefined metrics
 * (NaN, e.g. roc_auc on one class) are written as null.
 */
import type { MetricCheck } from './metric-checks.js';
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

export interface PredictionsJson {
  readonly files: { path: string; sha256: string; bytes: number; rows: number }[];
  /** How prediction rows met holdout rows: an id column, predict's row numbers, or row order. */
  readonly join: 'id' | 'row' | 'order';
  readonly id: string | null;
  /** Prediction rows in all files, and those no holdout row took (id joins). */
  readonly rows: number;
  readonly unmatched: number;
  /** The model's sha256 when `model-gate predict` wrote the files. */
  readonly model_sha256: string | null;
}

export interface ModelJson {
  /** The ONNX model, or the predictions file (or glob of shards). */
  readonly path: string;
  readonly source: 'onnx' | 'predictions';
  /** The model's sha256; for predictions without one recorded, the files'. */
  readonly sha256: string;
  readonly bytes: number;
  /** The output the scores were read from (for predictions: the score columns), and how. */
  readonly output: string;
  readonly score: 'probability' | 'logit' | 'value';
  /** Why it was read so: the config, the graph's last operator, or the values. */
  readonly score_reason: string;
  /** onnxruntime threads and rows per batch: tree-ensemble scores depend on both in their last bits. */
  readonly threads: number | null;
  readonly batch_size: number | null;
  /** The batch the model's inputs fix ([1,F] from a torch export without dynamic_axes), if any. */
  readonly fixed_batch: number | null;
  /** Rows added to fill the last fixed batch; their outputs were dropped. */
  readonly padded_rows: number;
  readonly zipmap_stripped: Record<string, string>;
  /** null for a model given as predictions: there is no ONNX file to read a contract from. */
  readonly contract: ContractJson | null;
  readonly predictions: PredictionsJson | null;
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

/** Outcome tracking: logged predictions joined to labels that arrived later. */
export interface OutcomesJson {
  /** The id column both files hold. */
  readonly on: string;
  /** Prediction rows; those with a label (the metrics' rows); those without one yet. */
  readonly predictions: number;
  readonly labeled: number;
  readonly unlabeled: number;
  /** Label rows no prediction took (e.g. requests logged elsewhere). */
  readonly labels_without_prediction: number;
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
  readonly outcomes?: OutcomesJson;
  readonly metrics: Record<string, number>;
  /** --min / --max on the metrics (point estimates); any failed one makes the exit code 1. */
  readonly checks?: MetricCheck[];
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
