/**
 * zod issues → problems a person can act on: each names the key path, what was expected and what
 * was found, and the nearest key or value for a typo. A union (a rule, vs_baseline, a slice,
 * drift) is explained by the form the value was meant to have, not by every form it failed.
 */
import { z } from 'zod';
import { closest, editDistance } from '../text.js';
import { RULE_FORMS_HINT } from './parts.js';
import {
  formatPath,
  isRecord,
  keysAt,
  objectKeys,
  type Path,
  type Schema,
  schemasAt,
  unwrap,
  valueAt,
} from './walk.js';

type Issue = z.core.$ZodIssue;

export interface Problem {
  readonly path: Path;
  /** unknown and missing name a key inside `path`; invalid describes the value at `path`. */
  readonly kind: 'unknown' | 'missing' | 'invalid';
  readonly text: string;
  readonly key?: string;
  readonly suggestion?: string;
  readonly hint?: string;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

function bound(issue: { minimum?: unknown; maximum?: unknown }, origin: string, small: boolean) {
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (origin === 'array') {
    if (small && limit === 1) return 'must not be empty';
    return `must have ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
  }
  if (origin === 'string') {
    if (small && limit === 1) return 'must not be empty';
    return `must have ${small ? 'at least' : 'at most'} ${limit} characters`;
  }
  return '';
}

/** The nearest name, unless it is so far off that a suggestion would puzzle ('a' → 'data'). */
function nearest(name: string, candidates: readonly string[]): string | undefined {
  const near = closest(name, candidates, 1)[0];
  if (near === undefined) return undefined;
  return editDistance(name, near) <= Math.max(2, Math.ceil(near.length / 2)) ? near : undefined;
}

function unknownKeys(keys: readonly string[], path: Path, allowed: readonly string[]): Problem[] {
  return keys.map((key): Problem => {
    if (allowed.includes(key)) {
      // A key of another form of a union (slices on a latency rule): "did you mean" itself won't do.
      const hint = unionHint(path);
      return {
        path: [...path, key],
        kind: 'invalid',
        text: `does not go with this form of ${formatPath(path)}`,
        ...(hint ? { hint } : {}),
      };
    }
    const near = nearest(key, allowed);
    return {
      path,
      kind: 'unknown',
      key,
      text: `unknown key '${key}'`,
      ...(near !== undefined ? { suggestion: near } : {}),
      ...(near === undefined && allowed.length > 0
        ? { hint: `The keys there are: ${allowed.join(', ')}.` }
        : {}),
    };
  });
}

const UNION_HINTS: readonly [RegExp, string][] = [
  [/^rules\[\d+\]$/, RULE_FORMS_HINT],
  [
    /\.vs_baseline$/,
    'vs_baseline takes one of max_drop (how much worse the candidate may be) or min_delta (how much better it must be).',
  ],
];

function unionHint(path: Path): string | undefined {
  const name = formatPath(path);
  return UNION_HINTS.find(([pattern]) => pattern.test(name))?.[1];
}

/** A union of mappings: the form is chosen by the keys only one option has (min, vs_baseline, ...). */
function keyedUnion(options: readonly Schema[], value: unknown, path: Path, root: unknown) {
  const hint = unionHint(path);
  const withHint = hint ? { hint } : {};
  if (!isRecord(value)) {
    const text = `must be a mapping (got ${describeValue(value)})`;
    return [{ path, kind: 'invalid', text, ...withHint } satisfies Problem];
  }
  const shapes = options.map(objectKeys);
  const all = [...new Set(shapes.flat())];
  const strangers = Object.keys(value).filter((key) => !all.includes(key));
  if (strangers.length > 0) return unknownKeys(strangers, path, all);
  const own = shapes.map((keys) =>
    keys.filter((key) => shapes.every((k) => k === keys || !k.includes(key))),
  );
  const forms = own.flat();
  const present = forms.filter((key) => key in value);
  const list = orList(forms);
  if (present.length !== 1) {
    const text =
      present.length === 0
        ? `needs one of ${list}`
        : `has ${present.map((key) => `'${key}'`).join(' and ')}, but takes only one of ${list}`;
    return [{ path, kind: 'invalid', text, ...withHint } satisfies Problem];
  }
  const index = own.findIndex((keys) => keys.includes(present[0] as string));
  const option = options[index] as Schema;
  const result = z.safeParse(option, value);
  return result.success ? [] : problemsOf(result.error.issues, root, option, path);
}

function union(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  full: Path,
  at: Schema,
  root: unknown,
) {
  const value = valueAt(root, full);
  const parent = valueAt(root, full.slice(0, -1));
  const key = full[full.length - 1];
  if (value === undefined && typeof key === 'string' && isRecord(parent)) {
    // A required key whose value may take several forms: absent, it is missing, not mistyped.
    return [
      { path: full.slice(0, -1), kind: 'missing', key, text: `missing key '${key}'` } as const,
    ];
  }
  const schema = schemasAt(at, issue.path).find((s) => s instanceof z.ZodUnion);
  const options: readonly Schema[] = schema instanceof z.ZodUnion ? schema.options : [];
  if (options.length > 1 && options.every((o) => unwrap(o) instanceof z.ZodObject)) {
    return keyedUnion(options, value, full, root);
  }
  const wrongShape = (errors: readonly Issue[]) =>
    errors.every(
      (e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_value'),
    );
  const fits = issue.errors.findIndex((errors) => !wrongShape(errors));
  const option = options[fits];
  if (option) return problemsOf(issue.errors[fits] ?? [], root, option, full);
  const expected = issue.errors.flatMap((errors) =>
    errors.flatMap((e) =>
      e.code === 'invalid_type'
        ? [EXPECTED[e.expected] ?? e.expected]
        : e.code === 'invalid_value'
          ? e.values.map(quote)
          : [],
    ),
  );
  const text = `must be ${orList([...new Set(expected)])} (got ${describeValue(value)})`;
  return [{ path: full, kind: 'invalid', text } satisfies Problem];
}

/** invalid_type: a missing key when the parent mapping lacks it, else a value of the wrong type. */
function wrongType(issue: Extract<Issue, { code: 'invalid_type' }>, full: Path, root: unknown) {
  const value = valueAt(root, full);
  const parent = valueAt(root, full.slice(0, -1));
  const key = full[full.length - 1];
  if (typeof key === 'string' && isRecord(parent) && parent[key] === undefined) {
    return { path: full.slice(0, -1), kind: 'missing', key, text: `missing key '${key}'` } as const;
  }
  if (full.length === 0) {
    const text =
      value == null
        ? 'is empty'
        : `must hold a mapping of keys such as label: and models: (got ${describeValue(value)})`;
    return { path: full, kind: 'invalid', text } as const;
  }
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const text = `must be ${expected} (got ${describeValue(value)})`;
  if (issue.expected === 'string' && typeof value === 'number') {
    const hint = `YAML reads ${value} as a number; quote it: '${value}'.`;
    return { path: full, kind: 'invalid', text, hint } as const;
  }
  return { path: full, kind: 'invalid', text } as const;
}

function outOfRange(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown) {
  const small = issue.code === 'too_small';
  const sized = bound(issue, issue.origin, small);
  if (sized) return sized;
  const inclusive = issue.inclusive !== false;
  const relation = small
    ? inclusive
      ? 'at least'
      : 'greater than'
    : inclusive
      ? 'at most'
      : 'less than';
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  return `must be ${relation} ${limit} (got ${describeValue(value)})`;
}

function notAllowed(issue: Extract<Issue, { code: 'invalid_value' }>, value: unknown) {
  const allowed = issue.values.map(quote);
  const must =
    allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(', ')}`;
  const names = issue.values.filter((v) => typeof v === 'string');
  const near = typeof value === 'string' ? nearest(value, names) : undefined;
  const suggestion = near !== undefined ? `; did you mean '${near}'?` : '';
  return `${must} (got ${describeValue(value)})${suggestion}`;
}

/** `at` is the schema the issues' paths start from; `prefix` is where it sits in the config. */
export function problemsOf(
  issues: readonly Issue[],
  root: unknown,
  at: Schema,
  prefix: Path,
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const full = [...prefix, ...issue.path];
    const invalid = (text: string, hint?: unknown): Problem[] => [
      { path: full, kind: 'invalid', text, ...(typeof hint === 'string' ? { hint } : {}) },
    ];
    switch (issue.code) {
      case 'unrecognized_keys':
        return unknownKeys(issue.keys, full, keysAt(at, issue.path));
      case 'invalid_type':
        return [wrongType(issue, full, root)];
      case 'too_small':
      case 'too_big':
        return invalid(outOfRange(issue, valueAt(root, full)));
      case 'invalid_value':
        return invalid(notAllowed(issue, valueAt(root, full)));
      case 'invalid_union':
        return union(issue, full, at, root);
      case 'invalid_key': {
        const empty = issue.issues.some((e) => e.code === 'too_small');
        return invalid(empty ? 'is an empty key' : 'is not a valid key');
      }
      case 'custom':
        return invalid(issue.message, issue.params?.hint);
      default:
        return invalid(`is invalid: ${issue.message}`);
    }
  });
}
