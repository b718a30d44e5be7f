/**
 * Reading a report.json that model-gate wrote (for `card --report` and `promote --report`): the
 * parts those commands read are checked with a schema, so a truncated, hand-edited or foreign
 * file is a clear error naming the key, never a crash. Keys they do not read pass through.
 */
import { z } from 'zod';
import { modelCardSchema } from '../domain/card/index.js';
import { issuesError, type Wording } from '../domain/config/issues.js';
import { InputError } from '../domain/errors.js';
import type { GateReport } from '../domain/gate/report.js';
import type { EvaluateReport } from '../domain/report.js';
import { TASKS } from '../domain/task.js';
import { readStructuredFile } from './structured-file.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 (64 lowercase hex digits)');
const file = z.looseObject({ path: z.string(), sha256 });
const data = z.looseObject({ path: z.string(), sha256, rows: z.int().min(0) });
const metrics = z.record(z.string(), z.number().nullable());

const evaluateReport = z.looseObject({
  schema: z.literal(1),
  command: z.literal('evaluate'),
  model: file,
  data,
  metrics,
});

const gateReport = z.looseObject({
  schema: z.literal(1),
  command: z.literal('gate'),
  task: z.enum(TASKS),
  config: z.looseObject({ sha256 }),
  models: z.looseObject({ candidate: file, baseline: file }),
  data: z.looseObject({ holdout: data }),
  metrics: z.looseObject({ candidate: metrics, baseline: metrics }),
  decision: z.looseObject({ verdict: z.enum(['PASS', 'FAIL', 'INCONCLUSIVE']) }),
  cards: z.looseObject({ candidate: modelCardSchema, baseline: modelCardSchema }),
});

export type ReadReport =
  | { readonly command: 'gate'; readonly report: GateReport }
  | { readonly command: 'evaluate'; readonly report: EvaluateReport };

const WORDING: Wording = {
  thing: 'model-gate report.json',
  whole: 'the report',
  hint: 'Pass the report.json that model-gate evaluate or gate wrote with --out, unedited.',
};

/** report.json of `gate` (or also `evaluate`, when `commands` allows it). */
export async function readReport(
  path: string,
  flag: string,
  commands: readonly ('gate' | 'evaluate')[],
): Promise<ReadReport> {
  const source = `${flag} '${path}'`;
  const { value } = await readStructuredFile(path, path, 'report');
  const command = (value as { command?: unknown } | null)?.command;
  if (command !== 'gate' && command !== 'evaluate') {
    throw new InputError(
      `${source} is not a report.json of model-gate ${commands.join(' or ')}`,
      WORDING.hint,
    );
  }
  if (!commands.includes(command)) {
    throw new InputError(
      `${source} is a report of model-gate ${command}; this needs one of ${commands.join(' or ')}`,
      command === 'evaluate'
        ? 'Run model-gate gate --out report.json and pass that.'
        : WORDING.hint,
    );
  }
  const schema = command === 'gate' ? gateReport : evaluateReport;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw issuesError(parsed.error.issues, value, schema, source, WORDING);
  return command === 'gate'
    ? { command, report: parsed.data as unknown as GateReport }
    : { command, report: parsed.data as unknown as EvaluateReport };
}
