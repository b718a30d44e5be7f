/**
 * model-gate metrics: pure functions reproducing scikit-learn 1.2.1's metrics (see each module's
 * header for the formula and the scikit-learn function it matches).
 */
export { type BinaryMetrics, binaryMetrics } from './binary.js';
export { expectedCalibrationError } from './calibration.js';
export {
  accuracyFromConfusion,
  type Confusion,
  confusionAt,
  divideOrZero,
  f1FromConfusion,
  f1FromPrecisionRecall,
  precisionFromConfusion,
  recallFromConfusion,
} from './confusion.js';
export { FLOAT64_EPS } from './constants.js';
export { medianInPlace } from './median.js';
export {
  logLossMulticlass,
  type MulticlassMetrics,
  type MulticlassOptions,
  multiclassMetrics,
  rocAucOvr,
} from './multiclass.js';
export {
  type Average,
  argmaxRows,
  averagedPrecisionRecallF1,
  type ClassSelection,
  confusionMatrix,
  confusionRows,
  type PrecisionRecallF1,
} from './multiclass-confusion.js';
export { brierScore, logLossBinary } from './probabilistic.js';
export {
  averagePrecision,
  averagePrecisionSorted,
  rocAuc,
  rocAucSorted,
  type SortedByClass,
  sortByClass,
} from './ranking.js';
export {
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  type RegressionMetrics,
  r2Score,
  regressionMetrics,
  rootMeanSquaredError,
} from './regression.js';
export { mean, NeumaierSum, sum } from './sum.js';
