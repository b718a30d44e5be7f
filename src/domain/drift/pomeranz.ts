/**
 * P(D_n ≤ x) by Pomeranz's recursion, J. Pomeranz (1974), "Exact Cumulative Distribution of the
 * Kolmogorov-Smirnov Statistic for Small Samples (Algorithm 487)", CACM 17(12) — a port of scipy
 * 1.10.1's `_kolmogn_Pomeranz` (scipy/stats/_ksstats.py), which SciPy uses for n ≤ 140 and
 * 0.754693 < n·x² ≤ 4:
 *
 *   with t = n·x, ℓ = ⌊t⌋, f = t − ℓ, g = min(f, 1 − f), row i of a (2n+2)-row table is row i − 1
 *   convolved with (a/n)^j / j! for a ∈ {g, 2g, 1 − 2g} (by the parity of i), restricted to a
 *   window [j1, j2]; P(D_n ≤ x) = n! · V[2n+1][n].
 *
 * Rows are rescaled by 2^128 when they underflow, as in SciPy.
 */
import { EM128, EP128, ldexp } from './float.js';

function window(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function powers(ratio: number, count: number): Float64Array {
  const out = new Float64Array(count);
  out[0] = 1;
  for (let m = 1; m < count; m++) out[m] = ((out[m - 1] as number) * ratio) / m;
  return out;
}

export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = powers(g / n, npwrs);
  const twogpower = powers((2 * g) / n, npwrs);
  const onem2gpower = powers((1 - 2 * g) / n, npwrs);

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let exponent = 0;
  let [j1, j2] = window(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = window(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 === 1 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // V1[0 .. j2−j1] = (V0[k1−V0s ..] ∗ pwrs)[j1−k1 ..], the slice of a full convolution.
      const start = k1 - v0s;
      const aLen = Math.min(ln2, npwrs - start);
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let r = 0; r < convLen; r++) {
        const idx = convStart + r;
        let s = 0;
        const lo = Math.max(0, idx - (bLen - 1));
        const hi = Math.min(idx, aLen - 1);
        for (let a = lo; a <= hi; a++) s += (v0[start + a] as number) * (pwrs[idx - a] as number);
        v1[r] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let r = 0; r < npwrs; r++) v1[r] = (v1[r] as number) * EP128;
        exponent -= 128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let ans = v1[n - v1s] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      exponent += 128;
    }
    ans *= m;
  }
  if (exponent !== 0) ans = ldexp(ans, exponent);
  return ans < 0 ? 0 : ans > 1 ? 1 : ans;
}
