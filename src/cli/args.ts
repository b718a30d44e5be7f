/**
 * Flag parsing on node:util's parseArgs, strict: an unknown flag or a missing value is a usage
 * error (exit 2) that suggests the nearest flag.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../domain/errors.js';
import { closest } from '../domain/text.js';

export interface FlagSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly value?: string;
  readonly help: string;
  readonly required?: boolean;
  readonly default?: string;
}

export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(
  command: string,
  specs: readonly FlagSpec[],
  argv: readonly string[],
): Flags {
  // -h is --help for every command, as users expect of a CLI.
  const options = Object.fromEntries(
    specs.map((s) => [s.name, s.name === 'help' ? { type: s.type, short: 'h' } : { type: s.type }]),
  );
  let values: Flags;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: false,
    }) as { values: Flags });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const near = closest(
        unknown.replace(/^-+/, ''),
        specs.map((s) => s.name),
        1,
      )[0];
      throw new InputError(
        `unknown option '${unknown}' for '${command}'`,
        near
          ? `Did you mean '--${near}'? See 'model-gate ${command} --help'.`
          : `See 'model-gate ${command} --help'.`,
      );
    }
    const positional = /Unexpected argument '([^']+)'/.exec(message)?.[1];
    if (positional) {
      throw new InputError(
        `unexpected argument '${positional}' for '${command}'`,
        `Every value follows its flag, e.g. --model model.onnx. See 'model-gate ${command} --help'.`,
      );
    }
    throw new InputError(
      `${message.replace(/\.$/, '')} (in '${command}')`,
      `See 'model-gate ${command} --help'.`,
    );
  }
  for (const spec of specs) {
    if (values.help) break;
    if (spec.required && (values[spec.name] === undefined || values[spec.name] === '')) {
      throw new InputError(
        `'${command}' needs --${spec.name} ${spec.value ?? ''}`.trimEnd(),
        `See 'model-gate ${command} --help'.`,
      );
    }
  }
  return values;
}

export function helpText(
  command: string,
  summary: string,
  specs: readonly FlagSpec[],
  examples: readonly string[],
): string {
  const left = specs.map((s) => `--${s.name}${s.value ? ` ${s.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = specs.map((s, i) => {
    const extra = [
      s.required ? 'required' : '',
      s.default !== undefined ? `default: ${s.default}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return `  ${(left[i] as string).padEnd(width)}${s.help}${extra ? ` (${extra})` : ''}`;
  });
  return [
    `Usage: model-gate ${command} [options]`,
    '',
    summary,
    '',
    'Options:',
    ...lines,
    '',
    'Examples:',
    ...examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function numberFlag(
  flags: Flags,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new InputError(`--${name} '${raw}' is not ${expected}`);
  }
  return n;
}

export function choiceFlag<T extends string>(
  flags: Flags,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new InputError(`--${name} '${raw}' is not one of ${choices.join(', ')}`);
  }
  return raw as T;
}

/** How a model's [N,F] inputs are fed: evaluate and predict. */
export const FEED_FLAGS: readonly FlagSpec[] = [
  {
    name: 'features',
    type: 'string',
    value: 'A,B,...',
    help: 'columns, in order, for a model with one [N,F] input',
  },
  {
    name: 'inputs',
    type: 'string',
    value: 'IN=A,B;...',
    help: 'columns, in order, of each [N,F] input of a model with several',
  },
];

/** Flags every command that writes a report shares. */
export const THREADS_FLAG: FlagSpec = {
  name: 'threads',
  type: 'string',
  value: 'N',
  help: "onnxruntime's threads (pin them for bit-identical scores across machines), the gate's bootstrap threads and a large CSV's reading threads (at most 8; neither result depends on them)",
  default: 'the cores available',
};

export const REPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'out', type: 'string', value: 'FILE', help: 'write report.json here' },
  { name: 'markdown', type: 'string', value: 'FILE', help: 'write the report as Markdown here' },
  { name: 'quiet', type: 'boolean', help: 'print nothing but errors' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export function threadsFlag(flags: Flags, fallback: number): number {
  return (
    numberFlag(
      flags,
      'threads',
      (n) => Number.isInteger(n) && n > 0 && n <= 1024,
      'a whole number of threads above 0',
    ) ?? fallback
  );
}

/** A comma-separated list of column names, or undefined when not given. */
export function listFlag(flags: Flags, name: string): string[] | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (list.length === 0) throw new InputError(`--${name} '${raw}' names no column`);
  return list;
}

/** --batch-size as the request a batch plan reads. */
export function batchSizeFlag(
  flags: Flags,
): { readonly size: number; readonly setting: string } | undefined {
  const size = numberFlag(
    flags,
    'batch-size',
    (n) => Number.isInteger(n) && n > 0,
    'a whole number of rows above 0',
  );
  return size === undefined ? undefined : { size, setting: '--batch-size' };
}

/**
 * --inputs 'usage=tenure,MonthlyCharges;account=TotalCharges,SeniorCitizen': the columns of each
 * [N,F] input of a model with several.
 */
export function inputsFlag(flags: Flags): Record<string, string[]> | undefined {
  const raw = stringFlag(flags, 'inputs');
  if (raw === undefined) return undefined;
  const out: Record<string, string[]> = {};
  for (const part of raw.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const columns = part
      .slice(eq + 1)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (eq < 1 || name === '' || columns.length === 0) {
      throw new InputError(
        `--inputs '${raw}': '${part.trim()}' is not INPUT=COLUMN,COLUMN,...`,
        "Separate inputs with ';', e.g. --inputs 'usage=tenure,MonthlyCharges;account=TotalCharges'.",
      );
    }
    if (out[name]) throw new InputError(`--inputs names input '${name}' twice`);
    out[name] = columns;
  }
  return out;
}
