/**
 * The benchmark's data-generating process: a seeded PRNG, 20 numeric features with different
 * distributions and CSV spellings, and a known logistic model for the label. Everything that
 * decides a value lives here, so the holdout writer, the forest's training sample and the
 * verifier all draw the same way.
 */

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32:
 * fast, good statistical quality, and reproducible across Node versions, unlike Math.random.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    for (let i = 0; i < 12; i++) this.uint32(); // warm up, as the reference implementation does
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits, so doubles get full mantissas. */
  next(): number {
    return ((this.uint32() >>> 5) * 67108864 + (this.uint32() >>> 6)) / 9007199254740992;
  }

  /** Standard normal by Box-Muller; the second value is dropped to keep the stream simple. */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/**
 * How a column is spelled in the CSV, mimicking what pandas writes for various dtypes:
 * - int: integer column (`42`)
 * - cents: float64 rounded to 2 decimals, money-like (`29.85`, `3.1`)
 * - whole: float64 column holding whole numbers (`3497.0`)
 * - f32: a float32 column, written as its shortest float32 repr (`0.1`, not `0.100000001`)
 * - f64: float64 shortest round-trip repr, `String(x)` (`-0.7345718830240213`, `1.2e-7`)
 */
export type Spelling = 'int' | 'cents' | 'whole' | 'f32' | 'f64';

/** A distribution, with its (approximate) mean and sd to put weights on a standardized scale. */
interface Dist {
  readonly draw: (rng: Rng) => number;
  readonly mean: number;
  readonly sd: number;
}

export interface Feature extends Dist {
  readonly name: string;
  readonly spelling: Spelling;
  /** The true logistic model's coefficient per standard deviation (0: pure noise). */
  readonly weight: number;
}

const normal = (m: number, s: number): Dist => ({
  draw: (r) => m + s * r.normal(),
  mean: m,
  sd: s,
});
const uniform = (lo: number, hi: number): Dist => ({
  draw: (r) => lo + (hi - lo) * r.next(),
  mean: (lo + hi) / 2,
  sd: (hi - lo) / Math.sqrt(12),
});
const integers = (lo: number, hi: number): Dist => ({
  draw: (r) => lo + r.int(hi - lo + 1),
  mean: (lo + hi) / 2,
  sd: Math.sqrt(((hi - lo + 1) ** 2 - 1) / 12),
});
const bernoulli = (p: number): Dist => ({
  draw: (r) => (r.next() < p ? 1 : 0),
  mean: p,
  sd: Math.sqrt(p * (1 - p)),
});
const exponential = (): Dist => ({ draw: (r) => -Math.log(1 - r.next()), mean: 1, sd: 1 });
function lognormal(m: number, s: number): Dist {
  const mean = Math.exp(m + (s * s) / 2);
  return {
    draw: (r) => Math.exp(m + s * r.normal()),
    mean,
    sd: mean * Math.sqrt(Math.expm1(s * s)),
  };
}
function poisson(lambda: number): Dist {
  const limit = Math.exp(-lambda); // Knuth's method: fine for small lambda
  const draw = (r: Rng) => {
    let k = 0;
    for (let p = r.next(); p > limit; p *= r.next()) k++;
    return k;
  };
  return { draw, mean: lambda, sd: Math.sqrt(lambda) };
}

const feature = (name: string, spelling: Spelling, dist: Dist, weight: number): Feature => ({
  name,
  spelling,
  weight,
  ...dist,
});

export const FEATURES: readonly Feature[] = [
  feature('f0', 'int', integers(18, 80), 0.6),
  feature('f1', 'int', poisson(3), -0.4),
  feature('f2', 'int', bernoulli(0.3), 0.5),
  feature('f3', 'cents', lognormal(3.5, 0.6), 0.8),
  feature('f4', 'cents', normal(0, 50), -0.3),
  feature('f5', 'whole', lognormal(6, 1), 0.4),
  feature('f6', 'f32', normal(10, 3), 0.7),
  feature('f7', 'f32', uniform(-1, 1), -0.5),
  feature('f8', 'f32', exponential(), 0.3),
  feature('f9', 'f64', normal(0, 1), 1),
  feature('f10', 'f64', normal(100, 15), -0.6),
  feature('f11', 'f64', uniform(0, 1), 0.2),
  feature('f12', 'f64', lognormal(0, 1), 0.3),
  feature('f13', 'f64', normal(0, 1), 0),
  feature('f14', 'f64', normal(-5, 2), 0),
  feature('f15', 'f64', uniform(0, 1000), 0),
  feature('f16', 'f64', normal(0, 1), -0.8),
  feature('f17', 'f64', normal(0, 0.01), 0.2),
  // Tiny and huge magnitudes, so exponent spellings (`1.2e-7`) and 7-digit integers appear.
  feature('f18', 'f64', normal(0, 1e-7), 0),
  feature('f19', 'f64', normal(1e6, 1e5), 0),
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);
export const LABEL = 'y';

/** Intercept on the standardized scale: about 40% positives. */
const STD_INTERCEPT = -0.5;

/** The true model on raw values: logit = intercept + sum(coefficients[j] * x[j]). */
export const TRUE_MODEL = {
  coefficients: FEATURES.map((f) => f.weight / f.sd),
  intercept: FEATURES.reduce((b, f) => b - (f.weight * f.mean) / f.sd, STD_INTERCEPT),
};

/** Shortest decimal that reads back (as float32) to the float32 nearest x. */
function shortestFloat32(x: number): number {
  const f = Math.fround(x);
  // Binary search on the digit count: if p digits read back to f, so do p + 1 (the finer grid's
  // nearest point is no farther from f), and 9 digits always do.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(f.toPrecision(mid))) === f) hi = mid;
    else lo = mid + 1;
  }
  return Number(f.toPrecision(lo));
}

/**
 * The value a raw draw becomes once written: the double the CSV cell parses to. The Parquet
 * file stores exactly these doubles, so both files hold the same data. For f32 columns that is
 * the double nearest the short decimal (0.1), not the float32 itself (0.100000001490116...):
 * it is what pandas reads back from such a CSV. `+ 0` turns -0 into 0, because the CSV
 * spelling of -0 is `0` and the Parquet value must match it.
 */
export function quantize(spelling: Spelling, raw: number): number {
  switch (spelling) {
    case 'int':
    case 'whole':
      return Math.round(raw) + 0;
    case 'cents':
      return Math.round(raw * 100) / 100 + 0;
    case 'f32':
      return shortestFloat32(raw) + 0;
    case 'f64':
      return raw + 0;
  }
}

/** The CSV cell for a quantized value; `Number(spell(s, v)) === v` for every spelling. */
export function spell(spelling: Spelling, value: number): string {
  return spelling === 'whole' ? `${value}.0` : String(value);
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Fills `x` with one row of quantized features and returns its label, drawn from the truth. */
export function sampleRow(rng: Rng, x: Float64Array): number {
  let logit = TRUE_MODEL.intercept;
  for (let j = 0; j < FEATURES.length; j++) {
    const f = FEATURES[j] as Feature;
    const v = quantize(f.spelling, f.draw(rng));
    x[j] = v;
    logit += (TRUE_MODEL.coefficients[j] as number) * v;
  }
  return rng.next() < sigmoid(logit) ? 1 : 0;
}

/** Seeds of the independent streams: the holdout, the forest's training sample, its splits. */
export const SEEDS = { holdout: 20240601, forestSample: 7, forestSplits: 11 } as const;
