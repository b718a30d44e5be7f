/**
 * A tiny JSON Schema validator for the keywords the config's schema uses, so a test can check
 * that the schema editors see accepts the example and refuses what parseConfig refuses. An
 * unknown keyword throws: the check never passes by ignoring a constraint.
 */
type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOk(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`unsupported type ${JSON.stringify(type)}`);
  }
}

/** Paths (`$.rules[0].min`) where `value` breaks `schema`; empty when it conforms. */
export function validate(schema: JsonSchema, value: unknown, root = schema, at = '$'): string[] {
  const errors: string[] = [];
  const fail = (what: string) => errors.push(`${at}: ${what}`);
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword) || keyword === '$defs') continue;
    switch (keyword) {
      case '$ref': {
        const name = String(arg).replace('#/$defs/', '');
        const defs = root.$defs as Record<string, JsonSchema> | undefined;
        const target = defs?.[name];
        if (!target) throw new Error(`unresolved $ref ${String(arg)}`);
        errors.push(...validate(target, value, root, at));
        break;
      }
      case 'type':
        if (!typeOk(arg, value)) fail(`not ${String(arg)}`);
        break;
      case 'const':
        if (value !== arg) fail(`not ${JSON.stringify(arg)}`);
        break;
      case 'enum':
        if (!(arg as unknown[]).includes(value)) fail(`not one of ${JSON.stringify(arg)}`);
        break;
      case 'anyOf':
        if (!(arg as JsonSchema[]).some((s) => validate(s, value, root, at).length === 0)) {
          fail('matches no anyOf option');
        }
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) fail(`< ${arg}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (arg as number)) fail(`> ${arg}`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (arg as number)) fail(`<= ${arg}`);
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && value >= (arg as number)) fail(`>= ${arg}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (arg as number)) fail('too short');
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (arg as number)) fail('too few items');
        break;
      case 'items':
        if (Array.isArray(value)) {
          value.forEach((item, i) => {
            errors.push(...validate(arg as JsonSchema, item, root, `${at}[${i}]`));
          });
        }
        break;
      case 'required':
        if (isObject(value)) {
          for (const key of arg as string[]) if (!(key in value)) fail(`missing ${key}`);
        }
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(arg as Record<string, JsonSchema>)) {
            if (key in value) errors.push(...validate(sub, value[key], root, `${at}.${key}`));
          }
        }
        break;
      case 'propertyNames':
        if (isObject(value)) {
          for (const key of Object.keys(value)) {
            errors.push(...validate(arg as JsonSchema, key, root, `${at} key '${key}'`));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const known = Object.keys((schema.properties as JsonSchema | undefined) ?? {});
          for (const key of Object.keys(value).filter((k) => !known.includes(k))) {
            if (arg === false) fail(`unknown key ${key}`);
            else errors.push(...validate(arg as JsonSchema, value[key], root, `${at}.${key}`));
          }
        }
        break;
      default:
        throw new Error(`unsupported keyword ${keyword}`);
    }
  }
  return errors;
}
