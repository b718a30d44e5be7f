/**
 * The report's score histograms and calibration: binary bins are calibration_curve's exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  probabilityDistributions,
  valueDistributions,
} from '../../../src/domain/gate/score-distributions.js';
import { telco } from '../stats/support.js';

// sklearn.calibration.calibration_curve(y, p, n_bins=10, strategy='uniform') on the candidate's
// ONNX probabilities (predictions_candidate_holdout.csv), scikit-learn 1.2.1; counts are
// numpy.bincount(numpy.searchsorted(numpy.linspace(0, 1, 11)[1:-1], p, side='left')).
const SKLEARN = {
  prob_true: [
    0.046153846153846156, 0.18181818181818182, 0.23316062176165803, 0.33, 0.44155844155844154,
    0.6136363636363636, 0.5785123966942148, 0.6826923076923077, 0.825, 0.8333333333333334,
  ],
  prob_pred: [
    0.04259936245235465, 0.14618783755735915, 0.24850809327061313, 0.3491588106751442,
    0.4497720618526657, 0.5457181122266885, 0.6510992616661324, 0.7499946757004812,
    0.8427763998508453, 0.9227416515350342,
  ],
  counts: [845, 275, 193, 200, 154, 132, 121, 104, 80, 6],
};

describe('probabilityDistributions', () => {
  const { y, score } = telco('candidate');
  const { score: baseline } = telco('baseline');
  const d = probabilityDistributions(y, score, baseline);

  it('bins the candidate as calibration_curve does (1e-12 relative)', () => {
    expect(d.edges).toHaveLength(11);
    expect(d.candidate.counts).toEqual(SKLEARN.counts);
    d.candidate.observed.forEach((v, b) => {
      expect(v).toBeCloseTo(SKLEARN.prob_true[b] as number, 12);
    });
    d.candidate.mean_predicted.forEach((v, b) => {
      expect(v).toBeCloseTo(SKLEARN.prob_pred[b] as number, 12);
    });
  });

  it('counts every row of each model once, and marks empty bins null', () => {
    const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
    expect(sum(d.baseline.counts)).toBe(y.length);
    const empty = probabilityDistributions(
      Uint8Array.of(1),
      Float64Array.of(1),
      Float64Array.of(0),
    );
    expect(empty.candidate.counts).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(empty.candidate.observed[0]).toBeNull();
    expect(empty.baseline.counts[0]).toBe(1);
  });
});

describe('valueDistributions', () => {
  it('shares equal-width bins over both models, right-closed, first bin closed', () => {
    const y = Float64Array.of(1, 2, 3, 4);
    const d = valueDistributions(y, Float64Array.of(0, 1, 10, 5), Float64Array.of(0, 0, 0, 0));
    expect(d?.edges[0]).toBe(0);
    expect(d?.edges[10]).toBe(10);
    // 0 → bin 0 (closed), 1 → (0, 1] bin 0, 5 → (4, 5] bin 4, 10 → last bin.
    expect(d?.candidate.counts).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(d?.candidate.observed[0]).toBe(1.5);
    expect(d?.baseline.counts[0]).toBe(4);
  });

  it('is null when a prediction is not finite, and one bin when all agree', () => {
    expect(
      valueDistributions(Float64Array.of(1), Float64Array.of(Number.NaN), Float64Array.of(1)),
    ).toBeNull();
    const flat = valueDistributions(
      Float64Array.of(1, 2),
      Float64Array.of(3, 3),
      Float64Array.of(3, 3),
    );
    expect(flat?.candidate.counts[0]).toBe(2);
  });
});
