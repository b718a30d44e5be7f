/**
 * Exact null distribution of the two-sample, two-sided KS statistic, as scipy 1.10.1's
 * `ks_2samp(method='exact')` computes it (`_attempt_exact_2kssamp` in scipy/stats/_stats_py.py):
 *
 *   lcm = lcm(n1, n2),  h = round(D·lcm)  (so D = h / lcm exactly),  p = P(D_{n1,n2} ≥ h / lcm)
 *
 * - n1 = n2 = n: `_compute_prob_outside_square(n, h)`, the reflection series
 *   p = 2 Σ_{k≥1} (−1)^{k−1} C(2n, n − kh) / C(2n, n), evaluated in Horner form
 *   2·A0·(1 − A1·(1 − A2·(1 − …))) so that it does not cancel.
 * - otherwise: `_compute_outer_prob_inside_method(n1, n2, g, h)` (scipy/stats/_stats_pythran.py):
 *   Hodges' lattice-path count of the paths from (0, 0) to (m, n) that leave the band
 *   |x/m − y/n| < h/lcm, with Viehmann's recursion that carries 1 − (inside share) column by column
 *   (arXiv:2102.08037), so the value stays in [0, 1] and needs no binomial coefficient.
 *
 * Both are ported operation for operation (same IEEE-754 operations in the same order), so the
 * results agree with SciPy to the last bit or two. Cost: O(n/h · h) = O(n) for the square, O(m·w)
 * with w ≈ 2hn/lcm the band width for the other — at most ~10⁸ steps for 10 000 × 10 000.
 */

/** gcd of two positive integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** numpy's `np.round` for a scalar: round half to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** P(D_{n,n} ≥ h/n), 1 ≤ h ≤ n. */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/** P(D_{m,n} ≥ h/lcm(m, n)) for m ≠ n, g = gcd(m, n), 1 ≤ h ≤ lcm. */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1] as number;
}

export interface ExactAttempt {
  /** False when SciPy would give up on the exact value (it then switches to 'asymp'). */
  readonly success: boolean;
  /** D rounded to the lattice, h / lcm: what ks_2samp reports as the statistic from here on. */
  readonly d: number;
  readonly p: number;
}

/**
 * `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')`. It fails when the value is outside [0, 1]:
 * the square's Horner form returns 1.0000000000000002 for h = 1 at some n (5, 7, 13, …), and
 * SciPy then falls back to the asymptotic p-value; so do we.
 */
export function attemptExact(n1: number, n2: number, d: number): ExactAttempt {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dLattice = h / lcm;
  if (h === 0) return { success: true, d: dLattice, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return { success: p >= 0 && p <= 1, d: dLattice, p };
}
