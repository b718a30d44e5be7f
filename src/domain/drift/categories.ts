/**
 * Aligning two categorical samples that were coded separately: each side has its own `levels`, so
 * categories are matched by their string. The columns of the 2×K table are the sorted union of the
 * categories seen (count > 0) in either sample, in Python's string order (code-point order, which is
 * what `sorted()` gives and what the oracle used; JavaScript's default sort compares UTF-16 code
 * units, which differs for characters beyond U+FFFF). Code −1 is a missing value: excluded from
 * the table and counted.
 *
 * Unseen categories are those in the current sample that the reference never saw: a model's
 * one-hot encoder maps them to all-zeros (handle_unknown='ignore'), so they are reported by name
 * with their row count whatever the statistics say.
 */

export interface CategoricalValues {
  /** Index into `levels`; −1 marks a missing value. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface CategoryTable {
  readonly categories: string[];
  readonly reference_counts: number[];
  readonly current_counts: number[];
  readonly missing: { readonly reference: number; readonly current: number };
  readonly unseen: { readonly rows: number; readonly categories: string[] };
}

/** Python's str ordering: by Unicode code point. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(j) as number;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

interface SideCounts {
  readonly byCategory: Map<string, number>;
  readonly missing: number;
}

function countSide(values: CategoricalValues, side: string): SideCounts {
  const perLevel = new Float64Array(values.levels.length);
  let missing = 0;
  const { codes } = values;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code === -1) missing++;
    else if (code >= 0 && code < perLevel.length) perLevel[code] = (perLevel[code] as number) + 1;
    else throw new RangeError(`${side}: code ${code} at row ${i} has no level`);
  }
  const byCategory = new Map<string, number>();
  values.levels.forEach((level, code) => {
    const count = perLevel[code] as number;
    if (count > 0) byCategory.set(level, (byCategory.get(level) ?? 0) + count);
  });
  return { byCategory, missing };
}

export function alignCategories(
  reference: CategoricalValues,
  current: CategoricalValues,
): CategoryTable {
  const ref = countSide(reference, 'reference');
  const cur = countSide(current, 'current');
  const categories = [...new Set([...ref.byCategory.keys(), ...cur.byCategory.keys()])].sort(
    compareCodePoints,
  );
  const unseen = categories.filter((c) => !ref.byCategory.has(c));
  let unseenRows = 0;
  for (const c of unseen) unseenRows += cur.byCategory.get(c) ?? 0;
  return {
    categories,
    reference_counts: categories.map((c) => ref.byCategory.get(c) ?? 0),
    current_counts: categories.map((c) => cur.byCategory.get(c) ?? 0),
    missing: { reference: ref.missing, current: cur.missing },
    unseen: { rows: unseenRows, categories: unseen },
  };
}
