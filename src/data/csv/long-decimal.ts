/**
 * Correct rounding of a 16–19 digit decimal, w·10^s with w = a·10^t + b (a < 10^15, t ≤ 4),
 * without strings or BigInt. W is formed exactly as a double-double with Dekker's error-free
 * product and Knuth's two-sum; one more error-free product against the exact power of ten
 * (|s| ≤ 22) gives X = W·10^s, or the exact remainder of W / 10^-s, to about 2^-100 relative.
 * The final addition rounds correctly unless its rounding error lies within 2^-30 ulp of half
 * an ulp (a near tie): then NaN is returned and the caller asks `Number()`, which is exact.
 * Results stay far inside the normal range (1e-41 < X < 1e42), so ulp is 2^(exponent-52).
 */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);
const SPLITTER = 134217729; // 2^27 + 1

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Half the spacing of doubles at |x|, for x normal and above 2^-960: 2^(exponent-53). */
function halfUlp(x: number): number {
  f64[0] = x;
  const exponent = ((u32[HIGH] as number) >>> 20) & 0x7ff;
  u32[HIGH] = (exponent - 53) << 20;
  u32[1 - HIGH] = 0;
  return f64[0] as number;
}

let productError = 0;
/** a·b rounded; the exact error is left in `productError` (Dekker). */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productError = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

export function longDecimal(a: number, b: number, t: number, scale: number): number {
  const e = scale;
  if (e > 22 || e < -22) return Number.NaN;
  // W = a·10^t + b as hi + lo, exactly (to 2^-106).
  const p = twoProduct(a, POW10[t] as number);
  const pe = productError;
  const hi = p + b;
  const bv = hi - p;
  const lo = p - (hi - bv) + (b - bv) + pe;
  let q: number;
  let c: number;
  if (e >= 0) {
    const d = POW10[e] as number;
    q = twoProduct(hi, d);
    c = productError + lo * d;
  } else {
    const d = POW10[-e] as number;
    q = hi / d;
    const m = twoProduct(q, d);
    c = (hi - m - productError + lo) / d;
  }
  const result = q + c;
  const error = c - (result - q);
  const half = halfUlp(result);
  const margin = Math.abs(Math.abs(error) - half);
  if (margin < half * 2 ** -29) return Number.NaN;
  return result;
}
