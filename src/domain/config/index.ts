/**
 * The gate's configuration (`.model-gate.yml`): parse, override, JSON Schema, and the rules once
 * the task is known. Reading the file is src/data/config-file.ts.
 */
export { FLIP_TASKS, METRIC_NAMES, METRICS, type MetricInfo, metricsFor } from './metrics.js';
export {
  type ModelEntry,
  type ModelSpec,
  modelPath,
  modelSpec,
  resolveEntry,
  withModelPath,
} from './models.js';
export {
  applyOverrides,
  type ConfigOverrides,
  configJsonSchema,
  type DriftConfig,
  type GateConfig,
  type GateConfigInput,
  type MetricName,
  type OnInconclusive,
  parseConfig,
  type Rule,
  requireHoldout,
  type SliceSpec,
  type StatisticsConfig,
} from './parse.js';
export { DRIFT_METHODS, type DriftMethod } from './parts.js';
export {
  defaultRules,
  isServingRule,
  type RuleKind,
  ruleKind,
  rulesFor,
  type ServingRule,
} from './rules.js';
export { CONFIG_VERSION, ON_INCONCLUSIVE, REGISTRY_BASELINE } from './schema.js';
