/** The calibration chart keeps every bin either model has rows in: none is hidden. */
import { describe, expect, it } from 'vitest';
import { calibrationChart } from '../../../src/domain/render/gate-markdown/charts.js';

const bins = (counts: number[], observed: (number | null)[], predicted: (number | null)[]) => ({
  counts,
  observed,
  mean_predicted: predicted,
});

describe('calibrationChart', () => {
  it('charts the bins both models share and lists the ones only one model scores into', () => {
    const md = calibrationChart({
      score: 'probability',
      edges: [0, 0.5, 0.9, 1],
      candidate: bins([500, 300, 147], [0.1, 0.6, 0.62], [0.2, 0.7, 0.95]),
      baseline: bins([600, 347, 0], [0.12, 0.58, null], [0.22, 0.66, null]),
    });
    expect(md).not.toBeNull();
    // Two shared bins on the x axis, the third listed with its rows.
    expect(md).toMatch(/x-axis "score bin" \[[^\]]*,[^\],]*\]/);
    expect(md).toMatch(/only the candidate, 147 rows, observed 0\.6200 vs mean predicted 0\.9500/);
  });

  it('with no shared bin, still says what each model has', () => {
    const md = calibrationChart({
      score: 'probability',
      edges: [0, 0.5, 1],
      candidate: bins([10, 0], [0.1, null], [0.2, null]),
      baseline: bins([0, 10], [null, 0.9], [null, 0.8]),
    });
    expect(md).toMatch(/only the candidate, 10 rows/);
    expect(md).toMatch(/only the baseline, 10 rows/);
    expect(md).not.toMatch(/xychart/);
  });
});
