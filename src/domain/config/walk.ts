/**
 * Walking a zod schema and a value along a key path, to name the keys a mapping allows (for "did
 * you mean") and to show the value an issue is about.
 */
import { z } from 'zod';

export type Path = readonly PropertyKey[];
export type Schema = z.core.$ZodType;

/** `rules[2].vs_baseline.max_drop`; a key that is not a plain name is quoted: `per_column["a b"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      if (/^[A-Za-z_][\w-]*$/.test(name)) out += out === '' ? name : `.${name}`;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  return value;
}

/** Options and wrappers are looked through: an optional mapping still has its keys. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) current = current.in;
    else return current;
  }
}

/** The schemas a path may lead to (several through a union). */
export function schemasAt(schema: Schema, path: Path): Schema[] {
  let found = [unwrap(schema)];
  for (const key of path) {
    const next: Schema[] = [];
    const expand = (s: Schema): void => {
      if (s instanceof z.ZodUnion) for (const option of s.options) expand(unwrap(option));
      else if (s instanceof z.ZodObject && typeof key === 'string') {
        const child = s.shape[key];
        if (child) next.push(unwrap(child));
      } else if (s instanceof z.ZodArray && typeof key === 'number') next.push(unwrap(s.element));
      else if (s instanceof z.ZodRecord && typeof key === 'string') next.push(unwrap(s.valueType));
    };
    for (const s of found) expand(s);
    found = next;
  }
  return found;
}

export function objectKeys(schema: Schema): string[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return Object.keys(s.shape);
  if (s instanceof z.ZodUnion) return [...new Set(s.options.flatMap(objectKeys))];
  return [];
}

export function keysAt(schema: Schema, path: Path): string[] {
  return [...new Set(schemasAt(schema, path).flatMap(objectKeys))];
}
