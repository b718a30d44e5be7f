/**
 * The problems of one parse → one InputError naming the file: a single problem as a sentence,
 * several as a bounded list. The config and the model card (card/issues.ts) both speak this way;
 * `Wording` is what differs.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { type Problem, problemsOf } from './problems.js';
import { formatPath, type Path, type Schema } from './walk.js';

/** Problems shown in one message; the rest are counted. */
const SHOWN = 5;

function where(path: Path): string {
  return path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
}

/** What the file is called in messages, and the hint when no problem has its own. */
export interface Wording {
  /** The file's role in "X is not a valid <thing>": 'model-gate config', 'model card'. */
  readonly thing: string;
  /** The whole value, when the problem is at the top level: 'the config', 'the card'. */
  readonly whole: string;
  readonly hint: string;
}

const CONFIG_WORDING: Wording = {
  thing: 'model-gate config',
  whole: 'the config',
  hint: "'model-gate schema' prints every key with its type and default.",
};

function render(problem: Problem, source: string | null, words: Wording): string {
  const of = source === null ? '' : ` of ${source}`;
  if (problem.kind !== 'invalid') {
    const tail = problem.suggestion !== undefined ? `; did you mean '${problem.suggestion}'?` : '';
    return `${problem.text} ${where(problem.path)}${of}${tail}`;
  }
  if (problem.path.length === 0) return `${source ?? words.whole} ${problem.text}`;
  const at = formatPath(problem.path);
  return source === null ? `${at} ${problem.text}` : `${source}: ${at} ${problem.text}`;
}

/** Unknown keys first (a typo explains the missing key it meant), then zod's order. */
function arrange(problems: readonly Problem[], words: Wording): Problem[] {
  const ordered = [
    ...problems.filter((p) => p.kind === 'unknown'),
    ...problems.filter((p) => p.kind !== 'unknown'),
  ];
  const meant = new Set(
    ordered
      .filter((p) => p.kind === 'unknown' && p.suggestion !== undefined)
      .map((p) => `${formatPath(p.path)}/${p.suggestion}`),
  );
  const seen = new Set<string>();
  return ordered.filter((p) => {
    if (p.kind === 'missing' && meant.has(`${formatPath(p.path)}/${p.key}`)) return false;
    const line = render(p, null, words);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/** One InputError for all the issues of one parse, naming `source` (the file). */
export function configError(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  schema: Schema,
  source: string,
): InputError {
  return issuesError(issues, value, schema, source, CONFIG_WORDING);
}

/** The same for any schema, in `words`. */
export function issuesError(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  schema: Schema,
  source: string,
  words: Wording,
): InputError {
  const problems = arrange(problemsOf(issues, value, schema, []), words);
  const first = problems[0];
  if (problems.length <= 1 || first === undefined) {
    if (first === undefined)
      return new InputError(`${source} is not a valid ${words.thing}`, words.hint);
    return new InputError(render(first, source, words), first.hint);
  }
  const shown = problems.slice(0, SHOWN).map((p) => `  - ${render(p, null, words)}`);
  if (problems.length > SHOWN) shown.push(`  - and ${problems.length - SHOWN} more`);
  const hints = [...new Set(problems.slice(0, SHOWN).flatMap((p) => (p.hint ? [p.hint] : [])))];
  return new InputError(
    `${source} has ${problems.length} problems:\n${shown.join('\n')}`,
    hints.length > 0 ? hints.join(' ') : words.hint,
  );
}
