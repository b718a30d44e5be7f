/** Latency in the PR comment: a 1–2–5 band of the median, so that run-to-run noise keeps the comment. */
import { describe, expect, it } from 'vitest';
import { latencyBand } from '../../../src/domain/render/gate-markdown/card-diff.js';

describe('latencyBand', () => {
  it.each([
    [0.061, '0.05–0.1 ms'],
    [0.089, '0.05–0.1 ms'],
    [1.0, '1–2 ms'],
    [1.9, '1–2 ms'],
    [2, '2–5 ms'],
    [17.3, '10–20 ms'],
    [450, '200–500 ms'],
    [0, 'n/a'],
    [Number.NaN, 'n/a'],
  ])('%f ms → %s', (ms, band) => {
    expect(latencyBand(ms)).toBe(band);
  });
});
