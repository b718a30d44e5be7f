/**
 * `model-gate gate`: the config (with flag overrides) → the gate → report.json, Markdown, the
 * verdict; exit 0 on PASS, 1 on FAIL (and INCONCLUSIVE unless on_inconclusive says otherwise).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gate } from '../app/gate.js';
import { silentProgress } from '../app/progress.js';
import { fetchStageModel } from '../app/registry-baseline.js';
import { probeScript, workerScript } from '../app/worker-script.js';
import { REGISTRY_BASELINE } from '../domain/config/index.js';
import { renderGateMarkdown } from '../domain/render/gate-markdown/index.js';
import { renderGateText } from '../domain/render/gate-text.js';
import { VERSION } from '../version.js';
import {
  batchSizeFlag,
  type FlagSpec,
  helpText,
  listFlag,
  parseFlags,
  REPORT_FLAGS,
  stringFlag,
  THREADS_FLAG,
  threadsFlag,
} from './args.js';
import type { CommandIo } from './evaluate-command.js';
import { writeOutput } from './output.js';
import { MODEL_NAME_FLAG, REGISTRY_FLAG, registryFromFlags, STAGE_FLAG } from './registry-flags.js';

const FLAGS: readonly FlagSpec[] = [
  {
    name: 'config',
    type: 'string',
    value: 'FILE',
    help: 'the gate config',
    default: '.model-gate.yml, .yaml or .json in the working directory',
  },
  {
    name: 'candidate',
    type: 'string',
    value: 'FILE',
    help: 'candidate ONNX model (overrides models.candidate)',
  },
  {
    name: 'baseline',
    type: 'string',
    value: 'FILE',
    help: 'production ONNX model (overrides models.baseline)',
  },
  { name: 'holdout', type: 'string', value: 'FILE', help: 'holdout file (overrides data.holdout)' },
  {
    name: 'reference',
    type: 'string',
    value: 'FILE',
    help: 'training-period data for drift (overrides data.reference)',
  },
  {
    name: 'output',
    type: 'string',
    value: 'NAME',
    help: 'model output to read scores from',
    default: 'the probability output',
  },
  {
    name: 'features',
    type: 'string',
    value: 'A,B,...',
    help: 'columns, in order, for models with one [N,F] input (overrides features)',
  },
  {
    name: 'batch-size',
    type: 'string',
    value: 'N',
    help: 'rows per onnxruntime call, for models whose entry sets no batch_size',
    default: "the model's fixed batch, else about 2 MB of inputs",
  },
  {
    name: 'commit',
    type: 'string',
    value: 'SHA',
    help: 'the commit the models come from, for the report',
    default: '$GITHUB_SHA when set',
  },
  { ...REGISTRY_FLAG, help: 'the file registry that `baseline: registry` reads' },
  MODEL_NAME_FLAG,
  STAGE_FLAG,
  THREADS_FLAG,
  ...REPORT_FLAGS,
];

export const GATE_HELP = helpText(
  'gate',
  "May the candidate replace the baseline? Runs both models on the same holdout rows, compares them\nwith paired confidence intervals (and slices, flips, drift), and applies the config's rules.\nExit 0 on PASS, 1 on FAIL (and on INCONCLUSIVE unless on_inconclusive says otherwise), 2 on bad input.",
  FLAGS,
  [
    'model-gate gate',
    'model-gate gate --config ci/.model-gate.yml --candidate build/model.onnx --out report.json',
  ],
);

export async function runGate(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags('gate', FLAGS, argv);
  if (flags.help) {
    io.stdout(GATE_HELP);
    return 0;
  }
  const cwd = process.cwd();
  const registry = registryFromFlags(flags, 'gate');
  const path = (name: string) => {
    const v = stringFlag(flags, name);
    if (v === undefined) return undefined;
    // `--baseline registry` names the registry's production model, not a file called registry.
    return name === 'baseline' && v === REGISTRY_BASELINE ? v : resolve(cwd, v);
  };
  // The registry's production model is copied here for the run, and removed after it.
  const scratch = mkdtempSync(join(tmpdir(), 'model-gate-'));
  const report = await gate(
    {
      config: stringFlag(flags, 'config'),
      cwd,
      overrides: {
        candidate: path('candidate'),
        baseline: path('baseline'),
        holdout: path('holdout'),
        reference: path('reference'),
        features: listFlag(flags, 'features'),
      },
      threads: threadsFlag(flags, availableParallelism()),
      output: stringFlag(flags, 'output'),
      batchSize: batchSizeFlag(flags),
      flags: { features: '--features', batchSize: '--batch-size', output: '--output' },
      commit: stringFlag(flags, 'commit') ?? (process.env.GITHUB_SHA || undefined),
      registryBaseline: registry
        ? () => fetchStageModel(registry.registry, registry.modelName, registry.stage, scratch)
        : undefined,
    },
    {
      progress: flags.quiet ? silentProgress : io.progress,
      now: io.now,
      toolVersion: VERSION,
      worker: workerScript(import.meta.url),
      probe: probeScript(import.meta.url),
    },
  ).finally(() => rmSync(scratch, { recursive: true, force: true }));
  const out = stringFlag(flags, 'out');
  if (out) writeOutput(out, `${JSON.stringify(report, null, 2)}\n`, '--out');
  const markdown = stringFlag(flags, 'markdown');
  if (markdown) {
    const md = renderGateMarkdown(report, {
      fullReport: out ?? 'report.json (re-run with --out report.json to write it)',
    });
    writeOutput(markdown, md, '--markdown');
  }
  if (!flags.quiet) io.stdout(renderGateText(report));
  return report.decision.exit_code;
}
