/**
 * The distributions behind the p-values, against SciPy 1.10.1 on grids that reach every branch
 * SciPy picks (fixtures/reference/drift/cases.json, scripts/reference/drift_reference.py):
 * kstwo.sf (Ruben–Gambino, Durbin/MTW, Pomeranz, Pelz–Good, 2·smirnov, 0), kstwobign.sf,
 * special.smirnov (including n > 10⁶ and subnormal results) and chi2.sf. 1e-6 relative, or
 * 1e-300 absolute where SciPy's value underflows.
 */
import { describe, expect, it } from 'vitest';
import {
  chi2Sf,
  gammaQ,
  kolmogorovSf,
  kstwoSf,
  logGamma,
  smirnovSf,
} from '../../../src/domain/drift/index.js';
import { cases, expectP } from './support.js';

describe('scipy.stats.kstwo.sf(d, n) — the asymptotic ks_2samp p-value', () => {
  it(`matches SciPy at ${cases.kstwo_sf.length} (n, d) pairs, n from 1 to 3·10⁶`, () => {
    for (const { n, d, sf } of cases.kstwo_sf) {
      expectP(kstwoSf(d, n), sf, `kstwo.sf(${d}, ${n})`);
    }
  });

  it('is NaN for n that is not a positive integer (kstwo._argcheck)', () => {
    expect(kstwoSf(0.3, 0)).toBeNaN();
    expect(kstwoSf(0.3, 2.5)).toBeNaN();
  });
});

describe('scipy.stats.kstwobign.sf(x) = scipy.special.kolmogorov(x)', () => {
  it(`matches SciPy at ${cases.kstwobign_sf.length} points across both theta series`, () => {
    for (const { x, sf } of cases.kstwobign_sf) {
      expectP(kolmogorovSf(x), sf, `kstwobign.sf(${x})`);
    }
  });
});

describe('scipy.special.smirnov(n, x) — one-sided exact KS survival function', () => {
  it(`matches SciPy at ${cases.smirnov.length} (n, x) pairs`, () => {
    for (const { n, x, sf } of cases.smirnov) {
      expectP(smirnovSf(n, x), sf, `smirnov(${n}, ${x})`);
    }
  });
});

describe('scipy.stats.chi2.sf(x, dof) — regularized upper incomplete gamma', () => {
  it(`matches SciPy at ${cases.chi2_sf.length} (x, dof) pairs, dof 1 to 10⁵`, () => {
    for (const { x, dof, sf } of cases.chi2_sf) {
      // The brief's bar for chi-square p-values is 1e-9 relative.
      const got = chi2Sf(x, dof);
      const tol = Math.max(1e-300, 1e-9 * Math.abs(sf));
      expect(Math.abs(got - sf) <= tol, `chi2.sf(${x}, ${dof}): got ${got}, SciPy ${sf}`).toBe(
        true,
      );
    }
  });

  it('follows cephes chdtrc at the edges: 1 for x ≤ 0, NaN for NaN', () => {
    expect(chi2Sf(-1, 3)).toBe(1);
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(Number.NaN, 3)).toBeNaN();
    expect(gammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('logGamma agrees with factorials and Γ(1/2) = √π', () => {
    let logFactorial = 0;
    for (let k = 1; k <= 30; k++) {
      logFactorial += Math.log(k);
      expect(Math.abs(logGamma(k + 1) - logFactorial)).toBeLessThan(1e-12);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});
