/**
 * The bootstrap is a function of (data, seed): the same seed gives the same numbers, and any split
 * of the resamples into shards merges into exactly the single run (each resample owns its
 * generator: xoshiro128** seeded by SplitMix64(seed·2^32 + b), random.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  binaryKernel,
  bootstrapShard,
  drawResampleCounts,
  mergeShards,
  type PairedBootstrap,
  pairedBootstrap,
  regressionKernel,
  summarizeBootstrap,
} from '../../../src/domain/stats/index.js';
import { resampleState } from '../../../src/domain/stats/random.js';
import { telco, telcoSlicing } from './support.js';

const { y, score: candidate } = telco('candidate');
const { score: baseline } = telco('baseline');
const kernel = binaryKernel({
  y,
  candidate,
  baseline,
  threshold: 0.5,
  slicings: [telcoSlicing('Contract'), telcoSlicing('PaymentMethod')],
});

function samplesOf(r: PairedBootstrap): Float64Array[] {
  return r.groups.flatMap((g) =>
    Object.values(g.metrics).flatMap((m) => [
      m.samples.candidate,
      m.samples.baseline,
      m.samples.delta,
    ]),
  );
}

describe('paired bootstrap on the Telco holdout (2110 rows, 2 slicings, 8 metrics)', () => {
  const single = pairedBootstrap(kernel, { resamples: 1000, seed: 42 });

  it('same seed ⇒ same numbers', () => {
    const again = pairedBootstrap(kernel, { resamples: 1000, seed: 42 });
    expect(samplesOf(again)).toEqual(samplesOf(single));
  });

  it('0..1000 in 3 uneven shards, merged in any order ⇒ identical to one run', () => {
    const shards = [
      bootstrapShard(kernel, 42, 620, 1000),
      bootstrapShard(kernel, 42, 0, 137),
      bootstrapShard(kernel, 42, 137, 620),
    ];
    const merged = summarizeBootstrap(kernel, mergeShards(shards), 42);
    expect(samplesOf(merged)).toEqual(samplesOf(single));
    expect(merged.groups.map((g) => g.metrics)).toEqual(single.groups.map((g) => g.metrics));
  });

  it('a shard of a run equals the same resamples of a longer run', () => {
    const part = bootstrapShard(kernel, 42, 300, 310);
    const whole = bootstrapShard(kernel, 42, 0, 1000);
    expect(part.values).toEqual(whole.values.subarray(300 * whole.width, 310 * whole.width));
  });

  it('another seed ⇒ other resamples', () => {
    const other = pairedBootstrap(kernel, { resamples: 50, seed: 43 });
    const auc = (r: PairedBootstrap) => r.groups[0]?.metrics.roc_auc?.samples.delta.slice(0, 50);
    expect(auc(other)).not.toEqual(auc(single));
  });

  it('names the groups: all first, then each slicing in order; point estimates are the deltas', () => {
    expect(single.groups.map((g) => [g.slicing, g.group]).slice(0, 4)).toEqual([
      [null, 'all'],
      ['Contract', 'Month-to-month'],
      ['Contract', 'One year'],
      ['Contract', 'Two year'],
    ]);
    const all = single.groups[0]?.metrics;
    expect(all?.log_loss?.higherIsBetter).toBe(false);
    expect(all?.log_loss?.delta).toBe(
      (all?.log_loss?.baseline ?? 0) - (all?.log_loss?.candidate ?? 0),
    );
    expect(all?.roc_auc?.delta).toBe(
      (all?.roc_auc?.candidate ?? 0) - (all?.roc_auc?.baseline ?? 0),
    );
    expect(all?.roc_auc?.undefinedResamples).toBe(0);
  });

  it('mergeShards refuses gaps, overlaps and other kernels', () => {
    const a = bootstrapShard(kernel, 1, 0, 5);
    const b = bootstrapShard(kernel, 1, 6, 9);
    expect(() => mergeShards([a, b])).toThrow(/gap or overlap at resample 5/);
    expect(() => mergeShards([a, bootstrapShard(kernel, 1, 4, 9)])).toThrow(/gap or overlap/);
    const other = regressionKernel({ y: candidate, candidate, baseline });
    expect(() => mergeShards([a, bootstrapShard(other, 1, 5, 6)])).toThrow(/different kernels/);
    expect(() => summarizeBootstrap(kernel, b, 1)).toThrow(/start at resample 0/);
  });
});

describe('resample weights (drawResampleCounts)', () => {
  it('are n draws: counts sum to n, reproducible per (seed, b), different across b', () => {
    const n = 1000;
    const a = new Uint8Array(n);
    const b = new Uint8Array(n);
    drawResampleCounts(a, 9, 3);
    drawResampleCounts(b, 9, 3);
    expect(a).toEqual(b);
    expect(a.reduce((s, v) => s + v, 0)).toBe(n);
    drawResampleCounts(b, 9, 4);
    expect(b).not.toEqual(a);
  });

  it('give every row the same chance: mean count over 2000 resamples of 50 rows within 6 sd of 1', () => {
    const n = 50;
    const B = 2000;
    const total = new Float64Array(n);
    const w = new Uint8Array(n);
    for (let b = 0; b < B; b++) {
      drawResampleCounts(w, 77, b);
      w.forEach((v, i) => {
        total[i] = (total[i] as number) + v;
      });
    }
    // Each row's total count ~ Binomial(n·B, 1/n): mean B, sd √(B(1 − 1/n)).
    const sd = Math.sqrt(B * (1 - 1 / n));
    for (const t of total) expect(Math.abs(t - B)).toBeLessThan(6 * sd);
  });

  it('the zero-overlap fraction is near (1 − 1/n)^n ≈ e^-1 (a classic-bootstrap signature)', () => {
    const n = 100_000;
    const w = new Uint8Array(n);
    drawResampleCounts(w, 1, 0);
    const zeros = w.reduce((s, v) => s + (v === 0 ? 1 : 0), 0) / n;
    expect(Math.abs(zeros - Math.exp(-1))).toBeLessThan(0.005);
  });

  it('use exact 16-bit limbs above 2^21 rows', () => {
    const n = 2 ** 21 + 3;
    const w = new Uint8Array(n);
    drawResampleCounts(w, 3, 1);
    let sum = 0;
    let moment = 0;
    w.forEach((v, i) => {
      sum += v;
      moment += v * i;
    });
    expect(sum).toBe(n);
    // Mean drawn index ≈ (n − 1)/2; its sd is ~n/√(12n).
    expect(Math.abs(moment / n - (n - 1) / 2)).toBeLessThan(6 * (n / Math.sqrt(12 * n)));
  });

  it('seed and resample index are 32-bit unsigned integers', () => {
    expect(() => resampleState(-1, 0)).toThrow(RangeError);
    expect(() => resampleState(2 ** 32, 0)).toThrow(RangeError);
    expect(() => resampleState(1.5, 0)).toThrow(RangeError);
    expect(resampleState(2 ** 32 - 1, 2 ** 32 - 1).some((v) => v !== 0)).toBe(true);
  });
});
