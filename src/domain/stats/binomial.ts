/**
 * The binomial distribution with p = ½, accurate for n up to ~1e9 (no factorial overflow).
 *
 * log pmf by Loader's saddle-point expansion (C. Loader, "Fast and accurate computation of
 * binomial probabilities", 2000; R's dbinom_raw), relative error ~1e-15 at every n:
 *   ln f(x; n, p) = δ(n) − δ(x) − δ(n − x) − D(x, np) − D(n − x, nq) − ½·ln(2π·x·(1 − x/n))
 * with δ(m) = ln m! − (m + ½)ln m + m − ½ln 2π (Stirling's error) and D(x, μ) = x·ln(x/μ) + μ − x
 * (the deviance term, by its Taylor series when x ≈ μ).
 *
 * cdf(k; n) = Σ_{i<=k} f(i) for k <= n/2 sums downward from f(k) with f(i−1) = f(i)·i/(n − i + 1)
 * (ratios < 1 below the mode, so the terms shrink geometrically; ~√n·8 terms at most).
 */

const LN_2PI = 1.8378770664093456;
const LN_SQRT_2PI = 0.9189385332046728;

/** δ(m) = ln m! − (m + ½)·ln m + m − ½·ln 2π for an integer m >= 1. */
function stirlingError(m: number): number {
  if (m <= 15) {
    let factorial = 1;
    for (let i = 2; i <= m; i++) factorial *= i; // exact: 15! < 2^53
    return Math.log(factorial) - (m + 0.5) * Math.log(m) + m - LN_SQRT_2PI;
  }
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const mm = m * m;
  if (m > 500) return (S0 - S1 / mm) / m;
  if (m > 80) return (S0 - (S1 - S2 / mm) / mm) / m;
  if (m > 35) return (S0 - (S1 - (S2 - S3 / mm) / mm) / mm) / m;
  return (S0 - (S1 - (S2 - (S3 - S4 / mm) / mm) / mm) / mm) / m;
}

/** D(x, μ) = x·ln(x/μ) + μ − x, without cancellation when x ≈ μ. */
function deviance(x: number, mu: number): number {
  if (Math.abs(x - mu) < 0.1 * (x + mu)) {
    let v = (x - mu) / (x + mu);
    let s = (x - mu) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / mu) + mu - x;
}

/** ln f(x; n, ½) for integers 0 <= x <= n. */
export function logBinomialPmfHalf(x: number, n: number): number {
  if (x < 0 || x > n) return Number.NEGATIVE_INFINITY;
  if (x === 0 || x === n) return -n * Math.LN2;
  const mu = n / 2;
  const lc =
    stirlingError(n) -
    stirlingError(x) -
    stirlingError(n - x) -
    deviance(x, mu) -
    deviance(n - x, mu);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/** P(X <= k) for X ~ Binomial(n, ½), integers 0 <= k <= n/2 (the lower half). */
export function binomialCdfHalf(k: number, n: number): number {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 0 && k >= 0 && 2 * k <= n)) {
    throw new RangeError(`binomialCdfHalf needs integers 0 <= k <= n/2, got k=${k}, n=${n}`);
  }
  if (n === 0) return 1;
  let term = 1;
  let total = 1;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    total += term;
    if (term < total * 1e-17) break;
  }
  return Math.exp(logBinomialPmfHalf(k, n)) * total;
}
