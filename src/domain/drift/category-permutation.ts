/**
 * `auto`'s test for a categorical column (methods.ts): chi-square's test of homogeneity on the
 * 2×K table, with its p-value from the chi-square distribution (chi2.ts, as SciPy) while every
 * expected count is at least 5 (Cochran's rule), and by permutation when one is smaller — where
 * the distribution is a poor fit: a 50-row window drawn from a 100-category reference itself
 * rejects 10% of the time at 5%, and 4.4% at 0.5% (scipy.stats.chi2_contingency, 2,000 windows).
 *
 * The permutation test splits the pooled values at the two sides' sizes again and again, and
 * counts the splits whose Pearson statistic reaches the observed one (as R's
 * `chisq.test(simulate.p.value = TRUE)`, which fixes both margins the same way).
 * With the category totals t_k fixed by the pooling, χ² = N²/(n·m) · Σ_k (c_k − m·t_k/N)² / t_k
 * for the current side's counts c_k, so one permutation draws the smaller side's values (a partial
 * Fisher–Yates shuffle) and sums K terms. A side above SIDE_ROWS values is subsampled first, and
 * the test, observed statistic included, runs on the subsamples (permutation.ts says why). Its
 * p-value is Besag and Clifford's sequential one (seeded.ts), seeded by a hash of the counts.
 */
import { chi2Contingency } from './chi2.js';
import { type PermutationTest, SIDE_ROWS } from './permutation.js';
import { type Generator, generator, hashWords, markedIndices, sequentialPValue } from './seeded.js';

const SEED = 0x0c4152e5;
/** Cochran's rule: the chi-square distribution is trusted when every expected count is ≥ 5. */
export const MIN_EXPECTED = 5;

export interface CategoryTest extends PermutationTest {
  /** 'chi2': the chi-square distribution's p-value; 'chi2_permutation': by permutation. */
  readonly method: 'chi2' | 'chi2_permutation';
}

/** The smallest expected count of the 2×K table. */
export function minExpected(reference: readonly number[], current: readonly number[]): number {
  let n = 0;
  let m = 0;
  for (const c of reference) n += c;
  for (const c of current) m += c;
  let least = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reference.length; k++) {
    const t = (reference[k] as number) + (current[k] as number);
    if (t > 0) least = Math.min(least, (Math.min(n, m) * t) / (n + m));
  }
  return least;
}

/** One label per value: category k repeated counts[k] times, in category order. */
function labelsOf(counts: ArrayLike<number>, total: number): Int32Array {
  const labels = new Int32Array(total);
  let at = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] as number;
    labels.fill(k, at, at + c);
    at += c;
  }
  return labels;
}

/** `take` of the values counted by `counts` (without replacement), as counts; all when fewer. */
function subsample(counts: readonly number[], take: number, random: Generator): number[] {
  let total = 0;
  for (const c of counts) total += c;
  if (total <= take) return [...counts];
  const labels = labelsOf(counts, total);
  const out = new Array<number>(counts.length).fill(0);
  for (const i of markedIndices(total, take, random)) {
    const k = labels[i] as number;
    out[k] = (out[k] as number) + 1;
  }
  return out;
}

/** Σ_k (c_k − m·t_k/N)² / t_k over the categories with t_k > 0. */
function spread(counts: Int32Array | readonly number[], totals: Int32Array, m: number, N: number) {
  let s = 0;
  for (let k = 0; k < totals.length; k++) {
    const t = totals[k] as number;
    const d = (counts[k] as number) - (m * t) / N;
    s += (d * d) / t;
  }
  return s;
}

/**
 * The test of a 2×K table of counts (both rows with at least one count); `resolution` is the
 * smallest level the p-value may be compared with.
 */
export function categoryTest(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  resolution: number,
): CategoryTest {
  const rows = {
    reference: referenceCounts.reduce((a, b) => a + b, 0),
    current: currentCounts.reduce((a, b) => a + b, 0),
  };
  if (minExpected(referenceCounts, currentCounts) >= MIN_EXPECTED) {
    const p = chi2Contingency(referenceCounts, currentCounts).corrected.p_value;
    return { method: 'chi2', p_value: p, permutations: 0, rows };
  }
  const random = generator(
    hashWords(Int32Array.from(currentCounts), hashWords(Int32Array.from(referenceCounts), SEED)),
  );
  const ref = subsample(referenceCounts, SIDE_ROWS, random);
  const cur = subsample(currentCounts, SIDE_ROWS, random);
  // Only the categories present in the (sub)samples.
  const kept = ref.flatMap((r, k) => (r + (cur[k] as number) > 0 ? [k] : []));
  const totals = Int32Array.from(kept, (k) => (ref[k] as number) + (cur[k] as number));
  const n = kept.reduce((a, k) => a + (ref[k] as number), 0);
  const m = kept.reduce((a, k) => a + (cur[k] as number), 0);
  const used = { reference: n, current: m };
  if (kept.length < 2)
    return { method: 'chi2_permutation', p_value: 1, permutations: 0, rows: used };
  const N = n + m;
  // Draw the smaller side; χ² is the same function of either side's counts.
  const drawn = Math.min(n, m);
  const observedCounts = kept.map((k) => (n <= m ? ref[k] : cur[k]) as number);
  const observed = spread(observedCounts, totals, drawn, N) * (1 - 1e-12);
  const labels = labelsOf(totals, N);
  const counts = new Int32Array(kept.length);
  const test = sequentialPValue(() => {
    counts.fill(0);
    random.shuffle(labels, drawn);
    for (let i = 0; i < drawn; i++) {
      const t = labels[i] as number;
      counts[t] = (counts[t] as number) + 1;
    }
    return spread(counts, totals, drawn, N) >= observed;
  }, resolution);
  return { method: 'chi2_permutation', ...test, rows: used };
}
