/**
 * Issue 12: on a large binary holdout the gate sorts each model's scores once (stats/order.ts) and
 * every ranking statistic reads that order — the points' roc_auc and average_precision, the
 * average_precision gradients, DeLong overall and on each slice. The comparison is then exactly,
 * bit for bit, the one each statistic gives sorting for itself. Data: the real Telco scores,
 * repeated with a deterministic jitter to 21,100 rows (the influence route), coarsened so that
 * ties are many, sliced by Contract with rows in no slice.
 */
import { describe, expect, it } from 'vitest';
import {
  compareModels,
  comparisonKernel,
  type NamedSlicing,
} from '../../../src/domain/gate/compare.js';
import type { ScoredRows } from '../../../src/domain/scoring.js';
import { asymptoticComparison, pairOrders } from '../../../src/domain/stats/index.js';
import { rng } from '../../support/reference.js';
import { telco, telcoSlicing } from '../stats/support.js';

const TIMES = 10;

function repeated(score: Float64Array, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(score.length * TIMES);
  for (let i = 0; i < out.length; i++) {
    const s = (score[i % score.length] as number) + (i < score.length ? 0 : (r() - 0.5) * 0.02);
    out[i] = Math.round(Math.min(1, Math.max(0, s)) * 500) / 500;
  }
  return out;
}

describe('one sort per model serves every ranking statistic', () => {
  const c = telco('candidate');
  const b = telco('baseline');
  const y = Uint8Array.from(
    { length: c.y.length * TIMES },
    (_, i) => c.y[i % c.y.length] as number,
  );
  const candidate: ScoredRows = {
    kind: 'binary',
    y,
    score: repeated(c.score, 1),
    threshold: 0.5,
    column: 1,
  };
  const baseline: ScoredRows = {
    kind: 'binary',
    y,
    score: repeated(b.score, 2),
    threshold: 0.5,
    column: 1,
  };
  const contract = telcoSlicing('Contract');
  const index = Int32Array.from({ length: y.length }, (_, i) =>
    i % 97 === 0 ? -1 : (contract.ids[i % contract.ids.length] as number),
  );
  const slicing: NamedSlicing = {
    name: 'Contract',
    column: 'Contract',
    groups: contract.groups,
    index,
    sizes: contract.groups.map((_, g) => index.filter((x) => x === g).length),
    unassigned: index.filter((x) => x < 0).length,
  };

  it('gives the comparison of statistics that sort for themselves, bit for bit', () => {
    const spec = comparisonKernel(candidate, baseline, [slicing]);
    const options = { confidence: 0.95, minSliceSize: 30 };
    const own = compareModels(
      candidate,
      baseline,
      [slicing],
      options,
      asymptoticComparison(spec, 3),
    );
    const orders = pairOrders(candidate.score, baseline.score);
    const shared = compareModels(
      candidate,
      baseline,
      [slicing],
      options,
      asymptoticComparison(spec, 3, orders),
      orders,
    );
    expect(own.bootstrap.resamples).toBe(0);
    expect(shared.slices[0]?.groups).toHaveLength(3);
    expect(shared).toEqual(own);
    // And the shared orders reached DeLong on every slice: a wrong order moves its numbers.
    const wrong = { candidate: orders.baseline, baseline: orders.candidate };
    const moved = compareModels(
      candidate,
      baseline,
      [slicing],
      options,
      asymptoticComparison(spec, 3),
      wrong,
    );
    expect(moved.slices[0]?.groups[0]?.metrics.roc_auc).not.toEqual(
      own.slices[0]?.groups[0]?.metrics.roc_auc,
    );
    // ... and the points and the average_precision gradients.
    const ap = (r: ReturnType<typeof asymptoticComparison>) =>
      r.groups[1]?.metrics.average_precision;
    const swapped = asymptoticComparison(spec, 3, wrong);
    expect(ap(swapped)?.candidate).not.toBe(ap(asymptoticComparison(spec, 3))?.candidate);
    expect(ap(swapped)?.influence).not.toEqual(ap(asymptoticComparison(spec, 3))?.influence);
  });
});
