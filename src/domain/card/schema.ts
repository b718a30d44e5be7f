/**
 * The model card (`schema: 1`): the zod schema of a whole card, as MODEL_CARD.md's front matter
 * and report.json hold it, and of what a user writes in `model-card.yml`.
 *
 * The sections and most names follow Google's Model Card Toolkit (MCT, JSON schema v0.0.2),
 * snake_case as there, so a card reads the same to someone who knows MCT. Where MCT wraps one
 * value in an object or list, the card keeps the value, because the gate fills or compares it:
 *
 * | card                                   | MCT                                              |
 * | -------------------------------------- | ------------------------------------------------ |
 * | model_details.version, .date           | model_details.version.name, .version.date        |
 * | model_details.license                  | model_details.licenses[].identifier              |
 * | model_details.references[]             | model_details.references[].reference             |
 * | model_parameters.architecture          | model_parameters.model_architecture              |
 * | model_parameters.training_data         | model_parameters.data[] (the training set)       |
 * | model_parameters.input_format[]        | model_parameters.input_format (tensors here)     |
 * | quantitative_analysis.dataset          | (the evaluation set; MCT keeps it in data[])     |
 * | quantitative_analysis.metrics[]        | quantitative_analysis.performance_metrics[]      |
 * | metrics[].name, .ci                    | performance_metrics[].type, .confidence_interval |
 * | considerations.users[], .use_cases[]   | considerations.users[].description, ...          |
 * | considerations.intended_use[]          | (the Model Cards paper's "Intended use")         |
 *
 * Every mapping is strict: an unknown key is an error, reported with the nearest key.
 */
import { z } from 'zod';
import { describeValue } from '../config/problems.js';

export const CARD_SCHEMA = 1;

const SHA256 = /^[0-9a-fA-F]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isSha256(text: string): boolean {
  return SHA256.test(text);
}

/** YYYY-MM-DD naming a day of the calendar (no 2024-02-30). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const name = z.string().min(1);
const nullableText = z.string().nullable();
const texts = z.array(z.string());

/** Hex digits in either case, kept lowercase (sha256sum's form) so that two cards compare equal. */
const sha256 = z
  .string()
  .refine(isSha256, {
    error: (issue) =>
      `must be a SHA-256: 64 hexadecimal digits (got ${describeValue(issue.input)})`,
    params: { hint: 'Write the hash as `sha256sum FILE` prints it.' },
  })
  .transform((hex) => hex.toLowerCase());

const isoDate = z.string().refine(isIsoDate, {
  error: (issue) => `must be a date as YYYY-MM-DD (got ${describeValue(issue.input)})`,
});

const owner = z.strictObject({ name, contact: z.string().optional() });

const risk = z.strictObject({ name, mitigation_strategy: z.string().optional() });

/** One input or output of the ONNX graph; a null dim or a string is dynamic (e.g. the batch). */
const tensor = z.strictObject({
  name: z.string(),
  type: z.string(),
  shape: z.array(z.union([z.int(), z.string(), z.null()])).nullable(),
});

const dataset = z.strictObject({ name, sha256, rows: z.int().min(0) });

/** value is null when the metric is undefined on the data (e.g. roc_auc on one class). */
const metricShape = {
  name,
  value: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  slice: z.string().nullable(),
};

const trainingData = z.strictObject({ reference: nullableText, sha256: sha256.nullable() });

const modelDetails = z.strictObject({
  name,
  version: nullableText,
  owners: z.array(owner),
  license: nullableText,
  references: texts,
  date: isoDate.nullable(),
  overview: nullableText,
});

const considerations = z.strictObject({
  intended_use: texts,
  limitations: texts,
  ethical_considerations: z.array(risk),
  users: texts,
  use_cases: texts,
});

/** A request column as the serving contract has it (domain/contract), for people. */
const requestColumn = z.strictObject({
  name: z.string(),
  type: z.enum(['number', 'integer', 'string']),
  /** The column may be empty (null): the holdout had empty cells there, or nothing says. */
  nullable: z.boolean(),
  minimum: z.number().nullable(),
  maximum: z.number().nullable(),
  /** How many categories the contract allows; null when any text is. */
  categories: z.int().min(0).nullable(),
});

/**
 * What serving the model costs and needs, as the gate measured it on its runner: the file, the
 * session.run latency at each batch it timed, the peak memory at each batch a memory rule named,
 * and what a request row holds. Absent from a card no gate measured.
 */
const serving = z.strictObject({
  file_mb: z.number().min(0),
  threads: z.int().min(1).nullable(),
  latency: z.array(
    z.strictObject({
      batch_rows: z.int().min(1),
      runs: z.int().min(1),
      p50_ms: z.number(),
      p95_ms: z.number(),
    }),
  ),
  memory: z.array(
    z.strictObject({ batch_rows: z.int().min(1), peak_mb: z.number(), resident_mb: z.number() }),
  ),
  request: z.array(requestColumn),
});

export const modelCardSchema = z.strictObject({
  schema: z.literal(CARD_SCHEMA),
  model_details: modelDetails,
  model_parameters: z.strictObject({
    architecture: nullableText,
    training_data: trainingData,
    input_format: z.array(tensor),
    output_format: z.array(tensor),
    /** How the evaluation read the model's output (probabilities or logits, and why). */
    scores: nullableText.optional(),
  }),
  quantitative_analysis: z.strictObject({
    dataset: dataset.nullable(),
    metrics: z.array(z.strictObject(metricShape)),
  }),
  serving: serving.optional(),
  considerations,
});

export type ModelCard = z.output<typeof modelCardSchema>;
export type CardTensor = ModelCard['model_parameters']['input_format'][number];
export type CardMetric = ModelCard['quantitative_analysis']['metrics'][number];
export type CardDataset = NonNullable<ModelCard['quantitative_analysis']['dataset']>;
export type CardServing = NonNullable<ModelCard['serving']>;

/** Keys the gate reads from the ONNX model: a card that sets them would be overridden, so it may not. */
const fromModel = z
  .unknown()
  .refine((value) => value === undefined, {
    error: 'is read from the ONNX model, not from the card',
    params: { hint: 'Remove it: the card lists the ONNX inputs and outputs itself.' },
  })
  .optional();

/**
 * `model-card.yml`: every section and every key optional (absent means "take it from the ONNX
 * metadata, else the default"; null or [] means "none", overriding both). Items of a list keep
 * their own required keys (an owner has a name, a metric a name and a value).
 */
export const userCardSchema = z.strictObject({
  schema: z.literal(CARD_SCHEMA).optional(),
  model_details: modelDetails.partial().optional(),
  model_parameters: z
    .strictObject({
      architecture: nullableText,
      training_data: trainingData.partial(),
      input_format: fromModel,
      output_format: fromModel,
      scores: fromModel,
    })
    .partial()
    .optional(),
  quantitative_analysis: z
    .strictObject({
      dataset: dataset.nullable(),
      metrics: z.array(
        z.strictObject({
          ...metricShape,
          ci: metricShape.ci.optional(),
          slice: metricShape.slice.optional(),
        }),
      ),
    })
    .partial()
    .optional(),
  serving: z
    .unknown()
    .refine((value) => value === undefined, {
      error: 'is measured by the gate, not written in the card',
      params: { hint: 'Remove it: the gate fills the serving section itself.' },
    })
    .optional(),
  considerations: considerations.partial().optional(),
});

export type UserCard = z.output<typeof userCardSchema>;
