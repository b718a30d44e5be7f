/** Test helpers for the metrics tests: fixture paths, a tiny CSV reader, a tolerance matcher. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function readJson(relPath: string): unknown {
  return JSON.parse(readFileSync(repoRoot + relPath, 'utf8'));
}

/**
 * Reads the named numeric columns of a plain CSV (comma separated, one header line, no quoting,
 * as fixtures/README.md specifies) into Float64Arrays. Numbers parse exactly like Python float().
 */
export function readCsvColumns(relPath: string, columns: string[]): Float64Array[] {
  const lines = readFileSync(repoRoot + relPath, 'utf8').split('\n');
  const header = (lines[0] ?? '').split(',');
  const idx = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`${relPath}: no column ${c}`);
    return i;
  });
  const rows = lines.slice(1).filter((l) => l.length > 0);
  const out = columns.map(() => new Float64Array(rows.length));
  rows.forEach((line, r) => {
    const cells = line.split(',');
    idx.forEach((ci, k) => {
      const cell = cells[ci];
      if (cell === undefined) throw new Error(`${relPath}: short row ${r + 1}`);
      (out[k] as Float64Array)[r] = Number(cell);
    });
  });
  return out;
}

/** 1e-9 relative, 1e-12 absolute near zero; `null` (sklearn raised) expects NaN. */
export function expectClose(actual: number, expected: number | null, what = ''): void {
  if (expected === null) {
    expect(actual, `${what}: sklearn raises, expected NaN`).toBeNaN();
    return;
  }
  const tol = Math.max(1e-12, 1e-9 * Math.abs(expected));
  const ok = Math.abs(actual - expected) <= tol;
  expect(
    ok,
    `${what}: got ${actual}, sklearn ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
  ).toBe(true);
}

export function toLabels(values: Float64Array | number[]): Uint8Array {
  return Uint8Array.from(values, (v) => v);
}

export { rng } from './rng.js';

/** A seeded random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}
