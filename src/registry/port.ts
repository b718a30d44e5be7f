/**
 * The model registry, as the gate and promotion see it: versions of one named model, each with
 * its files (ONNX model, MODEL_CARD.md, report.json, contract.json) and its decision record, and stages
 * (production, staging, ...) that point at one version each.
 *
 * Two implementations: file-registry.ts (a folder: the CLI and self-hosted runners) and
 * github-registry.ts (annotated tags `<model>@v<semver>` holding the record, release assets
 * holding the files, and a tag `<model>#<stage>` per stage — GTO's layout).
 *
 * Promotion (app/promote.ts) relies on this order, which every implementation keeps: a version
 * exists only once its files are stored and verified (publish), and a stage moves only to a
 * version that exists (moveStage). A failure inside publish leaves no version behind; what it
 * may leave (a draft release, a staging folder) is named in the error and is invisible to
 * versions() and stage().
 */

export const RECORD_SCHEMA = 1;

/** The decision a version was promoted on; stored with the version (tag message, record.json). */
export interface DecisionRecord {
  readonly schema: typeof RECORD_SCHEMA;
  readonly model_name: string;
  /** Semantic version without the leading v, e.g. "1.2.0". */
  readonly version: string;
  readonly model_sha256: string;
  readonly holdout_sha256: string;
  readonly config_sha256: string;
  readonly verdict: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  /** The candidate's overall metrics on the holdout (null where undefined). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** The commit the model came from, when known. */
  readonly commit: string | null;
  /** ISO 8601 time of the promotion. */
  readonly created_at: string;
}

/** Local files to publish as one version. */
export interface VersionFiles {
  /** The ONNX model; stored as model.onnx. */
  readonly model: string;
  /** MODEL_CARD.md. */
  readonly card: string;
  /** The gate's report.json. */
  readonly report: string;
  /** The serving contract (`model-gate contract`); stored as contract.json when given. */
  readonly contract?: string | undefined;
}

export interface RegistryVersion {
  readonly version: string;
  readonly record: DecisionRecord;
  /** Where a person finds it: a folder, or a release's web page. */
  readonly location: string;
}

export interface Registry {
  /** What the registry is, for messages: "file registry ./models", "GitHub registry owner/repo". */
  readonly description: string;
  /** Every version of the model, newest first (semantic-version order). */
  versions(): Promise<RegistryVersion[]>;
  /** The version a stage points at; null when the stage was never set. */
  stage(stage: string): Promise<RegistryVersion | null>;
  /**
   * Stores a version: its files, then verifies them (sha256 of the stored model against
   * record.model_sha256), then makes the version visible. Throws if the version exists.
   */
  publish(record: DecisionRecord, files: VersionFiles): Promise<RegistryVersion>;
  /** Points `stage` at an existing version. */
  moveStage(stage: string, version: string): Promise<void>;
  /**
   * Copies a version's model into `dir` and checks its sha256 against the record; returns the
   * path of the copy. Throws (naming the version and both hashes) on a mismatch.
   */
  fetchModel(version: string, dir: string): Promise<string>;
  /** The MODEL_CARD.md stored with a version; null when it has none. */
  fetchCard(version: string): Promise<string | null>;
}
