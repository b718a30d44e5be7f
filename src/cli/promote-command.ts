/**
 * `model-gate promote`: after a passing gate, register the candidate as the next version in a
 * file registry and move the stage to it; `model-gate rollback` moves the stage back to an
 * earlier version that passed. Both in one file: they share the registry flags.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContract } from '../app/contract.js';
import { promote } from '../app/promote.js';
import { rollback } from '../app/rollback.js';
import { readReport } from '../data/report-file.js';
import { cardToMarkdown } from '../domain/card/index.js';
import { checkContract, contractText } from '../domain/contract/index.js';
import { InputError } from '../domain/errors.js';
import type { GateReport } from '../domain/gate/report.js';
import { VERSION_BUMPS } from '../registry/semver.js';
import { choiceFlag, type FlagSpec, helpText, parseFlags, stringFlag } from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { MODEL_NAME_FLAG, REGISTRY_FLAG, registryFromFlags, STAGE_FLAG } from './registry-flags.js';

const required = (spec: FlagSpec): FlagSpec => ({ ...spec, required: true });
const HELP_FLAG: FlagSpec = { name: 'help', type: 'boolean', help: 'show this help' };

const PROMOTE_FLAGS: readonly FlagSpec[] = [
  {
    name: 'report',
    type: 'string',
    value: 'FILE',
    required: true,
    help: "the gate's report.json; its candidate is promoted, and only on PASS",
  },
  {
    name: 'model',
    type: 'string',
    value: 'FILE',
    help: 'the candidate ONNX file',
    default: "the candidate's path in the report",
  },
  {
    name: 'card',
    type: 'string',
    value: 'FILE',
    help: 'MODEL_CARD.md to store with the version',
    default: "the candidate's card from the report",
  },
  {
    name: 'contract',
    type: 'string',
    value: 'FILE',
    help: 'the serving contract to store as contract.json (model-gate contract wrote it, for this model)',
    default: "the candidate's contract from the report",
  },
  required(REGISTRY_FLAG),
  required(MODEL_NAME_FLAG),
  STAGE_FLAG,
  {
    name: 'bump',
    type: 'string',
    value: 'PART',
    help: 'the part of the version to increase: patch, minor or major',
    default: 'minor',
  },
  HELP_FLAG,
];

const ROLLBACK_FLAGS: readonly FlagSpec[] = [
  { name: 'to', type: 'string', value: 'VERSION', required: true, help: 'e.g. v1.2.0' },
  required(REGISTRY_FLAG),
  required(MODEL_NAME_FLAG),
  STAGE_FLAG,
  HELP_FLAG,
];

export const PROMOTE_HELP = helpText(
  'promote',
  "Register a passing gate's candidate as the next version (model, card, report, serving contract\nand decision record), then move the stage to it. Re-running with the same model creates nothing new.\nExit 0 done, 1 the gate did not pass (nothing promoted), 2 bad input.",
  PROMOTE_FLAGS,
  ['model-gate promote --report report.json --registry models/ --model-name telco-churn'],
);

export const ROLLBACK_HELP = helpText(
  'rollback',
  'Move the stage back to an earlier version whose decision record passed.',
  ROLLBACK_FLAGS,
  ['model-gate rollback --registry models/ --model-name telco-churn --to v1.2.0'],
);

export async function runPromote(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('promote', PROMOTE_FLAGS, argv);
  if (flags.help) {
    io.stdout(PROMOTE_HELP);
    return 0;
  }
  const choice = registryFromFlags(flags, 'promote');
  if (choice === null) throw new Error('bug: --registry is required');
  const reportPath = stringFlag(flags, 'report') as string;
  const read = await readReport(reportPath, '--report', ['gate']);
  if (read.command !== 'gate') throw new Error('bug: readReport returned another command');
  const { report } = read;
  const model = stringFlag(flags, 'model');
  if (model === undefined && report.models.candidate.source === 'predictions') {
    throw new InputError(
      `--report '${reportPath}' gated the candidate from its predictions ('${report.models.candidate.path}'), not a model file`,
      'Pass --model FILE: the ONNX model the predictions came from (its sha256 must match).',
    );
  }
  const contractFlag = stringFlag(flags, 'contract');
  // Checked before anything is written: a contract of another model is refused here.
  const given = contractFlag === undefined ? undefined : checkedContract(contractFlag, report);
  let card = stringFlag(flags, 'card');
  const scratch = mkdtempSync(join(tmpdir(), 'model-gate-card-'));
  // No --card: model-gate writes the card, with the version it is stored under.
  const cardText =
    card === undefined
      ? (version: string) => cardToMarkdown(report.cards.candidate, { task: report.task, version })
      : undefined;
  const result = await (async () => {
    if (card === undefined) {
      card = join(scratch, 'MODEL_CARD.md');
      writeFileSync(card, cardToMarkdown(report.cards.candidate, { task: report.task }));
    }
    return promote({
      registry: choice.registry,
      report,
      files: {
        model: model ?? report.models.candidate.path,
        card,
        report: reportPath,
        contract: given ?? reportContract(report, reportPath, scratch),
      },
      modelName: choice.modelName,
      stage: choice.stage,
      bump: choiceFlag(flags, 'bump', VERSION_BUMPS) ?? 'minor',
      now: new Date(),
      ...(cardText ? { cardText } : {}),
    });
  })().finally(() => rmSync(scratch, { recursive: true, force: true }));
  io.stdout(`${result.message}\n${result.tag} → ${result.location}\n`);
  return 0;
}

/** --contract: a contract model-gate wrote, for the candidate (its sha256), or refused. */
function checkedContract(path: string, report: GateReport): string {
  const sha256 = report.models.candidate.sha256;
  const model = readContract(path)['x-model-gate'].model;
  if (model?.sha256 !== sha256) {
    throw new InputError(
      `--contract '${path}' is the contract of a model with sha256 ${model?.sha256}, but the candidate is sha256 ${sha256}`,
      'Write it for the candidate: model-gate contract --model <candidate.onnx> --reference <train file> --out contract.json',
    );
  }
  return path;
}

/**
 * Without --contract, the one the report carries, written into `scratch`; none for a report
 * without one (written before issue 13, or a candidate given as predictions).
 */
function reportContract(
  report: GateReport,
  reportPath: string,
  scratch: string,
): string | undefined {
  if (report.serving_contract == null) return undefined;
  const contract = checkContract(
    report.serving_contract,
    `--report '${reportPath}': serving_contract`,
  );
  const path = join(scratch, 'contract.json');
  writeFileSync(path, contractText(contract));
  return path;
}

export async function runRollback(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('rollback', ROLLBACK_FLAGS, argv);
  if (flags.help) {
    io.stdout(ROLLBACK_HELP);
    return 0;
  }
  const choice = registryFromFlags(flags, 'rollback');
  if (choice === null) throw new Error('bug: --registry is required');
  const result = await rollback({
    registry: choice.registry,
    stage: choice.stage,
    to: stringFlag(flags, 'to') as string,
  });
  io.stdout(
    `${choice.modelName}#${choice.stage}: ${result.from ? `v${result.from}` : 'unset'} → v${result.to}\n`,
  );
  return 0;
}
