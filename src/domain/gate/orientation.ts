/** Which way is better, per metric: deltas are oriented so that positive means the candidate is better. */
const LOWER_IS_BETTER = new Set([
  'log_loss',
  'brier',
  'ece',
  'mae',
  'mse',
  'rmse',
  'mape',
  'max_error',
  'median_absolute_error',
]);

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric);
}

/** candidate − baseline for higher-is-better metrics, baseline − candidate for the others. */
export function orientedDelta(metric: string, candidate: number, baseline: number): number {
  return lowerIsBetter(metric) ? baseline - candidate : candidate - baseline;
}
