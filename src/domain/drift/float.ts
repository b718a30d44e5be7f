/**
 * Floating-point helpers the KS distribution code needs and JavaScript lacks: `ldexp` (x·2^e
 * without overflowing 2^e on the way) and an exact product n·x = hi + lo (Dekker's two-product
 * with Veltkamp's split, since JavaScript has no fused multiply-add).
 */

/** 2^128 and 2^−128: the rescaling steps of SciPy's _ksstats.py (_EP128, _EM128). */
export const EP128 = 2 ** 128;
export const EM128 = 2 ** -128;

/** x · 2^e, like C's ldexp, in steps so that 2^e itself never overflows or underflows. */
export function ldexp(x: number, e: number): number {
  let y = x;
  let k = e;
  while (k > 1000) {
    y *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    y *= 2 ** -1000;
    k += 1000;
  }
  return y * 2 ** k;
}

const SPLITTER = 134217729; // 2^27 + 1

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** a·b = hi + lo exactly (for |a·b| well inside the normal range). */
export function twoProduct(a: number, b: number): { hi: number; lo: number } {
  const hi = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return { hi, lo };
}
