/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution D_n, as scipy 1.10.1 evaluates it:
 *
 *   kstwoSf(d, n)    = scipy.stats.kstwo.sf(d, n)    = P(D_n ≥ d)   (`_kolmogn` in _ksstats.py)
 *   kolmogorovSf(x)  = scipy.stats.kstwobign.sf(x)   = scipy.special.kolmogorov(x)
 *                    = Q(x) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}, the limit of P(√n·D_n ≥ x)
 *
 * `ks_2samp`'s asymptotic p-value is kstwo.sf(D, round(n1·n2/(n1+n2))). SciPy picks one of several
 * algorithms by (n, x) following Simard & L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11); the same choice is made here, with the
 * same cut-offs, because some of them (Pelz–Good, 1 − CDF) are approximations whose error we must
 * share rather than improve on:
 *
 *   n·x ≤ 1               Ruben–Gambino: CDF = n!/nⁿ (2nx − 1)ⁿ
 *   n·x ≥ n − 1           Ruben–Gambino: SF = 2(1 − x)ⁿ
 *   x ≥ 0.5               SF = 2·smirnov(n, x) exactly (the one-sided events are disjoint)
 *   n ≤ 140:  n·x² ≤ 0.754693 → Durbin matrix (MTW); ≤ 4 → Pomeranz; else 2·smirnov(n, x)
 *   n > 140:  n·x² ≥ 370 → 0; ≥ 2.2 → 2·smirnov(n, x); else SF = 1 − CDF with
 *             CDF = Durbin (n ≤ 100000 and n·x^1.5 ≤ 1.4) or Pelz–Good (otherwise)
 */
import { durbinCdf } from './durbin.js';
import { pelzGoodCdf } from './pelz-good.js';
import { pomeranzCdf } from './pomeranz.js';
import { smirnovSf } from './smirnov.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
/** scipy.special.kolmogorov: below this x the survival function is 1 to double precision. */
const KOLMOGOROV_XMIN = Math.PI / Math.sqrt((708 + 38) * 8);
const KOLMOGOROV_CUTOVER = 0.82;
/** B_{2j}/(2j)/(2j−1) for j = 8, …, 1 (Stirling series, as _ksstats._STIRLING_COEFFS). */
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** scipy.special.kolmogorov(x) (cephes kolmogorov.c, scipy ≥ 1.2: two unrolled theta series). */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= KOLMOGOROV_XMIN) return 1;
  if (x <= KOLMOGOROV_CUTOVER) {
    // CDF = √(2π)/x · Σ_{k≥1} e^{−(2k−1)²π²/(8x²)}, u = e^{−π²/(8x²)}, three terms suffice.
    const w = SQRT_2PI / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logu8 / 8);
    let cdf: number;
    if (u === 0) {
      cdf = Math.exp(logu8 / 8 + Math.log(w));
    } else {
      const u8 = Math.exp(logu8);
      const u8cub = u8 ** 3;
      let p = 1;
      p = 1 + u8cub * p;
      p = 1 + u8 * u8 * p;
      p = 1 + u8 * p;
      cdf = w * u * p;
    }
    return clip01(1 - cdf);
  }
  // SF = 2v(1 − v³(1 − v⁵(1 − v⁷))), v = e^{−2x²}.
  const v = Math.exp(-2 * x * x);
  const v3 = v ** 3;
  let p = 1;
  p = 1 - v3 * v3 * v * p;
  p = 1 - v3 * (v * v) * p;
  p = 1 - v3 * p;
  return clip01(2 * v * p);
}

/** log(n!/nⁿ) by Stirling's series with n·log(n) removed up front (_log_nfactorial_div_n_pow_n). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** P(D_n ≤ x) (`cdf`) or P(D_n > x), `_kolmogn(n, x, cdf)`. n a positive integer. */
export function kolmogn(n: number, x: number, cdf: boolean): number {
  const pick = (pCdf: number, pSf: number) => clip01(cdf ? pCdf : pSf);
  if (x >= 1) return pick(1, 0);
  if (x <= 0) return pick(0, 1);
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return pick(0, 1);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return pick(prob, 1 - prob);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return pick(1 - prob, prob);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  const nxSquared = t * x;
  if (n <= 140) {
    let prob: number;
    if (nxSquared <= 0.754693) prob = durbinCdf(n, x);
    else if (nxSquared <= 4) prob = pomeranzCdf(n, x);
    else {
      const sf = 2 * smirnovSf(n, x);
      return pick(1 - sf, sf);
    }
    return pick(prob, 1 - prob);
  }
  if (!cdf) {
    if (nxSquared >= 370) return 0;
    if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfProb: number;
  if (nxSquared >= 18) cdfProb = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfProb = durbinCdf(n, x);
  else cdfProb = pelzGoodCdf(n, x);
  return pick(cdfProb, 1 - cdfProb);
}

/**
 * scipy.stats.kstwo.sf(d, n): rv_continuous's wrapper (support [0.5/n, 1]: 1 at or below 0.5/n,
 * 0 at or above 1; NaN for an n that is not a positive integer) around `_kolmogn(n, d, cdf=False)`.
 */
export function kstwoSf(d: number, n: number): number {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(d)) return Number.NaN;
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;
  return kolmogn(n, d, false);
}
