/**
 * All binary-classification metrics of one (labels, scores) pair, matching scikit-learn 1.2.1:
 *   accuracy, precision, recall, f1   accuracy_score / precision_score / recall_score / f1_score
 *                                     of (y, score >= threshold), pos_label=1, zero_division=0
 *   roc_auc                           roc_auc_score(y, score)             (NaN if one class only)
 *   average_precision                 average_precision_score(y, score)   (0 if no positives)
 *   log_loss                          log_loss(y, score)   eps = float64 eps, labels [0, 1]
 *   brier                             brier_score_loss(y, score)
 *   ece                               Σ (n_b/N)|prob_true_b − prob_pred_b| of
 *                                     sklearn.calibration.calibration_curve(n_bins=10, 'uniform')
 * See the building blocks for the formulas. The scores are sorted once (positives and negatives
 * separately), or laid out from their descending order when given, and shared by roc_auc and
 * average_precision.
 * Throws InputError on length mismatch, an empty input, labels other than 0/1, or scores outside
 * [0, 1] / NaN (where sklearn raises ValueError).
 */
import { InputError } from '../errors.js';
import { expectedCalibrationError } from './calibration.js';
import {
  accuracyFromConfusion,
  type Confusion,
  confusionAt,
  f1FromPrecisionRecall,
  precisionFromConfusion,
  recallFromConfusion,
} from './confusion.js';
import { brierScore, logLossBinary } from './probabilistic.js';
import { averagePrecisionSorted, byClassFromOrder, rocAucSorted, sortByClass } from './ranking.js';
import { checkBinaryLabels, checkProbabilities, checkSameLength } from './validate.js';

export interface BinaryMetrics {
  metrics: Record<string, number>;
  confusion: Confusion;
}

export function binaryMetrics(
  y: Uint8Array,
  score: Float64Array,
  threshold: number,
  /** The scores' descending order (stats/order.ts), when the caller has it: no sort here then. */
  order?: Int32Array,
): BinaryMetrics {
  checkSameLength('binary metrics', y, score);
  if (y.length === 0) throw new InputError('binary metrics: no rows');
  checkBinaryLabels(y);
  checkProbabilities('binary metrics: scores', score);

  const confusion = confusionAt(y, score, threshold);
  const precision = precisionFromConfusion(confusion);
  const recall = recallFromConfusion(confusion);
  const { pos, neg } = order ? byClassFromOrder(y, score, order) : sortByClass(y, score);
  return {
    metrics: {
      accuracy: accuracyFromConfusion(confusion),
      precision,
      recall,
      f1: f1FromPrecisionRecall(precision, recall),
      roc_auc: rocAucSorted(pos, neg),
      average_precision: averagePrecisionSorted(pos, neg),
      log_loss: logLossBinary(y, score),
      brier: brierScore(y, score),
      ece: expectedCalibrationError(y, score),
    },
    confusion,
  };
}
