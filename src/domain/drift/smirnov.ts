/**
 * scipy.special.smirnov(n, x) of scipy 1.10.1: the exact one-sided KS survival function
 * P(D_n⁺ ≥ x), by Smirnov's (1944) / Birnbaum–Tingey's (1951) finite sum
 *
 *   P(D_n⁺ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^{v−1} (1 − x − v/n)^{n−v}
 *
 * with SciPy's special cases (cephes kolmogorov.c `_smirnov3`, P. van Mulbregt, arXiv:1802.06966):
 * n = 1 → 1 − x; x ≤ 1/n → 1 − x(1 + x)^{n−1}; −2nx² below cephes' MINLOG → 0; x ≥ 1 − 1/n →
 * (1 − x)ⁿ; n > 10⁶ → the approximation e^{−(6nx+1)²/(18n)}.
 *
 * SciPy sums in double-double; here each term is summed in log space (log C(n, v) accumulated with
 * compensation, n·x split exactly into hi + lo so that 1 − x − v/n keeps its digits), relative to
 * e^{−2nx²}, and exponentiated once at the end — accurate to ~1e-12 relative, and to the last
 * subnormal bit when the value underflows (e.g. 1e-319). The sum stops, as SciPy's does, when the
 * remaining terms cannot change it. O(n) terms.
 */
import { twoProduct } from './float.js';

/** cephes MINLOG = log(2^−1075). */
const MINLOG = -745.1332191019412;
const MAX_COMPUTE_N = 1_000_000;
const EPS = 2 ** -52;

export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // n·x = hi + lo exactly; its floor and fractional part alpha.
  const { hi, lo } = twoProduct(n, x);
  let nxfl = Math.floor(hi);
  let alpha = hi - nxfl + lo;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const cdf = x * Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return (1 - x) ** n;
  if (n > MAX_COMPUTE_N) return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  return clip01(lowerSum(n, x, hi, lo, nxfl));
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** x·Σ_{v=0}^{n−⌊nx⌋−1} A_v (the terms with 1 − x − v/n > 0). */
function lowerSum(n: number, x: number, hi: number, lo: number, nxfl: number): number {
  const nTerms = n - nxfl;
  const vmid = Math.floor(n / 2);
  // Terms are summed relative to e^offset, close to the answer's own size, so that neither the
  // terms nor their sum underflow before the final exponentiation.
  const offset = -2 * n * x * x;
  let sum = Math.exp(n * Math.log1p(-x) - Math.log(x) - offset);
  let sumC = 0;
  let logC = 0;
  let logCc = 0;
  for (let v = 1; v < nTerms; v++) {
    // log C(n, v) = log C(n, v−1) + log((n − v + 1)/v), compensated (Neumaier).
    const step = Math.log((n - v + 1) / v);
    const t = logC + step;
    logCc += Math.abs(logC) >= Math.abs(step) ? logC - t + step : step - t + logC;
    logC = t;

    const up = (v + hi + lo) / n; // x + v/n
    const logDown = up < 0.5 ? Math.log1p(-up) : Math.log((n - v - hi - lo) / n); // 1 − x − v/n
    const logTerm = logC + logCc + (v - 1) * Math.log(up) + (n - v) * logDown;
    const term = Math.exp(logTerm - offset);
    if (term !== 0 && Number.isFinite(term)) {
      const s = sum + term;
      sumC += Math.abs(sum) >= term ? sum - s + term : term - s + sum;
      sum = s;
      if (4 * (nTerms - v) * term < EPS * sum && v !== nTerms - 1) break;
    } else if (v > vmid) {
      break;
    }
  }
  const total = sum + sumC;
  if (total <= 0) return 0;
  return Math.exp(offset + Math.log(x) + Math.log(total));
}
