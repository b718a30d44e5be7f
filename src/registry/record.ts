/**
 * The decision record of a version (port.ts DecisionRecord): built from the gate's report.json
 * at promotion, stored as record.json by the file registry and in the annotated tag's message by
 * the GitHub registry. Reading one back validates it with zod, so a hand-edited or truncated
 * record is an InputError naming where it came from and the key at fault, never a crash later.
 */
import { z } from 'zod';
import { jsonErrorOffset } from '../data/json-offset.js';
import { describeValue, problemsOf } from '../domain/config/problems.js';
import { formatPath, isRecord } from '../domain/config/walk.js';
import { InputError } from '../domain/errors.js';
import type { GateReport } from '../domain/gate/report.js';
import { type DecisionRecord, RECORD_SCHEMA } from './port.js';
import { checkName, NAME, parseVersion } from './semver.js';

const RESTORE_HINT =
  'The registry writes records itself: restore this one from a backup, or re-promote the model.';

const sha256 = z
  .string()
  .refine((s) => /^[0-9a-f]{64}$/.test(s), 'must be a sha256: 64 lowercase hex digits');

export const decisionRecordSchema = z.object({
  schema: z.literal(RECORD_SCHEMA),
  model_name: z
    .string()
    .refine((s) => NAME.test(s), "must be a model name: lowercase letters, digits and inner '-'"),
  version: z
    .string()
    .refine((s) => parseVersion(s) !== null, 'must be a semantic version such as 1.2.0 (no v)'),
  model_sha256: sha256,
  holdout_sha256: sha256,
  config_sha256: sha256,
  verdict: z.enum(['PASS', 'FAIL', 'INCONCLUSIVE']),
  metrics: z.record(z.string(), z.number().nullable()),
  commit: z.string().nullable(),
  created_at: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<DecisionRecord>;

/** Validates a parsed record; `source` names where it came from ("models/x/versions/1.0.0/record.json"). */
export function parseRecord(json: unknown, source: string): DecisionRecord {
  if (!isRecord(json)) {
    throw new InputError(
      `${source} is not a decision record: expected a JSON object (got ${describeValue(json)})`,
    );
  }
  const result = decisionRecordSchema.safeParse(json);
  if (result.success) return result.data;
  const [first] = problemsOf(result.error.issues, json, decisionRecordSchema, []);
  const more =
    result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  if (first === undefined) throw new InputError(`${source} is not a valid decision record`);
  const at =
    first.kind === 'invalid' ? `key '${formatPath(first.path)}' ${first.text}` : first.text;
  throw new InputError(`${source} is not a valid decision record: ${at}${more}`, RESTORE_HINT);
}

export interface RecordContext {
  readonly modelName: string;
  /** Semantic version without the v. */
  readonly version: string;
  readonly now: Date;
}

/** The record of promoting the gate's candidate as `version`. */
export function recordFromReport(report: GateReport, context: RecordContext): DecisionRecord {
  checkName('model name', context.modelName);
  const metrics: Record<string, number | null> = {};
  // report.json writes NaN as null; a report built in memory may still hold NaN or Infinity.
  for (const [name, value] of Object.entries(report.metrics.candidate)) {
    metrics[name] = typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  const record = {
    schema: RECORD_SCHEMA,
    model_name: context.modelName,
    version: context.version,
    model_sha256: report.models.candidate.sha256,
    holdout_sha256: report.data.holdout.sha256,
    config_sha256: report.config.sha256,
    verdict: report.decision.verdict,
    metrics,
    // Reports written before the gate recorded its commit have no key at all.
    commit: report.commit ?? null,
    created_at: context.now.toISOString(),
  };
  return parseRecord(record, `the decision record of ${context.modelName} v${context.version}`);
}

/** Metrics tried, in order, for the one figure in a record's summary line. */
const HEADLINE = ['roc_auc', 'accuracy', 'f1', 'r2', 'rmse', 'mae'];

/** `telco-churn v1.2.0: PASS (roc_auc 0.8412)`. */
export function recordSummary(record: DecisionRecord): string {
  const named = HEADLINE.find((name) => typeof record.metrics[name] === 'number');
  const name =
    named ?? Object.keys(record.metrics).find((n) => typeof record.metrics[n] === 'number');
  const value = name === undefined ? undefined : record.metrics[name];
  const figure = name === undefined || value == null ? '' : ` (${name} ${value.toFixed(4)})`;
  return `${record.model_name} v${record.version}: ${record.verdict}${figure}`;
}

/** The record as an annotated tag's message: a summary line, a blank line, then the JSON. */
export function recordText(record: DecisionRecord): string {
  return `${recordSummary(record)}\n\n${JSON.stringify(record, null, 2)}\n`;
}

/**
 * Reads a record back from a tag message written by recordText. Git may append a signature
 * (`-----BEGIN PGP SIGNATURE-----`, SSH, X.509) to a signed tag's message; it is ignored.
 */
export function parseRecordText(text: string, source: string): DecisionRecord {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blank = lines.findIndex((line) => line.trim() === '');
  const signature = lines.findIndex((line) => /^-----BEGIN [A-Z0-9 ]+-----$/.test(line));
  const body = lines
    .slice(blank + 1, signature > blank ? signature : undefined)
    .join('\n')
    .trimEnd();
  if (blank < 0 || body.trim() === '') {
    throw new InputError(
      `${source} holds no decision record: expected a summary line, a blank line, then the record's JSON`,
    );
  }
  return parseRecordJson(body, source, blank + 1);
}

/**
 * Parses a record's JSON text (record.json, a tag message's body). A syntax error names the
 * line; `firstLine` is the line of `text` within its file or message (0 when it starts it).
 */
export function parseRecordJson(text: string, source: string, firstLine = 0): DecisionRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const line = text.slice(0, offset).split('\n').length + firstLine;
    throw new InputError(
      `${source} is not valid JSON (line ${line}): ${(error as Error).message}`,
      RESTORE_HINT,
    );
  }
  return parseRecord(json, source);
}
