/** Aligned text columns for the CLI: a wide value never runs into its neighbour. */
import { describe, expect, it } from 'vitest';
import { formatMetric, textTable } from '../../../src/domain/render/format.js';

describe('textTable', () => {
  it('sizes each column to its widest cell, billions included', () => {
    const lines = textTable([
      ['metric', 'baseline', 'candidate'],
      ['mse', formatMetric(4_614_163_832.2), formatMetric(2_073_304_559)],
      ['r2', formatMetric(0.6539), formatMetric(0.8445)],
    ]);
    expect(lines).toEqual([
      'metric  baseline         candidate',
      'mse     4,614,163,832.2  2,073,304,559.0',
      'r2      0.6539           0.8445',
    ]);
  });
});
