/**
 * The model card of one model: what the user wrote in model-card.yml, else what the ONNX model's
 * metadata_props say (the key mapping is in metadata.ts's header), else a default. The inputs
 * and outputs always come from the ONNX contract, and the quantitative analysis from the gate's
 * evaluation when there is one: what was measured outranks what was written.
 *
 * Defaults: name = the model file's base name without `.onnx`; version = the ONNX model_version
 * when it is set (> 0), else null; architecture = the graph's doc_string with the producer
 * ("GradientBoostingClassifier(...) (exported by skl2onnx 1.14.1)"); every other text null and
 * every list empty.
 */
import type { Pair } from '../gate/report.js';
import { modelLines } from '../render/model-reading.js';
import type { ContractJson, ModelJson } from '../report.js';
import { cardError, requireMapping } from './issues.js';
import { fieldsFromMetadata } from './metadata.js';
import {
  CARD_SCHEMA,
  type CardDataset,
  type CardMetric,
  type CardServing,
  type ModelCard,
  modelCardSchema,
  type UserCard,
  userCardSchema,
} from './schema.js';

/** What the gate measured on its holdout, for the card's quantitative analysis. */
export interface CardEvaluation {
  readonly dataset: CardDataset;
  readonly metrics: readonly {
    readonly name: string;
    /** NaN (undefined on this data) is written as null. */
    readonly value: number | null;
    readonly ci: Pair | null;
    readonly slice: string | null;
  }[];
}

export interface BuildCardInput {
  /** model-card.yml as parsed from YAML; undefined or null when there is none (or it is empty). */
  readonly user?: unknown;
  /** Names the user's file in errors, e.g. its path. */
  readonly sourceName: string;
  /** The model's path (for the default name), ONNX contract and how its output was read. */
  readonly model: Pick<ModelJson, 'path' | 'contract'> & Partial<ModelJson>;
  readonly evaluation?: CardEvaluation | undefined;
  /** What the gate measured of serving the model (serving.ts); absent outside a gate. */
  readonly serving?: CardServing | undefined;
}

/** Validates model-card.yml; throws an InputError naming `source` and the key path. */
export function parseUserCard(value: unknown, source: string): UserCard {
  if (value === undefined || value === null) return {};
  requireMapping(value, source, 'a model card: a mapping with sections such as model_details:');
  const result = userCardSchema.safeParse(value);
  if (result.success) return result.data;
  throw cardError(result.error.issues, value, userCardSchema, source);
}

/** The first value that is given: null and [] are given (they say "none"), undefined is not. */
function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? '';
  // A model given as predictions is named after its files: preds-*.parquet → preds.
  const name = file
    .replace(/\.(onnx|parquet|pq|csv|tsv|tab)$/i, '')
    .replace(/[*?]/g, '')
    .replace(/[-_.]+$/, '');
  return name === '' ? 'model' : name;
}

function architecture(model: Pick<ModelJson, 'contract'>): string | null {
  if (model.contract === null) return null;
  const { doc_string, producer, producer_version } = model.contract;
  const by = `${producer} ${producer_version}`.trim();
  const doc = doc_string.trim();
  if (doc !== '' && by !== '') return `${doc} (exported by ${by})`;
  if (doc !== '') return doc;
  return by !== '' ? `exported by ${by}` : null;
}

const NO_CONTRACT = {
  metadata: {},
  model_version: 0,
  inputs: [],
  outputs: [],
} as const satisfies Pick<ContractJson, 'metadata' | 'model_version' | 'inputs' | 'outputs'>;

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function measured(evaluation: CardEvaluation): ModelCard['quantitative_analysis'] {
  const metrics = evaluation.metrics.map(
    (m): CardMetric => ({
      name: m.name,
      value: finite(m.value),
      ci: m.ci?.every(Number.isFinite) ? [m.ci[0], m.ci[1]] : null,
      slice: m.slice,
    }),
  );
  return { dataset: { ...evaluation.dataset }, metrics };
}

function written(user: UserCard['quantitative_analysis']): ModelCard['quantitative_analysis'] {
  const metrics = (user?.metrics ?? []).map(
    (m): CardMetric => ({ name: m.name, value: m.value, ci: m.ci ?? null, slice: m.slice ?? null }),
  );
  return { dataset: user?.dataset ?? null, metrics };
}

/** Builds and validates the card; a bad model-card.yml throws an InputError (exit 2). */
export function buildCard(input: BuildCardInput): ModelCard {
  const user = parseUserCard(input.user, input.sourceName);
  // A model given as predictions has no ONNX contract: its card says only what its file says.
  const contract = input.model.contract ?? NO_CONTRACT;
  const meta = fieldsFromMetadata(contract.metadata);
  const details = user.model_details ?? {};
  const parameters = user.model_parameters ?? {};
  const training = parameters.training_data ?? {};
  const considerations = user.considerations ?? {};
  const card: ModelCard = {
    schema: CARD_SCHEMA,
    model_details: {
      name: first(details.name, meta.name) ?? baseName(input.model.path),
      version:
        first(details.version, meta.version) ??
        (contract.model_version > 0 ? String(contract.model_version) : null),
      owners: first(details.owners, meta.owners) ?? [],
      license: first(details.license, meta.license) ?? null,
      references: first(details.references, meta.references) ?? [],
      date: first(details.date, meta.date) ?? null,
      overview: first(details.overview, meta.overview) ?? null,
    },
    model_parameters: {
      architecture: first(parameters.architecture, meta.architecture) ?? architecture(input.model),
      training_data: {
        reference: first(training.reference, meta.training_reference) ?? null,
        sha256: first(training.sha256, meta.training_sha256) ?? null,
      },
      input_format: contract.inputs.map((t) => ({ ...t, shape: t.shape && [...t.shape] })),
      output_format: contract.outputs.map((t) => ({ ...t, shape: t.shape && [...t.shape] })),
      ...(input.model.score_reason
        ? { scores: modelLines(input.model as ModelJson).join('; ') }
        : {}),
    },
    quantitative_analysis: input.evaluation
      ? measured(input.evaluation)
      : written(user.quantitative_analysis),
    ...(input.serving ? { serving: input.serving } : {}),
    considerations: {
      intended_use: first(considerations.intended_use, meta.intended_use) ?? [],
      limitations: first(considerations.limitations, meta.limitations) ?? [],
      ethical_considerations:
        first(considerations.ethical_considerations, meta.ethical_considerations) ?? [],
      users: first(considerations.users, meta.users) ?? [],
      use_cases: first(considerations.use_cases, meta.use_cases) ?? [],
    },
  };
  // The parts from the model and the evaluation are checked too: a card that this function
  // returns must read back from MODEL_CARD.md.
  return modelCardSchema.parse(card);
}
