/**
 * What the permutation tests (permutation.ts, category-permutation.ts) share: their generator —
 * xoshiro128** seeded from a 32-bit seed as the bootstrap's resamples are (stats/random.ts), with
 * exactly uniform integers below k (Lemire 2019) — a 32-bit FNV-1a hash to seed it from the data
 * tested, and the sequential Monte Carlo p-value of Besag & Clifford (1991, Biometrika 78:301):
 *
 *   draw permutations until the HITS-th one whose statistic reaches the observed one: p = HITS/L
 *   after L permutations; or, with fewer hits after ⌈5/resolution⌉ of them: p = (1 + hits)/(1 + L)
 *
 * Both are valid p-values (P(p ≤ a) ≤ a under the null). A column that did not move stops after
 * about HITS/p permutations (20 at p = 0.5), while a p-value below `resolution`, the smallest level
 * it may be judged at, rests on at least five permutations' worth of resolution.
 */
import { resampleState, xoshiroStep } from '../stats/random.js';

const TWO32 = 4294967296;

export interface Generator {
  /** Uniform on 0..k−1. */
  below(k: number): number;
  /**
   * A partial Fisher–Yates shuffle: `array[0..count)` becomes a uniform draw without replacement
   * of its entries (the rest holds the others) — exactly the draws of `below(array.length − i)`
   * for i = 0..count−1, with the steps inlined for the permutation tests' hot loops.
   */
  shuffle(array: Int32Array, count: number): void;
}

/** xoshiro128** seeded as stats/random.ts seeds a resample; `below(k)` is uniform on 0..k−1 (Lemire). */
export function generator(seed: number): Generator {
  const s = resampleState(seed, 0);
  return {
    below: (k) => below(s, k),
    shuffle(array: Int32Array, count: number): void {
      const n = array.length;
      for (let i = 0; i < count; i++) {
        const j = i + below(s, n - i);
        const t = array[j] as number;
        array[j] = array[i] as number;
        array[i] = t;
      }
    },
  };
}

/**
 * Lemire's (2019) exactly uniform integer below k from the state `s`: the low word of x·k at or
 * above k is always accepted, so the modulo (the rejection threshold, below k) is computed only in
 * the rare other case.
 */
function below(s: Int32Array, k: number): number {
  let x = xoshiroStep(s);
  let low = Math.imul(x, k) >>> 0;
  if (low < k) {
    const reject = (TWO32 - k) % k;
    while (low < reject) {
      x = xoshiroStep(s);
      low = Math.imul(x, k) >>> 0;
    }
  }
  return Math.floor((x * k) / TWO32);
}

/** FNV-1a over 32-bit words, from `seed`, then the word count: any change of a word moves it. */
export function hashWords(words: Uint32Array | Int32Array, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 16777619) >>> 0;
  return Math.imul(h ^ words.length, 16777619) >>> 0;
}

const HITS = 10;

export interface MonteCarloP {
  readonly p_value: number;
  readonly permutations: number;
}

/** `reaches()` draws one permutation and says whether its statistic reaches the observed one. */
export function sequentialPValue(reaches: () => boolean, resolution: number): MonteCarloP {
  const most = Math.ceil(5 / resolution);
  let hits = 0;
  let done = 0;
  while (done < most) {
    done++;
    if (reaches() && ++hits === HITS) return { p_value: HITS / done, permutations: done };
  }
  return { p_value: (1 + hits) / (1 + done), permutations: done };
}

/**
 * `take` distinct indices of 0..n−1, ascending, seeded (all of them when n <= take): Floyd's
 * algorithm marks them with one draw each, and a scan of the marks lists them in order.
 */
export function sortedSample(n: number, take: number, seed: number): Int32Array {
  if (n <= take) return Int32Array.from({ length: n }, (_, i) => i);
  return markedIndices(n, take, generator(seed));
}

export function markedIndices(n: number, take: number, random: Generator): Int32Array {
  const marked = new Uint8Array(n);
  for (let j = n - take; j < n; j++) {
    const t = random.below(j + 1);
    if (marked[t] === 0) marked[t] = 1;
    else marked[j] = 1;
  }
  const out = new Int32Array(take);
  let k = 0;
  for (let i = 0; i < n; i++) if (marked[i] === 1) out[k++] = i;
  return out;
}
