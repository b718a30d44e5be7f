/**
 * The resampling weights of the classic (multinomial) bootstrap, one seeded generator per resample.
 *
 * Resample b of a run with seed s draws n row indices uniformly with replacement; its weight vector
 * is counts[i] = #{draws equal to i} ~ Multinomial(n; 1/n, …, 1/n) (Efron's bootstrap, NOT the
 * Poisson approximation). Resample b owns its generator, so resamples can be computed in any
 * order, on any thread, and give the same numbers:
 *   state = xoshiro128** (Blackman & Vigna 2018) seeded with the first two outputs of SplitMix64
 *           (Steele, Lea & Flood 2014) started at s·2^32 + b;
 *   index = ⌊x·n / 2^32⌋ for a 32-bit output x, rejecting x when (x·n mod 2^32) < (2^32 − n) mod n
 *           (Lemire 2019, "Fast random integer generation in an interval"): exactly uniform.
 * x·n mod 2^32 is Math.imul's low word; ⌊x·n / 2^32⌋ is formed exactly (x·n fits a double while
 * n <= 2^21; larger n splits x in 16-bit halves).
 * Counts are bytes. A count cannot wrap: a row is drawn at most n times, and for n >= 256 the
 * chance that any row is drawn 256 times is below n·C(n, 256)/n^256 < n/256! < 10^-500.
 */

const MASK64 = (1n << 64n) - 1n;
const TWO32 = 4294967296;
/** Above this n, x·n (x < 2^32) may not be exact in a double. */
const EXACT_PRODUCT_LIMIT = 2 ** 21;

function splitMix64(state: bigint): { state: bigint; output: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { state: next, output: z ^ (z >> 31n) };
}

/** The four 32-bit words of resample b's xoshiro128** state (never all zero). */
export function resampleState(seed: number, resample: number): Int32Array {
  checkUint32('seed', seed);
  checkUint32('resample index', resample);
  const first = splitMix64((BigInt(seed) << 32n) | BigInt(resample));
  const second = splitMix64(first.state);
  const words = Int32Array.of(
    Number(BigInt.asIntN(32, first.output)),
    Number(BigInt.asIntN(32, first.output >> 32n)),
    Number(BigInt.asIntN(32, second.output)),
    Number(BigInt.asIntN(32, second.output >> 32n)),
  );
  if (words.every((w) => w === 0)) words[0] = 1;
  return words;
}

function checkUint32(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= TWO32) {
    throw new RangeError(`${what} must be an integer in [0, 2^32), got ${v}`);
  }
}

/**
 * One xoshiro128** step over the state `s` (4 words, updated; resampleState seeds it): the next
 * 32-bit output — the drift tests' generator (drift/seeded.ts); the resample draws below inline
 * the same steps, as their hot loops must. The state lives in a typed array: as closure
 * variables, words beyond ±2^30 were boxed on every step (~25 ns a draw instead of a few).
 */
export function xoshiroStep(s: Int32Array): number {
  const s0 = s[0] as number;
  const s1 = s[1] as number;
  const m5 = Math.imul(s1, 5);
  const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
  const s2 = (s[2] as number) ^ s0;
  const s3 = (s[3] as number) ^ s1;
  s[0] = s0 ^ s3;
  s[1] = s1 ^ s2;
  s[2] = s2 ^ (s1 << 9);
  s[3] = (s3 << 11) | (s3 >>> 21);
  return x;
}

/**
 * Fills `counts` (length n) with the row weights of resample `resample` of run `seed`:
 * n uniform draws with replacement, counts[i] = times row i was drawn.
 */
export function drawResampleCounts(counts: Uint8Array, seed: number, resample: number): void {
  const state = resampleState(seed, resample);
  counts.fill(0);
  if (counts.length === 0) return;
  if (counts.length <= EXACT_PRODUCT_LIMIT) drawSmall(counts, state);
  else drawLarge(counts, state);
}

/** n <= 2^21: x·n < 2^53 is exact. The generator is inlined (this loop is the hot path). */
function drawSmall(counts: Uint8Array, state: Int32Array): void {
  const n = counts.length;
  const reject = (TWO32 - n) % n;
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  for (let d = 0; d < n; d++) {
    const m5 = Math.imul(s1, 5);
    const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // x·n mod 2^32 is Math.imul's low word; rejecting it below `reject` makes the index uniform.
    if (Math.imul(x, n) >>> 0 < reject) {
      d--;
      continue;
    }
    const index = Math.floor((x * n) / TWO32);
    counts[index] = (counts[index] as number) + 1;
  }
}

/** n > 2^21: x·n = 2^16·(xh·n) + xl·n, carried in 16-bit limbs so the index is exact. */
function drawLarge(counts: Uint8Array, state: Int32Array): void {
  const n = counts.length;
  const reject = (TWO32 - n) % n;
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  for (let d = 0; d < n; d++) {
    const m5 = Math.imul(s1, 5);
    const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    if (Math.imul(x, n) >>> 0 < reject) {
      d--;
      continue;
    }
    const mid = (x >>> 16) * n + Math.floor(((x & 0xffff) * n) / 65536);
    const index = Math.floor(mid / 65536);
    counts[index] = (counts[index] as number) + 1;
  }
}
