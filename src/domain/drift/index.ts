/**
 * model-gate drift: pure functions that compare a column's reference (training-period) sample with
 * a current one, exactly as SciPy 1.10.1 / NumPy compute the same numbers (see each module's
 * header for the formula and the SciPy call it matches), and decide whether it drifted.
 */
export { type NumericBins, numericBins, PSI_QUANTILES, quantileSorted } from './bins.js';
export {
  type CategoricalDrift,
  type CategoricalDriftStatistics,
  categoricalDrift,
} from './categorical.js';
export {
  alignCategories,
  type CategoricalValues,
  type CategoryTable,
  compareCodePoints,
} from './categories.js';
export {
  type CategoryTest,
  categoryTest,
  MIN_EXPECTED,
  minExpected,
} from './category-permutation.js';
export { type Chi2Contingency, type Chi2Test, chi2Contingency } from './chi2.js';
export {
  type CategoricalColumnDrift,
  type CategoricalSample,
  type ColumnDrift,
  type ColumnTestOptions,
  columnDrift,
  type DriftSample,
  type NumericColumnDrift,
  type NumericSample,
} from './column.js';
export {
  type DatasetDrift,
  DEFAULT_MAX_DRIFTED_SHARE,
  type DriftColumnInput,
  type DriftOptions,
  type DriftReport,
  detectDrift,
} from './dataset.js';
export {
  jensenShannonDistance,
  PSI_EPSILON,
  type PsiBand,
  populationStabilityIndex,
  psiBand,
} from './divergence.js';
export { compareEcdfs, type EcdfComparison } from './ecdf.js';
export { chi2Sf, gammaQ, logGamma } from './gamma.js';
export { kolmogn, kolmogorovSf, kstwoSf } from './kolmogorov.js';
export {
  KS_MAX_EXACT_N,
  type KsPValueMethod,
  type KsTest,
  ksStatistic,
  ksTest,
  ksTwoSample,
} from './ks.js';
export {
  AUTO_ALPHA,
  AUTO_EFFECT,
  type AutoTestMethod,
  type ColumnDriftOptions,
  type ColumnType,
  DRIFT_METHODS,
  type DriftMethod,
  type DriftRuleKind,
  type DriftTestMethod,
} from './methods.js';
export {
  type NumericDrift,
  type NumericDriftStatistics,
  type NumericValues,
  normedWasserstein,
  numericDrift,
  numericDriftSorted,
} from './numeric.js';
export { type PermutationTest, SIDE_ROWS, wassersteinPermutationTest } from './permutation.js';
export { sortedSample } from './seeded.js';
export { smirnovSf } from './smirnov.js';
export { type SortedSample, sortSample } from './sort.js';
export { labelDrift, numbersAsCategories, predictionDrift } from './targets.js';
export { meanAbsoluteDeviation, wasserstein1 } from './wasserstein.js';
