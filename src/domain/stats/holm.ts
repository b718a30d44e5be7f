/**
 * Holm–Bonferroni step-down adjustment (Holm 1979, Scand. J. Statistics 6:65–70), as
 * statsmodels.stats.multitest.multipletests(p, method='holm')[1] computes it: with the m p-values
 * sorted ascending, p_(1) <= … <= p_(m),
 *   adj_(i) = min(1, max_{j <= i} (m − j + 1)·p_(j))
 * returned in the input order. Reject H_i at level α iff adj_i <= α. Ties get equal adjusted
 * values whatever their order. NaN p-values are kept as NaN and not counted in m.
 */

export function holm(pValues: readonly number[]): number[] {
  const index = pValues
    .map((p, i) => [p, i] as const)
    .filter(([p]) => !Number.isNaN(p))
    .sort((a, b) => a[0] - b[0]);
  for (const [p] of index) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${p} is outside [0, 1]`);
  }
  const m = index.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  index.forEach(([p, i], j) => {
    running = Math.max(running, (m - j) * p);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}
