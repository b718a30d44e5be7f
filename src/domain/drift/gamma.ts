/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), scipy.special.gammaincc
 * (chi2.sf(x, k) = Q(k/2, x/2)), accurate to ~1e-13 relative over the range the chi-square test
 * meets (a = dof/2 from 0.5 to ~10⁵, any x ≥ 0), down to the smallest subnormal:
 *
 *   x < a + 1:  Q = 1 − P,  P = e^{−x} x^a / Γ(a+1) · Σ_{k≥0} x^k / ((a+1)…(a+k))   (series)
 *   x ≥ a + 1:  Q = e^{−x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))
 *               (Legendre's continued fraction, modified Lentz)
 *
 * (Numerical Recipes, 3rd ed., §6.2.) The prefactor e^{−x} x^a / Γ(a) is formed in log space; for
 * a ≥ 10 as a·(log1p(y) − y) − ½log(2π/a) − S(a) with y = (x − a)/a and S Stirling's series for
 * log Γ(a) − ((a − ½)log a − a + ½log 2π), so that the large, nearly cancelling terms a·log x, x and
 * log Γ(a) are never formed (the idea of cephes' igam_fac).
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 2 ** -52;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Lanczos approximation (g = 7, n = 9), |relative error of Γ| < 2e-15 for x > 0. */
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingTail(x);
  const z = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) s += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** log Γ(a) − ((a − ½) log a − a + ½ log 2π) = Σ B_{2k} / (2k(2k−1) a^{2k−1}), a ≥ 10. */
function stirlingTail(a: number): number {
  const r = 1 / (a * a);
  return (
    (1 / a) *
    (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360))))))
  );
}

/** log1p(y) − y, without cancellation for small |y|. */
function log1pmx(y: number): number {
  if (Math.abs(y) > 0.5) return Math.log1p(y) - y;
  // −y²/2 + y³/3 − y⁴/4 + …, alternating for y > 0; converges for |y| ≤ 0.5 in ~50 terms.
  let term = y;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    term *= -y;
    const add = term / k;
    sum += add;
    if (Math.abs(add) < EPS * Math.abs(sum)) break;
  }
  return sum;
}

/** log(e^{−x} x^a / Γ(a)). */
function logPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  return a * log1pmx((x - a) / a) + 0.5 * Math.log(a) - LOG_SQRT_2PI - stirlingTail(a);
}

/** P(a, x) by the series, valid (and used) for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= x / (a + k);
    sum += term;
    if (term < sum * EPS) break;
  }
  return Math.exp(logPrefactor(a, x)) * sum;
}

/** Q(a, x) by the continued fraction, used for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  // e^{logPrefactor}·h, with log h added first so that a subnormal result keeps its digits.
  return Math.exp(logPrefactor(a, x) + Math.log(h));
}

/** Q(a, x) = scipy.special.gammaincc(a, x), a > 0, x ≥ 0. */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperFraction(a, x);
}

/** scipy.stats.chi2.sf(x, dof) = cephes chdtrc(dof, x) = Q(dof/2, x/2); 1 for x < 0. */
export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1;
  return gammaQ(dof / 2, x / 2);
}
