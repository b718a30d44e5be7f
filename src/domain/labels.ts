/**
 * Labels: their distinct values, and their encoding as 0/1 (binary) or class indices
 * (multiclass). Labels are matched to the model's class labels by a canonical key — a number
 * by its shortest spelling (1 and 1.0 are '1'), text as written — so a label column read as
 * numbers matches int64 class labels and string class labels alike.
 */
import type { NamedColumn } from './columns.js';
import { InputError } from './errors.js';

/** The label column. */
export type LabelColumn = NamedColumn;

export function labelKey(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

function rows(column: LabelColumn): number {
  return column.kind === 'number' ? column.values.length : column.codes.length;
}

/** Throws when a label cell is empty: a metric cannot use a row without its truth. */
export function requireLabels(column: LabelColumn): void {
  let missing = 0;
  let first = -1;
  const n = rows(column);
  for (let i = 0; i < n; i++) {
    const absent =
      column.kind === 'number'
        ? Number.isNaN(column.values[i] as number)
        : (column.codes[i] as number) < 0;
    if (absent) {
      missing++;
      if (first < 0) first = i;
    }
  }
  if (missing > 0) {
    throw new InputError(
      `label column '${column.name}' has ${missing} empty cell${missing === 1 ? '' : 's'} (the first in row ${first + 1})`,
      'Drop the rows without a label from the holdout, or fill them in.',
    );
  }
}

/** Distinct label values, sorted as scikit-learn sorts classes_ (numbers, or code-point order). */
export function distinctLabels(
  column: LabelColumn,
  limit = 10_000,
): { values: (string | number)[]; truncated: boolean } {
  if (column.kind === 'category') {
    const used = new Uint8Array(column.levels.length);
    for (const code of column.codes) if (code >= 0) used[code] = 1;
    const values = column.levels
      .filter((_, i) => used[i] === 1)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { values: values.slice(0, limit), truncated: values.length > limit };
  }
  const seen = new Set<number>();
  const n = column.values.length;
  for (let i = 0; i < n && seen.size <= limit; i++) {
    const v = column.values[i] as number;
    if (!Number.isNaN(v)) seen.add(v);
  }
  const values = [...seen].sort((a, b) => a - b);
  return { values: values.slice(0, limit), truncated: values.length > limit };
}

export function quoteList(values: readonly (string | number)[], max = 10): string {
  const shown = values
    .slice(0, max)
    .map((v) => `'${v}'`)
    .join(', ');
  return values.length > max ? `${shown}, ... (${values.length} in all)` : shown;
}

/** 1 where the label's key equals `positive`, else 0. */
export function encodeBinary(column: LabelColumn, positive: string): Uint8Array {
  const n = rows(column);
  const y = new Uint8Array(n);
  if (column.kind === 'number') {
    for (let i = 0; i < n; i++) y[i] = labelKey(column.values[i] as number) === positive ? 1 : 0;
  } else {
    const code = column.levels.indexOf(positive);
    for (let i = 0; i < n; i++) y[i] = column.codes[i] === code ? 1 : 0;
  }
  return y;
}

/** Class index of each row; a label the classes lack is an error that names it. */
export function encodeClasses(column: LabelColumn, classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  const n = rows(column);
  const y = new Int32Array(n);
  const unknown = new Set<string>();
  for (let i = 0; i < n; i++) {
    const key =
      column.kind === 'number'
        ? labelKey(column.values[i] as number)
        : (column.levels[column.codes[i] as number] as string);
    const k = index.get(key);
    if (k === undefined) unknown.add(key);
    else y[i] = k;
  }
  if (unknown.size > 0) {
    throw new InputError(
      `label column '${column.name}' holds ${quoteList([...unknown])}, which the model's classes (${quoteList(classes)}) do not include`,
      'Evaluate on rows whose labels the model was trained to predict.',
    );
  }
  return y;
}

/**
 * A target column of numbers with a few text cells reads as text: the first such cell (row
 * 0-based, and its value), when at least 90% of the column's distinct values are numbers — a
 * regression target with a stray 'n/a' or '1,234' — else null.
 */
export function textAmongNumbers(column: LabelColumn): { row: number; value: string } | null {
  if (column.kind !== 'category' || column.levels.length < 3) return null;
  const isNumber = column.levels.map((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  const numbers = isNumber.filter(Boolean).length;
  if (numbers < 0.9 * column.levels.length) return null;
  for (let row = 0; row < column.codes.length; row++) {
    const code = column.codes[row] as number;
    if (code >= 0 && !isNumber[code]) return { row, value: column.levels[code] as string };
  }
  return null;
}
