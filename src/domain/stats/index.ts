/**
 * model-gate statistics of the paired comparison (pure): the paired bootstrap of every metric and
 * its delta, per slice; DeLong's test for roc_auc; McNemar's exact test for accuracy;
 * Holm–Bonferroni adjustment. See each module's header for the formula and its reference.
 */

export { asymptoticComparison } from './asymptotic.js';
export { type BinaryPairInput, binaryKernel } from './binary-kernel.js';
export {
  type BootstrapOptions,
  type BootstrapShard,
  bootstrapShard,
  type GroupBootstrap,
  type MetricBootstrap,
  mergeShards,
  type PairedBootstrap,
  type PairedSamples,
  pairedBootstrap,
  pointEstimates,
  summarizeBootstrap,
} from './bootstrap.js';
export { type DelongAuc, type DelongComparison, delongAuc, delongTest } from './delong.js';
export { ALL_GROUP, type GroupSpec, rowsOfGroups, type Slicing } from './groups.js';
export { holm } from './holm.js';
export {
  type BinaryInfluenceInput,
  binaryInfluence,
  type InfluenceSe,
  type InfluenceTable,
  type RegressionInfluenceInput,
  regressionInfluence,
} from './influence.js';
export { multiclassInfluence } from './influence-multiclass.js';
export {
  bootstrapPValue,
  type Interval,
  percentile,
  percentileInterval,
  type Side,
  studentizedInterval,
} from './interval.js';
export {
  BINARY_BOOTSTRAP_METRICS,
  higherIsBetter,
  MULTICLASS_BOOTSTRAP_METRICS,
  orientedDelta,
  type PairedKernel,
  REGRESSION_BOOTSTRAP_METRICS,
  type Task,
} from './kernel.js';
export { type KernelSpec, kernelOf } from './kernel-spec.js';
export {
  type LatencyEstimate,
  type LatencyRounds,
  latencyP95,
  latencyRatio,
} from './latency.js';
export {
  type DiscordantPairs,
  discordantPairs,
  mcnemarExact,
  predictAt,
} from './mcnemar.js';
export { type MulticlassPairInput, multiclassKernel } from './multiclass-kernel.js';
export { normalCdf, normalQuantile, normalSf } from './normal.js';
export { groupOrders, type PairOrders, pairOrders } from './order.js';
export { binaryPoints, type PointTable, regressionPoints } from './points.js';
export { drawResampleCounts } from './random.js';
export { type RegressionPairInput, regressionKernel } from './regression-kernel.js';
