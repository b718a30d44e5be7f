import { describe, expect, it } from 'vitest';
import { stderrProgress } from '../../src/cli/progress.js';

describe('progress lines', () => {
  it('stay quiet for a short stage, then print at most every two seconds', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = stderrProgress(
      (l) => lines.push(l),
      () => now,
    );
    progress.stage('reading holdout big.csv');
    now = 500;
    progress.update(10, 100, 'bytes');
    expect(lines).toEqual([]);
    now = 1500;
    progress.update(200 * 2 ** 20, 400 * 2 ** 20, 'bytes');
    expect(lines).toEqual([
      'model-gate: reading holdout big.csv ...',
      'model-gate: reading holdout big.csv: 50% (200 of 400 MiB)',
    ]);
    now = 2500;
    progress.update(300, 400, 'bytes');
    expect(lines).toHaveLength(2);
    progress.stage('running m.onnx on 1,000,000 rows');
    now = 5000;
    progress.update(250_000, 1_000_000, 'rows');
    expect(lines.at(-1)).toBe(
      'model-gate: running m.onnx on 1,000,000 rows: 25% (250,000 of 1,000,000 rows)',
    );
  });
});
