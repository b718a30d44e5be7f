/**
 * Divergences between two binned distributions (numeric bins from bins.ts, or one bin per category),
 * as fixtures/README.md defines them:
 *
 *   PSI = Σ_i (p_cur,i − p_ref,i) · ln(p_cur,i / p_ref,i),  p = count / n, every p that is 0
 *         replaced by 1e-4 (numpy.where(p == 0, 1e-4, p); no renormalisation)
 *   JS  = scipy.spatial.distance.jensenshannon(p_ref, p_cur, base=2) (scipy 1.10.1), no epsilon:
 *         p ← p/Σp, q ← q/Σq, m = (p + q)/2,
 *         JS = √( (Σ rel_entr(p, m) + Σ rel_entr(q, m)) / ln 2 / 2 ),  rel_entr(a, b) = a·ln(a/b), 0 for a = 0
 *
 * The JS distance is the square root of the JS divergence in bits, in [0, 1]: 0 for identical
 * distributions, 1 for disjoint ones. A divergence that rounds to a tiny negative number (identical
 * inputs) gives 0 here, where SciPy would return NaN.
 *
 * PSI bands (industry convention, e.g. Siddiqi, "Credit Risk Scorecards", 2006): < 0.1 no shift,
 * 0.1–0.2 moderate, ≥ 0.2 significant.
 */

export const PSI_EPSILON = 1e-4;

export type PsiBand = 'none' | 'moderate' | 'significant';

export function psiBand(psi: number): PsiBand {
  if (psi >= 0.2) return 'significant';
  if (psi >= 0.1) return 'moderate';
  return 'none';
}

function total(counts: readonly number[]): number {
  let s = 0;
  for (const c of counts) s += c;
  return s;
}

export function populationStabilityIndex(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  const nRef = total(referenceCounts);
  const nCur = total(currentCounts);
  let psi = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const r = (referenceCounts[i] as number) / nRef;
    const c = (currentCounts[i] as number) / nCur;
    const pr = r === 0 ? PSI_EPSILON : r;
    const pc = c === 0 ? PSI_EPSILON : c;
    psi += (pc - pr) * Math.log(pc / pr);
  }
  return psi;
}

function relEntr(a: number, b: number): number {
  return a > 0 ? a * Math.log(a / b) : 0;
}

export function jensenShannonDistance(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  const nRef = total(referenceCounts);
  const nCur = total(currentCounts);
  const p = referenceCounts.map((c) => c / nRef);
  const q = currentCounts.map((c) => c / nCur);
  const sp = total(p);
  const sq = total(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / sp;
    const qi = (q[i] as number) / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  const js = (left + right) / Math.LN2;
  return js > 0 ? Math.sqrt(js / 2) : 0;
}
