/**
 * Compensated (Neumaier / Kahan–Babuška) summation.
 *
 * numpy's `np.sum` / `np.mean` (which every scikit-learn metric ends in) use pairwise summation,
 * whose error grows like O(log n)·eps. Neumaier's algorithm carries the rounding error of every
 * addition in a second accumulator, so the result is within ~2 ulp of the exact sum independent
 * of n (1M-row sums stay accurate); the two therefore agree far below the 1e-9 relative tolerance
 * this library is held to.
 *
 *   t = s + x
 *   c += |s| >= |x| ? (s - t) + x : (x - t) + s
 *   s = t                        result = s + c
 */

/** A running compensated sum; `add` is cheap enough to call once per row in hot loops. */
export class NeumaierSum {
  private s = 0;
  private c = 0;

  add(x: number): void {
    const s = this.s;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) {
      this.c += s - t + x;
    } else {
      this.c += x - t + s;
    }
    this.s = t;
  }

  /** The sum; an infinite partial sum is returned as is (the compensation would be NaN). */
  value(): number {
    return Number.isFinite(this.s) ? this.s + this.c : this.s;
  }

  reset(): void {
    this.s = 0;
    this.c = 0;
  }
}

/** Compensated sum of `values[start..end)`. */
export function sum(values: ArrayLike<number>, start = 0, end = values.length): number {
  let s = 0;
  let c = 0;
  for (let i = start; i < end; i++) {
    const x = values[i] as number;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) {
      c += s - t + x;
    } else {
      c += x - t + s;
    }
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
}

/** Compensated mean (numpy `np.mean`); NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}
