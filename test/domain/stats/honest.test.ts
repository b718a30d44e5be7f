/**
 * Honesty of the paired bootstrap (a requirement of the issue): when the candidate is no worse than
 * the baseline, the gate must rarely say FAIL.
 *
 * 200 seeded datasets, each a bootstrap sample of 2000 rows of the real Telco holdout
 * (predictions_candidate_holdout.csv: y_true, onnx_proba_1). On each, a 200-resample paired
 * bootstrap gives the 95% two-sided percentile interval of the roc_auc delta, and the rule
 * "roc_auc, vs_baseline max_drop 0.01" says FAIL when the whole interval lies below −0.01.
 *
 * 1. Identical models (baseline = candidate): every resampled delta is 0, so FAIL must never happen.
 * 2. Exchangeable models: candidate = p + e1, baseline = p + e2 with e1, e2 independent N(0, 0.05²)
 *    (clipped to [0, 1]); by symmetry the true delta is exactly 0 — the margin-free null. (Noise on
 *    the baseline alone would make the candidate strictly better and the check vacuous.) The rate of
 *    "interval entirely below 0" must stay within its nominal level: <= 0.05 + 3·√(0.05·0.95/200)
 *    = 0.0962 (a 3-sigma binomial tolerance on 200 datasets; a calibrated two-sided 95% interval
 *    gives ~2.5%). DeLong's 95% interval for the delta is held to the same bound.
 */
import { describe, expect, it } from 'vitest';
import {
  binaryKernel,
  delongTest,
  pairedBootstrap,
  percentileInterval,
} from '../../../src/domain/stats/index.js';
import { rng } from '../../support/reference.js';
import { telco } from './support.js';

const DATASETS = 200;
const ROWS = 2000;
const RESAMPLES = 200;
const MAX_DROP = 0.01;
const TOLERANCE = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / DATASETS);

const holdout = telco('candidate');

/** Dataset d: ROWS rows drawn with replacement from the holdout (seeded by d). */
function dataset(d: number): { y: Uint8Array; p: Float64Array; random: () => number } {
  const random = rng(1000 + d);
  const y = new Uint8Array(ROWS);
  const p = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const row = Math.floor(random() * holdout.y.length);
    y[i] = holdout.y[row] as number;
    p[i] = holdout.score[row] as number;
  }
  return { y, p, random };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function aucDeltaInterval(
  y: Uint8Array,
  candidate: Float64Array,
  baseline: Float64Array,
  d: number,
) {
  const kernel = binaryKernel({ y, candidate, baseline, threshold: 0.5 });
  const result = pairedBootstrap(kernel, { resamples: RESAMPLES, seed: d });
  const auc = result.groups[0]?.metrics.roc_auc;
  if (auc === undefined) throw new Error('no roc_auc');
  return percentileInterval(auc.samples.delta, 0.95);
}

describe(`non-inferiority "roc_auc max_drop ${MAX_DROP}" on ${DATASETS} Telco samples`, () => {
  it('identical models: never FAIL (every interval is [0, 0])', () => {
    let fails = 0;
    for (let d = 0; d < DATASETS; d++) {
      const { y, p } = dataset(d);
      const ci = aucDeltaInterval(y, p, p, d);
      expect([ci.lower, ci.upper]).toEqual([0, 0]);
      if (ci.upper < -MAX_DROP) fails++;
    }
    expect(fails / DATASETS).toBeLessThanOrEqual(0.05);
    expect(fails).toBe(0);
  });

  it(`exchangeable noisy models (true delta 0): "CI below 0" rate <= ${TOLERANCE.toFixed(4)}`, () => {
    let below = 0;
    let above = 0;
    let fails = 0;
    let delongBelow = 0;
    for (let d = 0; d < DATASETS; d++) {
      const { y, p, random } = dataset(d);
      const noisy = () =>
        Float64Array.from(p, (v) => Math.min(1, Math.max(0, v + 0.05 * gaussian(random))));
      const candidate = noisy();
      const baseline = noisy();
      const ci = aucDeltaInterval(y, candidate, baseline, d);
      if (ci.upper < 0) below++;
      if (ci.lower > 0) above++;
      if (ci.upper < -MAX_DROP) fails++;
      if (delongTest(y, candidate, baseline).upper < 0) delongBelow++;
    }
    expect(below / DATASETS).toBeLessThanOrEqual(TOLERANCE);
    expect(above / DATASETS).toBeLessThanOrEqual(TOLERANCE);
    expect(fails / DATASETS).toBeLessThanOrEqual(0.05);
    expect(delongBelow / DATASETS).toBeLessThanOrEqual(TOLERANCE);
  });
});
