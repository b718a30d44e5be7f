/**
 * The closed-form statistics against fixtures/reference/stats/cases.json, written by
 * scripts/reference/stats_reference.py (Debian's /usr/bin/python3: numpy, SciPy 1.10.1):
 *   DeLong     fast DeLong in numpy (Sun & Xu 2014), checked there against an O(n²) Mann–Whitney
 *              kernel and sklearn roc_auc_score; p from scipy.stats.norm.sf
 *   McNemar    statsmodels' exact formula, checked there against scipy.stats.binomtest
 *   Holm       statsmodels multipletests(method='holm'), re-implemented in numpy
 *   percentile numpy.percentile (linear)
 *   normal     scipy.special.ndtr / ndtri, scipy.stats.norm.sf
 *   binomial   scipy.stats.binom.logpmf / cdf with p = 0.5
 * Tolerance 1e-9 relative (1e-12 absolute near zero) unless a case says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { binomialCdfHalf, logBinomialPmfHalf } from '../../../src/domain/stats/binomial.js';
import {
  type DelongAuc,
  delongAuc,
  delongTest,
  discordantPairs,
  holm,
  mcnemarExact,
  normalCdf,
  normalQuantile,
  normalSf,
  percentileInterval,
  predictAt,
} from '../../../src/domain/stats/index.js';
import { expectClose, readCsvColumns, readJson, toLabels } from '../../support/reference.js';

type Value = number | null;

interface Source {
  candidate: string;
  baseline: string;
  y: string;
  score: string;
  rows?: [number, number];
  threshold?: number;
}

interface AucExpected {
  auc: Value;
  variance: Value;
  lower: Value;
  upper: Value;
}

interface DelongCase {
  name: string;
  confidence: number;
  positives: number;
  negatives: number;
  expected: {
    candidate: AucExpected;
    baseline: AucExpected;
    delta: Value;
    variance: Value;
    z: Value;
    p_value: Value;
    lower: Value;
    upper: Value;
  };
  source?: Source;
  y?: number[];
  candidate?: number[];
  baseline?: number[];
}

interface Cases {
  versions: Record<string, string>;
  delong: DelongCase[];
  mcnemar: { name: string; b: number; c: number; p_value: Value; source?: Source }[];
  holm: { p: number[]; adjusted: number[] }[];
  percentile: { name: string; x: number[]; intervals: Record<string, [number, number]> }[];
  normal: { cdf: [number, number][]; sf: [number, number][]; quantile: [number, number][] };
  binomial: { k: number; n: number; log_pmf: Value; cdf: Value }[];
}

const cases = readJson('fixtures/reference/stats/cases.json') as Cases;

/** Labels and both score columns of a case, from its CSVs or inline. */
function pairOf(c: { source?: Source; y?: number[]; candidate?: number[]; baseline?: number[] }) {
  if (c.source === undefined) {
    return {
      y: Uint8Array.from(c.y ?? []),
      candidate: Float64Array.from(c.candidate ?? []),
      baseline: Float64Array.from(c.baseline ?? []),
    };
  }
  const { source } = c;
  const [y, candidate] = readCsvColumns(source.candidate, [source.y, source.score]) as [
    Float64Array,
    Float64Array,
  ];
  const [baseline] = readCsvColumns(source.baseline, [source.score]) as [Float64Array];
  const [from, to] = source.rows ?? [0, y.length];
  return {
    y: toLabels(y.subarray(from, to)),
    candidate: candidate.subarray(from, to),
    baseline: baseline.subarray(from, to),
  };
}

function expectAuc(actual: DelongAuc, expected: AucExpected, what: string): void {
  expectClose(actual.auc, expected.auc, `${what} auc`);
  expectClose(actual.variance, expected.variance, `${what} variance`);
  expectClose(actual.lower, expected.lower, `${what} lower`);
  expectClose(actual.upper, expected.upper, `${what} upper`);
}

it('was generated with SciPy 1.10.1', () => {
  expect(cases.versions.scipy).toBe('1.10.1');
});

describe.each(cases.delong)('DeLong: $name', (c) => {
  const { y, candidate, baseline } = pairOf(c);

  it('delongTest = fast DeLong (numpy), p = 2·norm.sf(|z|)', () => {
    const r = delongTest(y, candidate, baseline, c.confidence);
    const e = c.expected;
    expect([r.positives, r.negatives]).toEqual([c.positives, c.negatives]);
    expectAuc(r.candidate, e.candidate, 'candidate');
    expectAuc(r.baseline, e.baseline, 'baseline');
    expectClose(r.delta, e.delta, 'delta');
    expectClose(r.variance, e.variance, 'Var(delta)');
    expectClose(r.z, e.z, 'z');
    expectClose(r.pValue, e.p_value, 'p');
    expectClose(r.lower, e.lower, 'delta lower');
    expectClose(r.upper, e.upper, 'delta upper');
  });

  it('delongAuc = the single-model part of the same computation', () => {
    expectAuc(delongAuc(y, candidate, c.confidence), c.expected.candidate, 'candidate');
    expectAuc(delongAuc(y, baseline, c.confidence), c.expected.baseline, 'baseline');
  });
});

describe.each(cases.mcnemar)('McNemar: $name', (c) => {
  it('mcnemarExact(b, c) = min(1, 2·binom.cdf(min(b, c), b + c, ½)) = scipy binomtest', () => {
    expectClose(mcnemarExact(c.b, c.c), c.p_value, `b=${c.b} c=${c.c}`);
    expectClose(mcnemarExact(c.c, c.b), c.p_value, 'symmetric in b and c');
  });

  if (c.source !== undefined) {
    const { source } = c;
    it('discordantPairs counts b and c of the real predictions', () => {
      const { y, candidate, baseline } = pairOf(c);
      const t = source.threshold ?? 0.5;
      expect(discordantPairs(y, predictAt(candidate, t), predictAt(baseline, t))).toEqual({
        b: c.b,
        c: c.c,
      });
    });
  }
});

describe('Holm–Bonferroni', () => {
  it.each(cases.holm)('holm($p) = statsmodels multipletests(method="holm")', ({ p, adjusted }) => {
    const got = holm(p);
    adjusted.forEach((e, i) => {
      expectClose(got[i] as number, e, `p[${i}]`);
    });
  });

  it('keeps NaN out of m and in place', () => {
    expect(holm([0.01, Number.NaN, 0.04])).toEqual([0.02, Number.NaN, 0.04]);
    expect(holm([])).toEqual([]);
  });
});

describe.each(cases.percentile)('percentileInterval: $name', (c) => {
  it.each(Object.entries(c.intervals))('confidence %s = np.percentile', (level, [lo, hi]) => {
    const r = percentileInterval(Float64Array.from(c.x), Number(level));
    expectClose(r.lower, lo, 'lower');
    expectClose(r.upper, hi, 'upper');
    expect(r.used).toBe(c.x.length);
  });
});

describe('normal distribution', () => {
  it.each(cases.normal.cdf)('normalCdf(%s) = scipy.special.ndtr', (x, e) => {
    expectClose(normalCdf(x), e, 'cdf');
  });
  it.each(cases.normal.sf)('normalSf(%s) = scipy.stats.norm.sf', (x, e) => {
    expectClose(normalSf(x), e, 'sf');
  });
  it.each(cases.normal.quantile)('normalQuantile(%s) = scipy.special.ndtri', (p, e) => {
    expectClose(normalQuantile(p), e, 'quantile');
  });
});

describe('binomial(n, ½) in log space', () => {
  it.each(cases.binomial)('k=$k n=$n: log pmf and cdf = scipy.stats.binom', (c) => {
    expectClose(logBinomialPmfHalf(c.k, c.n), c.log_pmf, 'log pmf');
    if (2 * c.k <= c.n) expectClose(binomialCdfHalf(c.k, c.n), c.cdf, 'cdf');
  });
});
