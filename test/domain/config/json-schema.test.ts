/** The JSON Schema editors get: closed mappings, descriptions, and the same verdicts as parseConfig. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema } from '../../../src/domain/config/parse.js';
import { validate } from './json-schema-check.js';

type Node = { [key: string]: unknown };

const schema = configJsonSchema() as Node;
const example = parse(
  readFileSync(new URL('../../../fixtures/config/example.model-gate.yml', import.meta.url), 'utf8'),
);
const full = parse(
  readFileSync(new URL('../../../fixtures/config/full.model-gate.yml', import.meta.url), 'utf8'),
  { merge: true },
);

/** Every object schema under `node`, with where it is. */
function objects(node: unknown, at = '$'): [string, Node][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => objects(n, `${at}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const own: [string, Node][] = (node as Node).type === 'object' ? [[at, node as Node]] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) => objects(value, `${at}.${key}`)),
  ];
}

describe('configJsonSchema', () => {
  it('is draft 2020-12 with a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toMatch(/model-gate/);
  });

  it('lists every top-level key, each described, and closes the top level', () => {
    const properties = schema.properties as Record<string, Node>;
    expect(Object.keys(properties)).toEqual([
      'version',
      'task',
      'label',
      'positive_label',
      'threshold',
      'features',
      'models',
      'data',
      'cards',
      'rules',
      'slices',
      'min_slice_size',
      'drift',
      'statistics',
      'on_inconclusive',
    ]);
    for (const [key, property] of Object.entries(properties)) {
      expect(typeof property.description, key).toBe('string');
    }
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['label', 'models']);
  });

  it('closes every mapping: additionalProperties false, or a schema for maps keyed by names', () => {
    const found = objects(schema);
    expect(found.length).toBeGreaterThan(10);
    for (const [at, node] of found) {
      // Maps keyed by the user's names: per-column drift methods, per-input column lists.
      if (at.endsWith('.per_column') || at.endsWith('.inputs'))
        expect(typeof node.additionalProperties, at).toBe('object');
      else expect(node.additionalProperties, at).toBe(false);
    }
  });

  it.each([
    ['the example', example],
    ['the full fixture', full],
    ['a minimal config', { label: 'y', models: { candidate: 'a', baseline: 'b' } }],
  ])('accepts %s', (_, value) => {
    expect(validate(schema, value)).toEqual([]);
  });

  it.each([
    ['an unknown top-level key', { ...example, treshold: 0.5 }, /unknown key treshold/],
    [
      'an unknown key in a rule',
      { ...example, rules: [{ metric: 'f1', min: 0.5, slice: true }] },
      /rules\[0\]: matches no anyOf/,
    ],
    ['a bad enum value', { ...example, task: 'binry' }, /\$\.task: not one of/],
    ['confidence out of range', { ...example, statistics: { confidence: 1 } }, />= 1/],
    ['a missing key', { label: 'y' }, /missing models/],
  ])('refuses %s', (_, value, error) => {
    expect(validate(schema, value).join('\n')).toMatch(error);
  });
});
