/**
 * The standard normal distribution, to double precision.
 *
 * normalCdf(x) = Φ(x) = scipy.special.ndtr(x) = scipy.stats.norm.cdf(x), by Cephes' algorithm (the
 * one SciPy 1.10 uses): with t = x/√2,
 *   |t| < 1/√2:  Φ(x) = ½ + ½·erf(t),   erf(t) = t·T(t²)/U(t²)
 *   otherwise:   Φ(x) = ½·erfc(|t|) (or 1 − that for t > 0),
 *                erfc(u) = exp(−u²)·P(u)/Q(u) for 1 <= u < 8, exp(−u²)·R(u)/S(u) for u >= 8,
 * exp(−u²) taken as exp(−m²)·exp(−(2mf + f²)) with m = u rounded to 1/128 (Cephes' expx2), which
 * keeps the relative error of the tail near 1e-15 (Moshier, Cephes Math Library 2.9, ndtr.c).
 * normalSf(x) = 1 − Φ(x) = Φ(−x), computed as the latter (no cancellation in the upper tail).
 *
 * normalQuantile(p) = Φ⁻¹(p) by Wichura's AS241 (Applied Statistics 37:477–484, 1988), PPND16,
 * relative accuracy ~1e-16 (the algorithm of Python's statistics.NormalDist.inv_cdf).
 */

const T = [
  9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949,
];
const U = [
  33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359,
];
const P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814,
  196.5208329560771, 526.4451949954773, 934.5285271719576, 1027.5518868951572, 557.5353353693994,
];
const Q = [
  13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055, 1823.9091668790973,
  2246.3376081871097, 1656.6630919416134, 557.5353408177277,
];
const R = [
  0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895,
  2.9788666537210022,
];
const S = [
  2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659, 9.608968090632859,
  3.369076451000815,
];
/** ln(Number.MAX_VALUE): below exp(−MAXLOG) erfc underflows. */
const MAXLOG = 709.782712893384;

/** Σ c[k]·x^(N−k) (Cephes polevl). */
function polevl(x: number, c: readonly number[]): number {
  let y = 0;
  for (const v of c) y = y * x + v;
  return y;
}

/** x^N + Σ c[k]·x^(N−1−k) (Cephes p1evl: leading coefficient 1). */
function p1evl(x: number, c: readonly number[]): number {
  let y = 1;
  for (const v of c) y = y * x + v;
  return y;
}

/** exp(−x²) without the error amplification of rounding x² (Cephes expx2, sign −1). */
function expMinusSquare(x: number): number {
  const a = Math.abs(x);
  const m = Math.floor(128 * a + 0.5) / 128;
  const f = a - m;
  const u = m * m;
  const u1 = 2 * m * f + f * f;
  if (u + u1 > MAXLOG) return 0;
  return Math.exp(-u) * Math.exp(-u1);
}

function erf(x: number): number {
  if (Math.abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

function erfc(a: number): number {
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  if (-a * a < -MAXLOG) return a < 0 ? 2 : 0;
  const z = expMinusSquare(a);
  const y = x < 8 ? (z * polevl(x, P)) / p1evl(x, Q) : (z * polevl(x, R)) / p1evl(x, S);
  return a < 0 ? 2 - y : y;
}

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const t = x * Math.SQRT1_2;
  const z = Math.abs(t);
  if (z < Math.SQRT1_2) return 0.5 + 0.5 * erf(t);
  const y = 0.5 * erfc(z);
  return t > 0 ? 1 - y : y;
}

/** 1 − Φ(x), accurate in the upper tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/** Φ⁻¹(p) for 0 < p < 1 (±Infinity at 0 and 1). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    const num = polevl(
      r,
      [
        2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987,
        13731.69376550946, 1971.5909503065513, 133.14166789178438, 3.3871328727963665,
      ],
    );
    const den = polevl(
      r,
      [
        5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597,
        5394.196021424751, 687.1870074920579, 42.31333070160091, 1,
      ],
    );
    return (q * num) / den;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      polevl(
        r,
        [
          0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
          3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835,
        ],
      ) /
      polevl(
        r,
        [
          1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
          0.6897673349851, 1.6763848301838038, 2.053191626637759, 1,
        ],
      );
  } else {
    r -= 5;
    x =
      polevl(
        r,
        [
          2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
          0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
        ],
      ) /
      polevl(
        r,
        [
          2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5,
          0.0007868691311456133, 0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1,
        ],
      );
  }
  return q < 0 ? -x : x;
}
