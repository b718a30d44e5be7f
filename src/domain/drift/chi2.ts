/**
 * Pearson's chi-square test of homogeneity on the 2×K table of counts (row 1 reference, row 2
 * current, one column per category), as `scipy.stats.chi2_contingency(table)` (scipy 1.10.1):
 *
 *   E_ij = R_i · C_j / N,  dof = K − 1,
 *   χ² = Σ_ij (O_ij − E_ij)² / E_ij,  p = chi2.sf(χ², dof) (gamma.ts)
 *
 * with Yates' continuity correction — each O_ij moved towards E_ij by min(0.5, |O_ij − E_ij|) —
 * only when dof = 1 (SciPy's default correction=True); `uncorrected` is correction=False.
 * dof = 0 (one category in all) gives χ² = 0, p = 1, as SciPy. Every column has a positive total
 * (categories are those seen in either sample) and both rows are non-empty, so no E_ij is 0.
 */
import { chi2Sf } from './gamma.js';

export interface Chi2Test {
  readonly statistic: number;
  readonly p_value: number;
  readonly dof: number;
}

export interface Chi2Contingency {
  /** scipy's default: Yates' correction when dof = 1. */
  readonly corrected: Chi2Test;
  readonly uncorrected: Chi2Test;
}

function pearson(reference: readonly number[], current: readonly number[], yates: boolean): number {
  let nRef = 0;
  let nCur = 0;
  for (const c of reference) nRef += c;
  for (const c of current) nCur += c;
  const n = nRef + nCur;
  let stat = 0;
  for (const [row, rowTotal] of [
    [reference, nRef],
    [current, nCur],
  ] as const) {
    for (let j = 0; j < row.length; j++) {
      const expected = (rowTotal * ((reference[j] as number) + (current[j] as number))) / n;
      let observed = row[j] as number;
      if (yates) {
        const diff = expected - observed;
        observed += Math.min(0.5, Math.abs(diff)) * Math.sign(diff);
      }
      stat += (observed - expected) ** 2 / expected;
    }
  }
  return stat;
}

export function chi2Contingency(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): Chi2Contingency {
  const dof = referenceCounts.length - 1;
  if (dof <= 0) {
    const none = { statistic: 0, p_value: 1, dof: 0 };
    return { corrected: none, uncorrected: none };
  }
  const plain = pearson(referenceCounts, currentCounts, false);
  const uncorrected = { statistic: plain, p_value: chi2Sf(plain, dof), dof };
  if (dof !== 1) return { corrected: uncorrected, uncorrected };
  const yates = pearson(referenceCounts, currentCounts, true);
  return { corrected: { statistic: yates, p_value: chi2Sf(yates, dof), dof }, uncorrected };
}
