/**
 * The gate's inputs, read and checked before any model runs: the config (with overrides), the
 * model cards, both models, how their inputs are fed, and the holdout columns they need.
 */
import { type ConfigFile, readConfigFile } from '../data/config-file.js';
import { readTable, type TableRead } from '../data/read-table.js';
import type { Column, ColumnRequest, ParallelRead } from '../data/table.js';
import {
  applyOverrides,
  type ConfigOverrides,
  type DriftConfig,
  type GateConfig,
  modelPath,
  modelSpec,
  REGISTRY_BASELINE,
  requireHoldout,
} from '../domain/config/index.js';
import { InputError } from '../domain/errors.js';
import { requireLabels } from '../domain/labels.js';
import { mergeColumnRequests } from '../runtime/feeds.js';
import { readUserCard, type UserCardFile } from './gate-cards.js';
import { driftRequests } from './gate-drift.js';
import { type OpenedModel, openModel, requestsOf, type Settings } from './model-side.js';
import type { Progress } from './progress.js';

export type Side = 'candidate' | 'baseline';

/** The registry's production model, fetched: its local copy and its stored card. */
export interface RegistryModel {
  readonly path: string;
  readonly card: UserCardFile | null;
}
export type BySide<T> = { readonly candidate: T; readonly baseline: T };

export interface GateInputs {
  readonly file: ConfigFile;
  readonly config: GateConfig;
  readonly userCards: BySide<UserCardFile | null>;
  readonly models: BySide<OpenedModel>;
  /** The drift settings when the config asks for drift and names a reference. */
  readonly drift: {
    readonly config: DriftConfig;
    readonly reference: string;
    readonly columns: ColumnRequest[];
  } | null;
  readonly holdout: TableRead;
  readonly label: Column;
  /** How the gate reads a large CSV (the holdout, the reference): on worker threads, or not. */
  readonly parallel: ParallelRead | undefined;
}

export interface OpenOptions {
  readonly config?: string | undefined;
  readonly cwd: string;
  readonly overrides: ConfigOverrides;
  readonly threads: number;
  /** The compiled worker entry (worker-script.ts); null reads on this thread alone. */
  readonly worker: URL | null;
  readonly progress: Progress;
  /**
   * Fetches the registry's current model when the baseline is `registry` (config or flag) and
   * returns its local path (it is given the candidate's path, whose name may name the model);
   * absent, such a baseline is refused.
   */
  readonly registryBaseline?: ((candidate: string) => Promise<RegistryModel>) | undefined;
  /** An output named by a flag or input, for models whose entries name none. */
  readonly output?: string | undefined;
  /** The flags or inputs that exist where the gate runs, for messages that say what to set. */
  readonly flags: Settings['flags'];
}

/** Reads everything the gate needs, in the order that fails fastest on bad input. */
export async function openGate(options: OpenOptions): Promise<GateInputs> {
  const file = await readConfigFile(options.config, options.cwd);
  const overridden = applyOverrides(file.config, options.overrides, 'the command line');
  const holdoutPath = requireHoldout(overridden, file.path);
  let config = overridden;
  let storedCard: UserCardFile | null = null;
  if (config.models.baseline === REGISTRY_BASELINE) {
    if (!options.registryBaseline) {
      throw new InputError(
        `${file.path}: 'baseline: registry' needs a registry to read the production model from`,
        'Pass --registry DIR (and --model-name), or give the production model as a file: models.baseline, or --baseline.',
      );
    }
    options.progress.stage("fetching the registry's production model");
    const fetched = await options.registryBaseline(modelPath(config.models.candidate));
    storedCard = fetched.card;
    config = { ...config, models: { ...config.models, baseline: fetched.path } };
  }
  // Read before any model runs, so a bad card stops the gate at once.
  const userCards = {
    candidate: await readUserCard(config.cards.candidate, modelPath(config.models.candidate)),
    // A registry baseline's card is the one stored with it, not a file of this checkout.
    baseline:
      storedCard !== null
        ? storedCard
        : await readUserCard(config.cards.baseline, modelPath(config.models.baseline)),
  };
  options.progress.stage('loading the models');
  const open = (side: Side) =>
    openModel(
      modelSpec(config.models[side]),
      { role: `${side} model`, key: `models.${side}`, flags: options.flags },
      { threads: options.threads, features: config.features, output: options.output },
    );
  const models = { candidate: await open('candidate'), baseline: await open('baseline') };
  const reference = config.data.reference;
  const onnxPlans = [models.candidate, models.baseline].flatMap((m) =>
    m.kind === 'onnx' ? m.plans : [],
  );
  const drift =
    config.drift !== false && reference !== undefined
      ? {
          config: config.drift,
          reference,
          columns: driftRequests(config.drift, onnxPlans),
        }
      : null;
  const requests = mergeColumnRequests([
    requestsOf(models.candidate),
    requestsOf(models.baseline),
    drift?.columns ?? [],
    [{ name: config.label, type: 'auto', purpose: 'the label column' }],
    config.slices.map(
      (s): ColumnRequest => ({ name: s.column, type: 'auto', purpose: `slice '${s.name}'` }),
    ),
  ]);
  // Drift reads the reference's columns as the holdout's are read, so both sides of a test have
  // the same precision (a model's float32 column that is also a slice is read as float64).
  const readAs = new Map(requests.map((r) => [r.name, r.type]));
  const driftAsRead =
    drift === null
      ? null
      : {
          ...drift,
          columns: drift.columns.map((c) => ({ ...c, type: readAs.get(c.name) ?? c.type })),
        };
  const parallel =
    options.worker === null ? undefined : { worker: options.worker, threads: options.threads };
  options.progress.stage(`reading holdout ${holdoutPath}`);
  const holdout = await readTable(holdoutPath, {
    role: 'holdout',
    columns: requests,
    parallel,
    onProgress: (d, t) => options.progress.update(d, t, 'bytes'),
  });
  if (holdout.table.rows === 0) {
    throw new InputError(`holdout '${holdoutPath}' has a header but no rows`);
  }
  const label = holdout.table.columns.get(config.label) as Column;
  requireLabels(label);
  return { file, config, userCards, models, drift: driftAsRead, holdout, label, parallel };
}
