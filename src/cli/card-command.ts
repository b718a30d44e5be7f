/**
 * `model-gate card`: a model's card as MODEL_CARD.md (Hugging Face front matter + a body for
 * people) or JSON, to a file or standard output.
 */
import { modelCard } from '../app/card.js';
import { cardToJson, cardToMarkdown } from '../domain/card/index.js';
import { type FlagSpec, helpText, parseFlags, stringFlag } from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { writeOutput } from './output.js';

const FLAGS: readonly FlagSpec[] = [
  { name: 'model', type: 'string', value: 'FILE', required: true, help: 'the ONNX model' },
  {
    name: 'card',
    type: 'string',
    value: 'FILE',
    help: 'model-card.yml: what people know of the model (owners, license, intended use, ...)',
  },
  {
    name: 'report',
    type: 'string',
    value: 'FILE',
    help: 'report.json of evaluate or gate that scored this model: its metrics go in the card',
  },
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    help: 'write the card here (.json for JSON)',
    default: 'standard output, as Markdown',
  },
  { name: 'json', type: 'boolean', help: 'write JSON instead of Markdown' },
  { name: 'help', type: 'boolean', help: 'show this help' },
];

export const CARD_HELP = helpText(
  'card',
  "Build a model's card from model-card.yml, the ONNX contract and metadata_props, and the\nmetrics of a report.json; write it as Markdown with Hugging Face front matter, or as JSON.",
  FLAGS,
  [
    'model-gate card --model models/candidate.onnx --card model-card.yml --out MODEL_CARD.md',
    'model-gate card --model models/candidate.onnx --report report.json --json',
  ],
);

export async function runCard(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('card', FLAGS, argv);
  if (flags.help) {
    io.stdout(CARD_HELP);
    return 0;
  }
  const out = stringFlag(flags, 'out');
  const card = await modelCard({
    model: stringFlag(flags, 'model') as string,
    card: stringFlag(flags, 'card'),
    report: stringFlag(flags, 'report'),
  });
  const json = flags.json === true || (out?.toLowerCase().endsWith('.json') ?? false);
  const text = json ? cardToJson(card) : cardToMarkdown(card);
  if (out) writeOutput(out, text, '--out');
  else io.stdout(text);
  return 0;
}
