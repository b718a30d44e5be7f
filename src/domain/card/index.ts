/**
 * The model card: built from model-card.yml, the ONNX metadata and the gate's evaluation;
 * written as MODEL_CARD.md (Hugging Face front matter + a body for people) or JSON; read back;
 * and compared between the baseline and the candidate for the PR comment.
 */
export { type BuildCardInput, buildCard, type CardEvaluation, parseUserCard } from './build.js';
export { type DiffCardsInput, diffCards } from './diff.js';
export type * from './diff-types.js';
export {
  type CardMarkdownOptions,
  cardToJson,
  cardToMarkdown,
  parseCardMarkdown,
} from './markdown.js';
export { fieldsFromMetadata, type MetadataFields } from './metadata.js';
export {
  CARD_SCHEMA,
  type CardDataset,
  type CardMetric,
  type CardServing,
  type CardTensor,
  type ModelCard,
  modelCardSchema,
  type UserCard,
  userCardSchema,
} from './schema.js';
export { type CardServingInput, cardServing } from './serving.js';
