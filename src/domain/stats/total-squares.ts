/**
 * SS_tot of r2 per group under row weights w: Σ w(y − ȳ_g)², ȳ_g = Σ w·y / W_g, and exactly 0 when
 * every weighted row of the group has the same y — metrics/regression.ts detects a constant y the
 * same way, so force_finite applies (r2 = 1 if SS_res = 0, else 0).
 *
 * Compensated (point estimates): one row-order pass, Neumaier sums, exact constant check on every
 * row (bit-identical to r2Score with all weights 1).
 * Plain (resamples): one branch-free pass; the exact constant check runs only for a group whose sum
 * is small enough for y to be constant. For a constant y = v, the plain sums give |ȳ − v| <= n·ε·|v|
 * (n terms, ε = 2^-52, to first order), hence SS_tot <= W·(n·ε·|v|)²; a group whose sum exceeds
 * T = W·(2·n·ε·max|y|)² cannot be constant, and only groups at or below T are re-checked.
 */
import { FLOAT64_EPS } from '../metrics/constants.js';
import type { Grouping } from './grouped-sums.js';

/** max|y| over the rows of each global group (computed once per kernel, for the threshold). */
export function groupMaxAbs(y: Float64Array, parts: readonly Grouping[]): Float64Array {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  const out = new Float64Array(total + 1);
  let first = 0;
  for (const { slots, count } of parts) {
    for (let i = 0; i < y.length; i++) {
      const g = slots === null ? first : first + Math.min(slots[i] as number, count);
      out[g] = Math.max(out[g] as number, Math.abs(y[i] as number));
    }
    first += count;
  }
  return out;
}

/**
 * SS_tot per global group. `sums[g·width]` is W_g and `sums[g·width + width − 1]` is Σ w·y
 * (grouped-sums.ts layout); `maxAbs` from groupMaxAbs.
 */
export function totalSquares(
  weights: Uint8Array,
  y: Float64Array,
  parts: readonly Grouping[],
  sums: Float64Array,
  width: number,
  maxAbs: Float64Array,
  compensated: boolean,
): Float64Array {
  const out = new Float64Array(sums.length / width);
  let first = 0;
  for (const { slots, count } of parts) {
    const mean = new Float64Array(count + 1);
    for (let g = 0; g < count; g++) {
      const at = (first + g) * width;
      mean[g] = (sums[at + width - 1] as number) / (sums[at] as number);
    }
    const ss = compensated
      ? exactSquares(weights, y, slots, mean)
      : plainSquares(weights, y, slots, mean);
    for (let g = 0; g < count; g++) {
      let v = ss[g] as number;
      if (!compensated) {
        // T = W·(2·n·ε·max|y|)²: at or below it the group might be constant; check exactly.
        const bound = 2 * weights.length * FLOAT64_EPS * (maxAbs[first + g] as number);
        const W = sums[(first + g) * width] as number;
        if (v <= W * bound * bound && !varies(weights, y, slots, g)) v = 0;
      }
      out[first + g] = v;
    }
    first += count;
  }
  return out;
}

/** Neumaier-compensated squares; 0 for a group whose weighted y is constant. */
function exactSquares(
  weights: Uint8Array,
  y: Float64Array,
  slots: Uint16Array | null,
  mean: Float64Array,
): Float64Array {
  const m = mean.length;
  const firstY = new Float64Array(m).fill(Number.NaN);
  const differs = new Uint8Array(m);
  const s = new Float64Array(m);
  const c = new Float64Array(m);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const g = slots === null ? 0 : (slots[i] as number);
    const yi = y[i] as number;
    if (Number.isNaN(firstY[g] as number)) firstY[g] = yi;
    else if (yi !== firstY[g]) differs[g] = 1;
    const d = yi - (mean[g] as number);
    const x = w * (d * d);
    const sg = s[g] as number;
    const t = sg + x;
    c[g] = (c[g] as number) + (Math.abs(sg) >= Math.abs(x) ? sg - t + x : x - t + sg);
    s[g] = t;
  }
  return s.map((v, g) => (differs[g] === 1 ? v + (c[g] as number) : 0));
}

/** Plain squares, no branch per row (the overall group in a register). */
function plainSquares(
  weights: Uint8Array,
  y: Float64Array,
  slots: Uint16Array | null,
  mean: Float64Array,
): Float64Array {
  const s = new Float64Array(mean.length);
  if (slots === null) {
    const mu = mean[0] as number;
    let total = -0;
    for (let i = 0; i < weights.length; i++) {
      const d = (y[i] as number) - mu;
      total += (weights[i] as number) * (d * d);
    }
    s[0] = total + 0;
    return s;
  }
  for (let i = 0; i < weights.length; i++) {
    const g = slots[i] as number;
    const d = (y[i] as number) - (mean[g] as number);
    s[g] = (s[g] as number) + (weights[i] as number) * (d * d);
  }
  return s;
}

/** True when two weighted rows of group g have different y. */
function varies(weights: Uint8Array, y: Float64Array, slots: Uint16Array | null, g: number) {
  let seen = Number.NaN;
  for (let i = 0; i < y.length; i++) {
    if (weights[i] === 0 || (slots !== null && slots[i] !== g)) continue;
    const yi = y[i] as number;
    if (Number.isNaN(seen)) seen = yi;
    else if (yi !== seen) return true;
  }
  return false;
}
