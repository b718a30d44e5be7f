/**
 * A card that fails its schema → one InputError (exit 2) naming the file, the key path and what
 * to do. The problems themselves (unknown key with the nearest one, wrong type, value out of
 * range) come from the config's explainer, so both files speak the same way; only the wording
 * around them is the card's.
 */
import type { z } from 'zod';
import { describeValue, type Problem, problemsOf } from '../config/problems.js';
import { formatPath, isRecord, type Path } from '../config/walk.js';
import { InputError } from '../errors.js';

/** Problems shown in one message; the rest are counted. */
const SHOWN = 5;

const KEYS_HINT =
  'Every section of a model card is optional: model_details, model_parameters, quantitative_analysis, considerations.';

function where(path: Path): string {
  return path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
}

function render(problem: Problem, source: string | null): string {
  const of = source === null ? '' : ` of ${source}`;
  if (problem.kind !== 'invalid') {
    const tail = problem.suggestion !== undefined ? `; did you mean '${problem.suggestion}'?` : '';
    return `${problem.text} ${where(problem.path)}${of}${tail}`;
  }
  const at = problem.path.length === 0 ? 'the card' : formatPath(problem.path);
  return source === null ? `${at} ${problem.text}` : `${source}: ${at} ${problem.text}`;
}

/** Unknown keys first (a typo explains the missing key it meant), then zod's order, without repeats. */
function arrange(problems: readonly Problem[]): Problem[] {
  const unknown = problems.filter((p) => p.kind === 'unknown');
  const meant = new Set(unknown.map((p) => `${formatPath(p.path)}/${p.suggestion ?? ''}`));
  const seen = new Set<string>();
  return [...unknown, ...problems.filter((p) => p.kind !== 'unknown')].filter((p) => {
    if (p.kind === 'missing' && meant.has(`${formatPath(p.path)}/${p.key}`)) return false;
    const line = render(p, null);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

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
  const problems = arrange(problemsOf(issues, value, schema, []));
  const first = problems[0];
  if (first === undefined) return new InputError(`${source} is not a valid model card`, KEYS_HINT);
  if (problems.length === 1) return new InputError(render(first, source), first.hint);
  const shown = problems.slice(0, SHOWN).map((p) => `  - ${render(p, null)}`);
  if (problems.length > SHOWN) shown.push(`  - and ${problems.length - SHOWN} more`);
  const hints = [...new Set(problems.slice(0, SHOWN).flatMap((p) => (p.hint ? [p.hint] : [])))];
  return new InputError(
    `${source} has ${problems.length} problems:\n${shown.join('\n')}`,
    hints.length > 0 ? hints.join(' ') : KEYS_HINT,
  );
}
