/**
 * Slices: the groups every statistic is also computed on.
 *
 * The caller passes zero or more slicings; a slicing gives each row a group id 0..count−1, or −1
 * for a row in none of its groups (a missing category, say). Groups are numbered globally:
 * group 0 is "all" (every row), then the groups of the first slicing in id order, then those of
 * the second, and so on. A group may hold no row; its metrics are then NaN.
 */
import { InputError } from '../errors.js';

export interface Slicing {
  /** What the slicing is, e.g. the column it comes from: `contract`. */
  name: string;
  /** Group id of each row: an index into `groups`, or −1 for a row in no group. */
  ids: Int32Array;
  /** Group names; `groups[id]`. At most 65,535. */
  groups: readonly string[];
}

/** One group of the result: the whole holdout, or one group of one slicing. */
export interface GroupSpec {
  /** Position in every result list; 0 is the overall group. */
  index: number;
  /** The slicing's name, or null for the overall group. */
  slicing: string | null;
  /** The group's name; `all` for the overall group. */
  group: string;
  /** Rows of the holdout in the group. */
  rows: number;
}

export const ALL_GROUP = 'all';
const MAX_GROUPS = 65535;

/** The global group list; throws InputError on a slicing that does not fit the rows. */
export function groupTable(rows: number, slicings: readonly Slicing[]): GroupSpec[] {
  const table: GroupSpec[] = [{ index: 0, slicing: null, group: ALL_GROUP, rows }];
  for (const s of slicings) {
    const count = s.groups.length;
    if (s.ids.length !== rows) {
      throw new InputError(`slicing '${s.name}': ${s.ids.length} group ids for ${rows} rows`);
    }
    if (count > MAX_GROUPS) {
      throw new InputError(`slicing '${s.name}': ${count} groups, at most ${MAX_GROUPS}`);
    }
    const sizes = new Float64Array(count);
    for (let i = 0; i < rows; i++) {
      const id = s.ids[i] as number;
      if (id === -1) continue;
      if (!(id >= 0 && id < count)) {
        throw new InputError(
          `slicing '${s.name}': group id ${id} at row ${i} is outside -1..${count - 1}`,
        );
      }
      sizes[id] = (sizes[id] as number) + 1;
    }
    for (let g = 0; g < count; g++) {
      table.push({
        index: table.length,
        slicing: s.name,
        group: s.groups[g] as string,
        rows: sizes[g] as number,
      });
    }
  }
  return table;
}

/**
 * Per-row slot of a slicing for accumulator arrays: the group id, with −1 mapped to `count` (a
 * discard slot), so hot loops need no branch.
 */
export function slotIds(s: Slicing): Uint16Array {
  const count = s.groups.length;
  const slots = new Uint16Array(s.ids.length);
  for (let i = 0; i < slots.length; i++) {
    const id = s.ids[i] as number;
    slots[i] = id < 0 ? count : id;
  }
  return slots;
}

/** The rows of each group of a slicing's ids (−1: in none), ascending: one Int32Array a group. */
export function rowsOfGroups(ids: Int32Array, groups: number): Int32Array[] {
  const sizes = new Int32Array(groups);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    if (id >= 0) sizes[id] = (sizes[id] as number) + 1;
  }
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(groups);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    if (id < 0) continue;
    (out[id] as Int32Array)[fill[id] as number] = k;
    fill[id] = (fill[id] as number) + 1;
  }
  return out;
}
