/**
 * Rows that break a serving contract (build.ts), counted by column and kind, with the first row
 * numbers of each column — what `model-gate validate` reports on prediction logs. A row breaks a
 * column when the column is absent, its cell is null where the contract allows none, not of the
 * contract's type (text for a number, 2.5 for an integer), below its minimum, above its maximum,
 * or text outside its categories.
 */
import type { ContractType, PropertySchema, ServingContract } from './build.js';

/** A column as the file holds it; text read where numbers were expected carries their parse. */
export type CheckedColumn =
  | { readonly kind: 'number'; readonly values: Float64Array | Float32Array }
  | {
      readonly kind: 'category';
      readonly codes: Int32Array;
      readonly levels: readonly string[];
      /** Each level as the number it spells, NaN where it is not a number. */
      readonly levelNumbers?: Float64Array;
    };

export const VIOLATIONS = [
  'missing_column',
  'null',
  'type',
  'below_minimum',
  'above_maximum',
  'not_in_enum',
] as const;
export type Violation = (typeof VIOLATIONS)[number];

export interface ColumnViolations {
  readonly column: string;
  readonly counts: Readonly<Partial<Record<Violation, number>>>;
  /** Rows with at least one violation in this column. */
  readonly rows: number;
  /** The first of them, numbered from 1 (the first data row). */
  readonly first_rows: readonly number[];
}

export interface ValidationResult {
  readonly rows: number;
  /** Rows that break the contract in any column. */
  readonly rows_violating: number;
  readonly columns: readonly ColumnViolations[];
}

function nullable(p: PropertySchema): boolean {
  return Array.isArray(p.type);
}

/** A property's type without its null. */
export function baseType(p: PropertySchema): ContractType {
  return (Array.isArray(p.type) ? p.type[0] : p.type) as ContractType;
}

/** The violation of one number, or null. */
function numberViolation(p: PropertySchema, v: number): Violation | null {
  if (Number.isNaN(v)) return nullable(p) ? null : 'null';
  if (baseType(p) === 'integer' && !Number.isInteger(v)) return 'type';
  if (p.minimum !== undefined && v < p.minimum) return 'below_minimum';
  if (p.maximum !== undefined && v > p.maximum) return 'above_maximum';
  return null;
}

export function validateColumns(
  contract: ServingContract,
  columns: ReadonlyMap<string, CheckedColumn>,
  rows: number,
  firstRows = 5,
): ValidationResult {
  const broken = new Uint8Array(rows);
  const out: ColumnViolations[] = [];
  for (const [name, p] of Object.entries(contract.properties)) {
    const counts: Partial<Record<Violation, number>> = {};
    const first: number[] = [];
    let violating = 0;
    const mark = (row: number, kind: Violation) => {
      counts[kind] = (counts[kind] ?? 0) + 1;
      violating++;
      broken[row] = 1;
      if (first.length < firstRows) first.push(row + 1);
    };
    const column = columns.get(name);
    if (column === undefined) {
      for (let r = 0; r < rows; r++) mark(r, 'missing_column');
    } else if (baseType(p) === 'string') {
      const allowed = p.enum ? new Set(p.enum.filter((x): x is string => x !== null)) : null;
      if (column.kind === 'number') {
        // Numbers where text was expected: the reader saw no text at all.
        for (let r = 0; r < rows; r++) {
          const v = column.values[r] as number;
          if (Number.isNaN(v)) {
            if (!nullable(p)) mark(r, 'null');
          } else if (allowed && !allowed.has(String(v))) mark(r, 'not_in_enum');
        }
      } else {
        const outside = column.levels.map((l) => allowed !== null && !allowed.has(l));
        for (let r = 0; r < rows; r++) {
          const code = column.codes[r] as number;
          if (code < 0) {
            if (!nullable(p)) mark(r, 'null');
          } else if (outside[code]) mark(r, 'not_in_enum');
        }
      }
    } else if (column.kind === 'number') {
      for (let r = 0; r < rows; r++) {
        const kind = numberViolation(p, column.values[r] as number);
        if (kind) mark(r, kind);
      }
    } else {
      const numbers = column.levelNumbers;
      for (let r = 0; r < rows; r++) {
        const code = column.codes[r] as number;
        if (code < 0) {
          if (!nullable(p)) mark(r, 'null');
          continue;
        }
        const v = numbers ? (numbers[code] as number) : Number.NaN;
        const kind = Number.isNaN(v) ? 'type' : numberViolation(p, v);
        if (kind) mark(r, kind);
      }
    }
    if (violating > 0) out.push({ column: name, counts, rows: violating, first_rows: first });
  }
  let total = 0;
  for (let r = 0; r < rows; r++) total += broken[r] as number;
  return { rows, rows_violating: total, columns: out };
}
