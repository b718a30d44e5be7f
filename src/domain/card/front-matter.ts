/**
 * MODEL_CARD.md's YAML front matter, in Hugging Face's model-card form (license, tags,
 * model-index with the overall metrics) so that the Hub and tools that read it see the model,
 * plus the whole card under `model_card:` so that the file alone gives the card back, exactly:
 * numbers are written in their shortest round-trip form, strings quoted or block-indented as
 * YAML needs, and no object is written as an alias.
 */
import { parse, stringify } from 'yaml';
import { isMetricName, METRICS } from '../config/metrics.js';
import { InputError } from '../errors.js';
import type { Task } from '../task.js';
import { cardError, requireMapping } from './issues.js';
import { type ModelCard, modelCardSchema } from './schema.js';

export const CARD_TAGS = ['model-gate', 'onnx'] as const;

type HfTask = 'tabular-classification' | 'tabular-regression';

/** The task given, else the one the card's metric names belong to; null when they tell none. */
export function hfTask(card: ModelCard, task?: Task): HfTask | null {
  if (task !== undefined) {
    return task === 'regression' ? 'tabular-regression' : 'tabular-classification';
  }
  const known = card.quantitative_analysis.metrics.map((m) => m.name).filter(isMetricName);
  if (known.length === 0) return null;
  const regression = known.every((name) => METRICS[name].tasks.includes('regression'));
  if (regression) return 'tabular-regression';
  const classification = known.every((name) => !METRICS[name].tasks.includes('regression'));
  return classification ? 'tabular-classification' : null;
}

/** Hugging Face's model-index: one result with the overall metrics that have a value. */
function modelIndex(card: ModelCard, task: HfTask | null): unknown[] | undefined {
  const { dataset, metrics } = card.quantitative_analysis;
  const overall = metrics.filter((m) => m.slice === null && m.value !== null);
  if (task === null || overall.length === 0) return undefined;
  return [
    {
      name: card.model_details.name,
      results: [
        {
          task: { type: task },
          dataset: { name: dataset?.name ?? 'holdout', type: 'tabular' },
          metrics: overall.map((m) => ({ type: m.name, value: m.value, name: m.name })),
        },
      ],
    },
  ];
}

/** `---\n<yaml>---\n`, ready to be followed by the body. */
export function frontMatter(card: ModelCard, task?: Task): string {
  const index = modelIndex(card, hfTask(card, task));
  const front = {
    ...(card.model_details.license !== null ? { license: card.model_details.license } : {}),
    tags: [...CARD_TAGS],
    ...(index !== undefined ? { 'model-index': index } : {}),
    model_card: card,
  };
  const yaml = stringify(front, { lineWidth: 0, aliasDuplicateObjects: false });
  return `---\n${yaml}---\n`;
}

/** The front matter's YAML text; YAML cannot write a bare `---` line inside one document. */
const FRONT = /^\uFEFF?---\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** The card in `markdown`'s front matter; throws an InputError naming `source` when there is none. */
export function readFrontMatter(markdown: string, source: string): ModelCard {
  const found = FRONT.exec(markdown);
  if (found === null || found.index !== 0) {
    throw new InputError(
      `${source} has no YAML front matter: it must start with a line '---'`,
      'Write MODEL_CARD.md with model-gate, or start it with the card between two --- lines.',
    );
  }
  let front: unknown;
  try {
    front = parse(found[1] ?? '', { schema: 'core', uniqueKeys: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${source}: the front matter is not valid YAML: ${reason}`);
  }
  requireMapping(front, `the front matter of ${source}`, 'a mapping with a model_card: key');
  const card = (front as Record<string, unknown>).model_card;
  const where = `${source} (front matter, model_card)`;
  requireMapping(card, where, 'a model card');
  const result = modelCardSchema.safeParse(card);
  if (result.success) return result.data;
  throw cardError(result.error.issues, card, modelCardSchema, where);
}
