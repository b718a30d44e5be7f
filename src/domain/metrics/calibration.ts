/**
 * Expected calibration error with equal-width bins, binned exactly as scikit-learn 1.2.1
 * `sklearn.calibration.calibration_curve(y, p, n_bins, strategy='uniform')` bins:
 *   edges  = numpy.linspace(0, 1, n_bins + 1)          (edge k = k · (1 / n_bins), k < n_bins)
 *   bin(p) = numpy.searchsorted(edges[1:-1], p, side='left')
 *          = number of interior edges strictly below p (bins are right-closed: (e_{k−1}, e_k],
 *            the first one also holds 0)
 *   ECE    = Σ_{b non-empty} (n_b / N) · | mean(y)_b − mean(p)_b |
 * where mean(y)_b / mean(p)_b are calibration_curve's `prob_true` / `prob_pred`. NaN for N = 0.
 * One pass; per-bin sums are compensated.
 */

/** ECE of 0/1 labels `y` against P(positive) `score` over `nBins` equal-width bins. */
export function expectedCalibrationError(y: Uint8Array, score: Float64Array, nBins = 10): number {
  const n = y.length;
  if (n === 0) return Number.NaN;
  const step = 1 / nBins;
  const count = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const pSum = new Float64Array(nBins);
  const pComp = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = score[i] as number;
    const b = calibrationBin(p, nBins, step);
    count[b] = (count[b] as number) + 1;
    positives[b] = (positives[b] as number) + (y[i] as number);
    const s = pSum[b] as number;
    const t = s + p;
    pComp[b] = (pComp[b] as number) + (Math.abs(s) >= Math.abs(p) ? s - t + p : p - t + s);
    pSum[b] = t;
  }
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    const nb = count[b] as number;
    if (nb === 0) continue;
    const probTrue = (positives[b] as number) / nb;
    const probPred = ((pSum[b] as number) + (pComp[b] as number)) / nb;
    ece += (nb / n) * Math.abs(probTrue - probPred);
  }
  return ece;
}

/**
 * calibration_curve's bin of P(positive) `p` among `nBins` equal-width bins of width
 * `step` = 1 / nBins (numpy.linspace: edge k = k · step): #{k in 1..nBins−1 : k·step < p}.
 */
export function calibrationBin(p: number, nBins: number, step: number): number {
  // Guess the bin, then correct against the exact edges.
  let b = Math.ceil(p * nBins) - 1;
  if (b < 0) b = 0;
  else if (b > nBins - 1) b = nBins - 1;
  while (b > 0 && b * step >= p) b--;
  while (b < nBins - 1 && (b + 1) * step < p) b++;
  return b;
}
