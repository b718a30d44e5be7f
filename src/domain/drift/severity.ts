/**
 * How bad a drift report is, for the drift watch's exit and its one-line summary: the share of
 * columns that drifted and the worst column, by how far its statistic is past its threshold
 * (an effect size over its threshold; a threshold over a p-value).
 */
import type { ColumnDrift } from './column.js';

export interface WorstColumn {
  readonly column: string;
  readonly method: string;
  readonly value: number;
  readonly threshold: number;
  /** How many times past the threshold (above 1 means drifted). */
  readonly excess: number;
  readonly drifted: boolean;
}

export function excessOf(c: Pick<ColumnDrift, 'kind' | 'value' | 'threshold'>): number {
  if (!Number.isFinite(c.value)) return 0;
  return c.kind === 'p_value'
    ? c.threshold / Math.max(c.value, Number.MIN_VALUE)
    : c.value / c.threshold;
}

/**
 * The drifted column furthest past its threshold, or with none drifted the column closest to (or
 * past) it — under `auto` a small sample's effect size can be past its threshold while its test
 * says that is noise; null with no column tested.
 */
export function worstColumn(columns: Readonly<Record<string, ColumnDrift>>): WorstColumn | null {
  let worst: WorstColumn | null = null;
  for (const [column, c] of Object.entries(columns)) {
    const excess = excessOf(c);
    if (
      worst === null ||
      (c.drifted && !worst.drifted) ||
      (c.drifted === worst.drifted && excess > worst.excess)
    ) {
      worst = {
        column,
        method: c.method,
        value: c.value,
        threshold: c.threshold,
        excess,
        drifted: c.drifted,
      };
    }
  }
  return worst;
}

export const FAIL_ON = ['dataset', 'column', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Exit 1 when the watch should fail: the dataset drifted, any column did, or never. */
export function driftFails(
  failOn: FailOn,
  dataset: { readonly drifted: boolean; readonly drifted_columns: number },
): boolean {
  if (failOn === 'never') return false;
  return failOn === 'dataset' ? dataset.drifted : dataset.drifted_columns > 0;
}
