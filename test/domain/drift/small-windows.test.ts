/**
 * Issue 11, statistics 5: drift on small windows. `auto` needs an effect size that matters and a
 * test that accounts for both sizes, so:
 * - windows of 50–500 rows drawn from the reference itself (the fixtures' real Telco reference,
 *   4,922 rows, 19 columns; California's, 14,303 rows, 9 columns) flag a column at most 5% of the time, and the dataset never (before:
 *   73–79% of columns and the dataset, every time, at 100 rows);
 * - a +0.1 sd shift of a normal column on 200k rows is still found;
 * - a balanced category that moves 5 points is found, as a 0.1 sd numeric shift is (before: it
 *   needed 10–15 points).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnDrift, type DriftSample, detectDrift } from '../../../src/domain/drift/index.js';
import { HOUSING, readSimpleCsv, TELCO } from '../../support/fixtures.js';
import { rng } from '../../support/reference.js';

/** A fixture's reference, its feature columns read as the CSV reader would type them. */
function dataset(dir: string, label: string) {
  const { header, rows } = readSimpleCsv(join(dir, 'reference.csv'));
  const columns = header
    .filter((h) => h !== label)
    .map((name) => {
      const at = header.indexOf(name);
      const cells = rows.map((r) => r[at] as string);
      if (cells.every((c) => c !== '' && Number.isFinite(Number(c)))) {
        return { name, values: Float64Array.from(cells, Number) };
      }
      const levels = [...new Set(cells)].sort();
      return { name, levels, codes: Int32Array.from(cells, (c) => levels.indexOf(c)) };
    });
  const take = (picks: Int32Array) =>
    columns.map(({ name, ...c }) => {
      const all: DriftSample =
        'values' in c
          ? { kind: 'number', values: c.values as Float64Array }
          : { kind: 'category', levels: c.levels, codes: c.codes as Int32Array };
      const current: DriftSample =
        all.kind === 'number'
          ? { kind: 'number', values: Float64Array.from(picks, (i) => all.values[i] as number) }
          : { ...all, codes: Int32Array.from(picks, (i) => all.codes[i] as number) };
      return { name, reference: all, current };
    });
  return { rows: rows.length, take };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe.each([
  ['Telco', TELCO, 'Churn'],
  ['California', HOUSING, 'median_house_value'],
])('same-distribution windows of the %s reference', (_, dir, label) => {
  const data = dataset(dir, label);
  it.each([50, 100, 200, 500])(
    '%i rows: ≤ 5 per cent of columns flagged, never the dataset',
    (n) => {
      const random = rng(n);
      const WINDOWS = 40;
      let flagged = 0;
      let tested = 0;
      let datasets = 0;
      for (let w = 0; w < WINDOWS; w++) {
        const picks = Int32Array.from({ length: n }, () => Math.floor(random() * data.rows));
        const report = detectDrift(data.take(picks));
        for (const c of Object.values(report.columns)) {
          tested++;
          if (c.drifted) flagged++;
        }
        if (report.dataset.drifted) datasets++;
      }
      expect(flagged / tested).toBeLessThanOrEqual(0.05);
      expect(datasets).toBe(0);
    },
  );
});

describe('sensitivity on large samples', () => {
  it('+0.1 sd of a normal column on 200k rows is found', () => {
    const random = rng(3);
    const n = 200_000;
    const reference = Float64Array.from({ length: n }, () => gaussian(random));
    const shifted = Float64Array.from({ length: n }, () => gaussian(random) + 0.1);
    const same = Float64Array.from({ length: n }, () => gaussian(random));
    const drift = (current: Float64Array) =>
      columnDrift('x', { kind: 'number', values: reference }, { kind: 'number', values: current });
    const found = drift(shifted);
    expect(found.drifted).toBe(true);
    expect(found.value).toBeGreaterThanOrEqual(0.1);
    // On subsamples of 20,000 a side, no permutation reached the observed W1: p = 1/(1 + ⌈5/0.05⌉).
    expect(found.test).toMatchObject({
      method: 'w1_permutation',
      permutations: 100,
      p_value: 1 / 101,
    });
    expect(drift(same).drifted).toBe(false);
  });

  it('a balanced category moving 5 points drifts; 3 points does not (200k rows)', () => {
    const n = 200_000;
    const category = (share: number): DriftSample => ({
      kind: 'category',
      levels: ['a', 'b'],
      codes: Int32Array.from({ length: n }, (_, i) => (i < share * n ? 0 : 1)),
    });
    const reference = category(0.5);
    const moved5 = columnDrift('c', reference, category(0.55));
    expect(moved5.drifted).toBe(true);
    const moved3 = columnDrift('c', reference, category(0.53));
    expect(moved3.test?.p_value).toBeLessThan(1e-10); // real, but below what matters:
    expect(moved3.drifted).toBe(false);
    // scipy.spatial.distance.jensenshannon([.5, .5], [.53, .47], base=2) = 0.025493 < 0.035;
    // 4 points (Cohen's h 0.08, as 0.08 sd is W1/MAD 0.1) give 0.034005.
    expect(moved3.value).toBeCloseTo(0.025493, 5);
    expect(columnDrift('c', reference, category(0.54)).value).toBeCloseTo(0.034005, 5);
  });
});
