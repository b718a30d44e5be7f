/**
 * Parsing a config value (already read from YAML or JSON), overriding it from flags or action
 * inputs, and the JSON Schema that editors use for completion. Pure: no file is read here.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Task } from '../task.js';
import { configError } from './issues.js';
import { withModelPath } from './models.js';
import { type GateConfig, gateConfigSchema, type OnInconclusive } from './schema.js';

export type {
  DriftConfig,
  GateConfig,
  GateConfigInput,
  MetricName,
  OnInconclusive,
  Rule,
  SliceSpec,
  StatisticsConfig,
} from './schema.js';

/** Validates `value` and fills in the defaults; `source` names the file in errors. */
export function parseConfig(value: unknown, source: string): GateConfig {
  const result = gateConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw configError(result.error.issues, value, gateConfigSchema, source);
}

/**
 * The JSON Schema (draft 2020-12) of what a config file may hold, for editors: every key with its
 * description and default; every mapping closed (`additionalProperties: false`). What JSON
 * Schema cannot say (bins increasing, a rule's metric for its task, unique slice names) is
 * checked by parseConfig only.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(gateConfigSchema, { target: 'draft-2020-12', io: 'input' });
  return { ...schema, title: 'model-gate configuration (.model-gate.yml)' };
}

/**
 * Values from flags or action inputs that replace config keys. Undefined means "not given";
 * paths are used as given (the caller resolves them against its working directory).
 */
export interface ConfigOverrides {
  readonly candidate?: string | undefined;
  readonly baseline?: string | undefined;
  readonly holdout?: string | undefined;
  readonly reference?: string | undefined;
  readonly label?: string | undefined;
  readonly task?: Task | undefined;
  readonly positive_label?: string | number | undefined;
  readonly threshold?: number | undefined;
  readonly features?: readonly string[] | undefined;
  readonly min_slice_size?: number | undefined;
  readonly confidence?: number | undefined;
  readonly bootstrap?: number | undefined;
  readonly seed?: number | undefined;
  readonly on_inconclusive?: OnInconclusive | undefined;
  /** false turns drift off; true turns it on with the config's settings, or the defaults. */
  readonly drift?: boolean | undefined;
}

/**
 * The config with `overrides` applied, validated again as a whole (an override can break a
 * check across keys, e.g. --task regression with a roc_auc rule). `source` names where the
 * overrides came from in errors, e.g. 'the command line' or 'the action inputs'.
 */
export function applyOverrides(
  config: GateConfig,
  overrides: ConfigOverrides,
  source = 'the overrides',
): GateConfig {
  const o = overrides;
  const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
  const drift =
    o.drift === undefined
      ? config.drift
      : o.drift
        ? config.drift === false
          ? true
          : config.drift
        : false;
  const merged = {
    ...config,
    label: pick(o.label, config.label),
    task: pick(o.task, config.task),
    positive_label: pick(o.positive_label, config.positive_label),
    threshold: pick(o.threshold, config.threshold),
    features: o.features ? [...o.features] : config.features,
    models: {
      candidate:
        o.candidate === undefined
          ? config.models.candidate
          : withModelPath(config.models.candidate, o.candidate),
      baseline:
        o.baseline === undefined
          ? config.models.baseline
          : withModelPath(config.models.baseline, o.baseline),
    },
    // A card in the config describes the config's model: an overriding model brings its own
    // (<model>.card.yml beside it, when there is one).
    cards: {
      ...(o.candidate === undefined && config.cards.candidate !== undefined
        ? { candidate: config.cards.candidate }
        : {}),
      ...(o.baseline === undefined && config.cards.baseline !== undefined
        ? { baseline: config.cards.baseline }
        : {}),
    },
    data: {
      ...config.data,
      ...(o.holdout !== undefined ? { holdout: o.holdout } : {}),
      ...(o.reference !== undefined ? { reference: o.reference } : {}),
    },
    min_slice_size: pick(o.min_slice_size, config.min_slice_size),
    drift,
    statistics: {
      confidence: pick(o.confidence, config.statistics.confidence),
      bootstrap: pick(o.bootstrap, config.statistics.bootstrap),
      seed: pick(o.seed, config.statistics.seed),
    },
    on_inconclusive: pick(o.on_inconclusive, config.on_inconclusive),
  };
  // Keys left undefined (task, features, ...) stay absent, as in a config read from a file.
  const defined = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  return parseConfig(defined, source);
}

/** The holdout path, which the config or a flag must give before a gate can run. */
export function requireHoldout(config: GateConfig, source: string): string {
  if (config.data.holdout !== undefined) return config.data.holdout;
  throw new InputError(
    `no holdout data: ${source} has no data.holdout and none was given as a flag or input`,
    'Add data: { holdout: path/to/holdout.csv } to the config, or pass --holdout.',
  );
}
