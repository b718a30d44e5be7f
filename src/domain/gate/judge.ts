/**
 * Turning an estimate and its uncertainty into an outcome. A requirement "θ ≥ bound" PASSes when
 * the whole confidence interval clears the bound, FAILs when the whole interval misses it, and
 * is INCONCLUSIVE when the interval straddles it: a candidate that wins by noise does not pass,
 * and one that loses by noise does not fail. The point-estimate outcome is reported beside it.
 *
 * Slices: a slice FAILs only when its Holm-adjusted one-sided p-value is at most α/2, which
 * keeps the chance of failing a good model by chance across many slices at α/2; it PASSes when
 * its own interval clears the bound (requiring every slice to pass is an intersection–union
 * test, which needs no correction).
 */
export type Outcome = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Outcome of "θ ≥ bound" (side 'min') or "θ ≤ bound" (side 'max') from an interval. */
export function judgeInterval(ci: Interval, bound: number, side: 'min' | 'max'): Outcome {
  if (Number.isNaN(ci.lower) || Number.isNaN(ci.upper)) return 'INCONCLUSIVE';
  if (side === 'min') {
    if (ci.lower >= bound) return 'PASS';
    if (ci.upper < bound) return 'FAIL';
    return 'INCONCLUSIVE';
  }
  if (ci.upper <= bound) return 'PASS';
  if (ci.lower > bound) return 'FAIL';
  return 'INCONCLUSIVE';
}

export function judgePoint(value: number, bound: number, side: 'min' | 'max'): 'PASS' | 'FAIL' {
  return side === 'min' ? (value >= bound ? 'PASS' : 'FAIL') : value <= bound ? 'PASS' : 'FAIL';
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): for flip rates, where the
 * normal interval misbehaves near 0.
 */
export function wilsonInterval(successes: number, n: number, confidence: number): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Standard normal quantile, Acklam's rational approximation refined by one Halley step
 * (relative error below 1e-15 over (0, 1)).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // One Halley step against the exact CDF, 0.5·erfc(−x/√2).
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7, then refined by the Halley step above). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
