/**
 * A serving contract read back (a contract.json, or the one a gate report carries): only what
 * `contract` writes is accepted, and anything else is refused naming the key, so a hand-edited or
 * hostile file never reaches validation half understood.
 */
import { InputError } from '../errors.js';
import type { ServingContract } from './build.js';

const REWRITE = 'Write the contract again with model-gate contract, or fix the key by hand.';

/** `value` as a ServingContract; `source` names where it came from ("contract 'c.json'"). */
export function checkContract(value: unknown, source: string): ServingContract {
  const contract = value as Partial<ServingContract> | null;
  const properties = contract?.properties;
  if (
    typeof contract !== 'object' ||
    contract === null ||
    contract['x-model-gate']?.contract !== 1 ||
    typeof properties !== 'object' ||
    properties === null ||
    Array.isArray(properties)
  ) {
    throw new InputError(
      `${source} is not a model-gate serving contract (no x-model-gate.contract: 1 and properties)`,
      'Write one with: model-gate contract --model model.onnx --reference train.csv --out contract.json',
    );
  }
  for (const [name, p] of Object.entries(properties)) {
    const bad = (key: string, what: string) =>
      new InputError(
        `${source}: properties.${name}.${key} is ${JSON.stringify((p as unknown as Record<string, unknown>)?.[key])}, not ${what}`,
        REWRITE,
      );
    // One base type, or it and null: the only forms `contract` writes.
    const raw: unknown = p?.type;
    const type = Array.isArray(raw) && raw.length === 2 && raw[1] === 'null' ? raw[0] : raw;
    if (type !== 'number' && type !== 'integer' && type !== 'string') {
      throw bad('type', 'number, integer or string, or one of them with null ([type, "null"])');
    }
    for (const key of ['minimum', 'maximum'] as const) {
      if (p[key] !== undefined && !(typeof p[key] === 'number' && Number.isFinite(p[key]))) {
        throw bad(key, 'a finite number');
      }
    }
    if (
      p.enum !== undefined &&
      !(
        type === 'string' &&
        Array.isArray(p.enum) &&
        p.enum.every((v) => typeof v === 'string' || v === null)
      )
    ) {
      throw bad('enum', 'a list of strings (and null) on a string column');
    }
    if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) {
      throw bad('minimum', `at most maximum (${p.maximum})`);
    }
  }
  return contract as ServingContract;
}

/** A contract as `contract`, the gate and promotion write it: JSON, two-space indent, one line end. */
export function contractText(contract: ServingContract): string {
  return `${JSON.stringify(contract, null, 2)}\n`;
}
