/**
 * Helpers for the drift tests: the reference cases of scripts/reference/drift_reference.py, its
 * sample generators replayed bit for bit, and tolerance checks (1e-9 relative for statistics,
 * 1e-6 relative or 1e-300 absolute for p-values).
 */
import { expect } from 'vitest';
import type { CategoricalSample } from '../../../src/domain/drift/index.js';
import { readJson, rng } from '../../support/reference.js';

export type SampleSpec =
  | { readonly values: number[]; readonly nan_every?: number }
  | {
      readonly seed: number;
      readonly n: number;
      readonly kind: 'uniform' | 'grid' | 'bell';
      readonly scale?: number;
      readonly shift: number;
      readonly levels?: number;
      readonly step?: number;
      readonly nan_every?: number;
    };

export interface PsiBinsJson {
  readonly cut_points: number[];
  readonly ref_counts: number[];
  readonly cur_counts: number[];
}

export interface NumericCase {
  readonly name: string;
  readonly note: string;
  readonly reference: SampleSpec;
  readonly current: SampleSpec;
  readonly n_ref: number;
  readonly n_cur: number;
  readonly missing_ref: number;
  readonly missing_cur: number;
  readonly ks_statistic: number;
  readonly ks_p_value: number;
  readonly ks_method: 'exact' | 'asymp';
  readonly ks_p_value_asymp: number | null;
  readonly ks_p_value_kolmogorov: number;
  readonly wasserstein: number;
  readonly mad_ref: number;
  readonly mean_ref: number;
  readonly mean_cur: number;
  readonly psi: number;
  readonly js_distance: number;
  readonly psi_bins: PsiBinsJson;
}

export interface CategoricalSide {
  readonly levels: string[];
  readonly counts: number[];
  readonly missing: number;
}

export interface Chi2Json {
  readonly statistic: number;
  readonly p_value: number;
  readonly dof: number;
}

export interface CategoricalCase {
  readonly name: string;
  readonly note: string;
  readonly reference: CategoricalSide;
  readonly current: CategoricalSide;
  readonly categories: string[];
  readonly ref_counts: number[];
  readonly cur_counts: number[];
  readonly chi2_yates: Chi2Json;
  readonly chi2_no_correction: Chi2Json;
  readonly psi: number;
  readonly js_distance: number;
  readonly unseen: { readonly rows: number; readonly categories: string[] };
}

export interface DriftCases {
  readonly calls: Record<string, string>;
  readonly kstwo_sf: { n: number; d: number; sf: number | null }[];
  readonly kstwobign_sf: { x: number; sf: number }[];
  readonly smirnov: { n: number; x: number; sf: number }[];
  readonly chi2_sf: { dof: number; x: number; sf: number }[];
  readonly numeric: NumericCase[];
  readonly categorical: CategoricalCase[];
}

export const cases = readJson('fixtures/reference/drift/cases.json') as DriftCases;

/** drift_reference.py's `sample(spec)`: the same doubles, from mulberry32 (test/support rng). */
export function sample(spec: SampleSpec): Float64Array {
  let out: Float64Array;
  if ('values' in spec) {
    out = Float64Array.from(spec.values);
  } else {
    const u = rng(spec.seed);
    out = new Float64Array(spec.n);
    const scale = spec.scale ?? 1;
    for (let i = 0; i < spec.n; i++) {
      if (spec.kind === 'uniform') out[i] = u() * scale + spec.shift;
      else if (spec.kind === 'grid') {
        out[i] = Math.floor(u() * (spec.levels ?? 1)) * (spec.step ?? 1) + spec.shift;
      } else {
        let s = u() + u();
        s = s + u();
        s = s + u();
        out[i] = s * scale + spec.shift;
      }
    }
  }
  const k = spec.nan_every;
  if (k) for (let i = k - 1; i < out.length; i += k) out[i] = Number.NaN;
  return out;
}

/** A coded categorical sample from per-level counts, rows interleaved, missing rows last. */
export function categorical(side: CategoricalSide): CategoricalSample {
  const codes: number[] = [];
  const remaining = [...side.counts];
  let left = remaining.reduce((a, b) => a + b, 0);
  while (left > 0) {
    remaining.forEach((c, code) => {
      if (c > 0) {
        codes.push(code);
        remaining[code] = c - 1;
        left--;
      }
    });
  }
  for (let i = 0; i < side.missing; i++) codes.push(-1);
  return { kind: 'category', codes: Int32Array.from(codes), levels: side.levels };
}

/** Statistics: 1e-9 relative (1e-15 absolute at 0). */
export function expectStat(actual: number, expected: number, what: string): void {
  const tol = Math.max(1e-15, 1e-9 * Math.abs(expected));
  expect(
    Math.abs(actual - expected) <= tol,
    `${what}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
  ).toBe(true);
}

/** p-values: 1e-6 relative or 1e-300 absolute (subnormal underflow); null (SciPy NaN) → NaN. */
export function expectP(actual: number, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, `${what}: SciPy gives NaN`).toBeNaN();
    return;
  }
  const tol = Math.max(1e-300, 1e-6 * Math.abs(expected));
  expect(
    Math.abs(actual - expected) <= tol,
    `${what}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
  ).toBe(true);
}
