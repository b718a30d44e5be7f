/**
 * P(D_n ≤ d) by Durbin's matrix formula, as Marsaglia, Tsang & Wang (2003), "Evaluating
 * Kolmogorov's Distribution", J. Stat. Softw. 8(18), compute it — a port of scipy 1.10.1's
 * `_kolmogn_DMTW` (scipy/stats/_ksstats.py):
 *
 *   write n·d = k − h with k a positive integer, 0 ≤ h < 1, m = 2k − 1;
 *   H (m×m): H[i][j] = 1/(i−j+1)! for i − j + 1 ≥ 0 (else 0), except the first column
 *   (1 − h^{i+1})/(i+1)!, the last row (its reverse) and the corner ((1 − 2h^m + max(0, 2h−1)^m)/m!);
 *   P(D_n ≤ d) = n!/nⁿ · (Hⁿ)[k−1][k−1].
 *
 * Hⁿ by repeated squaring with a separate power-of-two exponent (rescaled by 2^128 as in SciPy), so
 * nothing overflows. O(m³ log n) time: m ≤ 21 when SciPy calls it for n ≤ 140, m ≤ 115 for its
 * large-n use (n ≤ 100000, n·d^1.5 ≤ 1.4).
 */
import { EM128, EP128, ldexp } from './float.js';

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l] as number;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++)
        out[i * m + j] = (out[i * m + j] as number) + ail * (b[l * m + j] as number);
    }
  }
  return out;
}

export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1] as number;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] as number;

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2 === 1) {
      power = matmul(power, H, m);
      exponent += hExponent;
    }
    H = matmul(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[kk] as number) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] as number) / EP128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }

  let p = power[kk] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      exponent -= 128;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
