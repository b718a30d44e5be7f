/** Fixture data for the statistics tests: the real Telco and California predictions, slicings. */
import { join } from 'node:path';
import type { Slicing } from '../../../src/domain/stats/index.js';
import { HOUSING, readSimpleCsv, TELCO } from '../../support/fixtures.js';
import { readCsvColumns, toLabels } from '../../support/reference.js';

export type TelcoModel = 'candidate' | 'baseline' | 'candidate_worse';

export const telcoFile = (model: TelcoModel): string =>
  `fixtures/classification_telco_churn/predictions_${model}_holdout.csv`;

/** Labels and P(churn) of one Telco model on the holdout (columns y_true, onnx_proba_1). */
export function telco(model: TelcoModel): { y: Uint8Array; score: Float64Array } {
  const [y, score] = readCsvColumns(telcoFile(model), ['y_true', 'onnx_proba_1']) as [
    Float64Array,
    Float64Array,
  ];
  return { y: toLabels(y), score };
}

/** A slicing of the Telco holdout by one of its categorical columns, groups in sorted order. */
export function telcoSlicing(column: string): Slicing {
  const { header, rows } = readSimpleCsv(join(TELCO, 'holdout.csv'));
  const at = header.indexOf(column);
  const values = rows.map((r) => r[at] as string);
  const groups = [...new Set(values)].sort();
  return { name: column, groups, ids: Int32Array.from(values, (v) => groups.indexOf(v)) };
}

/** California housing targets and one model's predictions (columns y_true, onnx_pred). */
export function housing(model: TelcoModel): { y: Float64Array; pred: Float64Array } {
  const [y, pred] = readCsvColumns(
    `fixtures/regression_california_housing/predictions_${model}_holdout.csv`,
    ['y_true', 'onnx_pred'],
  ) as [Float64Array, Float64Array];
  return { y, pred };
}

export function housingSlicing(column: string): Slicing {
  const { header, rows } = readSimpleCsv(join(HOUSING, 'holdout.csv'));
  const at = header.indexOf(column);
  const values = rows.map((r) => r[at] as string);
  const groups = [...new Set(values)].sort();
  return { name: column, groups, ids: Int32Array.from(values, (v) => groups.indexOf(v)) };
}
