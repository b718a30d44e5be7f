/**
 * Drift of a whole dataset — report.json's `drift`:
 *
 *   columns.<name>           columnDrift (column.ts); `auto`'s tests (W1 permutation, chi-square)
 *                            judged at the Benjamini–Hochberg level of the k columns of the call:
 *                            alpha = 0.05·R/k, R = max{i : p_(i) ≤ 0.05·i/k} (0.05/k when R = 0),
 *                            so that among the columns flagged, at most 5% are expected to be
 *                            noise — and where no column moved, one is flagged at most 5% of the
 *                            time, as with Bonferroni
 *   dataset.drifted_share    drifted columns / columns tested
 *   dataset.drifted          drifted_share ≥ max_drifted_share (default 0.5); false for no columns
 */
import { InputError } from '../errors.js';
import { Scratch } from '../sort.js';
import { type ColumnDrift, columnDrift, type DriftSample } from './column.js';
import { AUTO_ALPHA, type ColumnDriftOptions, type DriftMethod, isBeyond } from './methods.js';

export interface DriftColumnInput {
  readonly name: string;
  readonly reference: DriftSample;
  readonly current: DriftSample;
}

export interface DriftOptions {
  /** The method for every column without its own (default 'auto'). */
  readonly method?: DriftMethod;
  /** Per-column method and threshold, by column name. */
  readonly columns?: Readonly<Record<string, ColumnDriftOptions>>;
  /** The dataset drifted when at least this share of its columns did (default 0.5). */
  readonly maxDriftedShare?: number;
}

export interface DatasetDrift {
  readonly columns: number;
  readonly drifted_columns: number;
  readonly drifted_share: number;
  readonly max_drifted_share: number;
  readonly drifted: boolean;
}

export interface DriftReport {
  readonly columns: Readonly<Record<string, ColumnDrift>>;
  readonly dataset: DatasetDrift;
}

export const DEFAULT_MAX_DRIFTED_SHARE = 0.5;

export function detectDrift(
  columns: readonly DriftColumnInput[],
  options: DriftOptions = {},
): DriftReport {
  const maxShare = options.maxDriftedShare ?? DEFAULT_MAX_DRIFTED_SHARE;
  if (!(maxShare > 0 && maxShare <= 1)) {
    throw new InputError(`drift: max_drifted_share ${maxShare} is not in (0, 1]`);
  }
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) throw new InputError(`drift: column '${name}' is listed twice`);
    seen.add(name);
  }
  for (const name of Object.keys(options.columns ?? {})) {
    if (!seen.has(name)) {
      throw new InputError(`drift: options name column '${name}', which is not among the columns`);
    }
  }
  const tests = columns.length;
  // One set of sort buffers for every column: a million-row column's sorts allocate once.
  const scratch = { reference: new Scratch(), current: new Scratch() };
  const results = columns.map((c): [string, ColumnDrift] => {
    const own = Object.hasOwn(options.columns ?? {}, c.name)
      ? options.columns?.[c.name]
      : undefined;
    const method = own?.method ?? options.method ?? 'auto';
    const threshold = own?.threshold;
    const columnOptions =
      threshold === undefined ? { method, tests } : { method, threshold, tests };
    return [c.name, columnDrift(c.name, c.reference, c.current, columnOptions, scratch)];
  });
  const judged = benjaminiHochberg(results);
  const drifted = judged.filter(([, r]) => r.drifted).length;
  const share = tests === 0 ? 0 : drifted / tests;
  return {
    // fromEntries defines own properties, so a column named '__proto__' stays a column.
    columns: Object.fromEntries(judged),
    dataset: {
      columns: tests,
      drifted_columns: drifted,
      drifted_share: share,
      max_drifted_share: maxShare,
      drifted: tests > 0 && share >= maxShare,
    },
  };
}

/**
 * Re-judges `auto`'s tests at the Benjamini–Hochberg level of the columns that have one (the
 * columns were judged at 0.05/k, the level for R = 1, which BH can only raise).
 */
function benjaminiHochberg(results: [string, ColumnDrift][]): [string, ColumnDrift][] {
  const tested = results.flatMap(([, r]) => (r.test ? [r.test.p_value] : [])).sort((a, b) => a - b);
  const k = tested.length;
  let rejections = 0;
  tested.forEach((p, i) => {
    if (p <= (AUTO_ALPHA * (i + 1)) / k) rejections = i + 1;
  });
  const alpha = (AUTO_ALPHA * Math.max(1, rejections)) / k;
  return results.map(([name, r]): [string, ColumnDrift] => {
    if (r.test === null) return [name, r];
    const drifted = isBeyond(r, r.value) && r.test.p_value <= alpha;
    return [name, { ...r, test: { ...r.test, alpha }, drifted }];
  });
}
