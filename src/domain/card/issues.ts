/**
 * A card that fails its schema → one InputError (exit 2) naming the file, the key path and what
 * to do. The problems themselves (unknown key with the nearest one, wrong type, value out of
 * range) come from the config's explainer, so both files speak the same way; only the wording
 * around them is the card's.
 */
import type { z } from 'zod';
import { issuesError, type Wording } from '../config/issues.js';
import { describeValue } from '../config/problems.js';
import { isRecord } from '../config/walk.js';
import { InputError } from '../errors.js';

const CARD_WORDING: Wording = {
  thing: 'model card',
  whole: 'the card',
  hint: 'Every section of a model card is optional: model_details, model_parameters, quantitative_analysis, considerations.',
};

/** Throws unless `value` is a mapping: the schema's own message would speak of the config. */
export function requireMapping(value: unknown, source: string, what: string): void {
  if (isRecord(value)) return;
  throw new InputError(
    `${source} must hold ${what} (got ${describeValue(value)})`,
    'Write sections as keys, e.g. model_details: { name: churn, license: apache-2.0 }.',
  );
}

/** One InputError for all the issues of one parse of `value` against `schema`, naming `source`. */
export function cardError(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  schema: z.core.$ZodType,
  source: string,
): InputError {
  return issuesError(issues, value, schema, source, CARD_WORDING);
}
