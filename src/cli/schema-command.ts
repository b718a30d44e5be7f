/** `model-gate schema`: the JSON Schema of .model-gate.yml, for editor completion. */
import { configJsonSchema } from '../domain/config/index.js';
import { type FlagSpec, helpText, parseFlags, stringFlag } from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { writeOutput } from './output.js';

const FLAGS: readonly FlagSpec[] = [
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    help: 'write the schema here instead of printing it',
  },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const SCHEMA_HELP = helpText(
  'schema',
  'Print the JSON Schema of .model-gate.yml. Point your editor at it for completion and checks,\ne.g. with a "# yaml-language-server: $schema=model-gate.schema.json" first line.',
  FLAGS,
  ['model-gate schema --out model-gate.schema.json'],
);

export async function runSchema(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('schema', FLAGS, argv);
  if (flags.help) {
    io.stdout(SCHEMA_HELP);
    return 0;
  }
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  const out = stringFlag(flags, 'out');
  if (out) writeOutput(out, text, '--out');
  else io.stdout(text);
  return 0;
}
