/**
 * Weighted ROC AUC and average precision from one walk down a model's score order.
 *
 * The rows are sorted once (per group, descending score). Each resample only walks that order with
 * its integer weights w; the values equal the metric functions on the expanded sample (row i
 * repeated w_i times), because equal scores form one tie group there too. Walking tie groups
 * t = 1, 2, … from the top, with P_t / N_t the weight of positives / negatives in group t and
 * posAbove / negAbove the weight of positives / negatives in earlier groups:
 *   2U  = Σ_t N_t · (2·posAbove + P_t)                 (Mann–Whitney, ties count ½; integer)
 *   AUC = 2U / (2·P·N)                                 = sklearn roc_auc_score; NaN if P·N = 0
 *   AP  = Σ_{t: P_t > 0} P_t · tps_t / (tps_t + fps_t) / P,  tps_t = posAbove + P_t,
 *         fps_t = negAbove + N_t                       = sklearn average_precision_score
 *         (step-wise over distinct thresholds); 0 if P = 0, as sklearn returns.
 * Same expressions, same order and the same Neumaier sum as metrics/ranking.ts, so with all
 * weights 1 the results are bit-identical to rocAucSorted / averagePrecisionSorted.
 *
 * The rows predicted positive (score >= threshold) are a prefix of the descending order, so the
 * same walk also yields the confusion counts: tp = posAbove and fp = negAbove at that cut.
 */

/** Flags of a position in a layout. */
const POSITIVE = 1;
/** The position is a tie group of its own (no equal score next to it in its group). */
const SINGLE = 2;
/** The position ends a tie group of two or more. */
const TIE_END = 4;

/**
 * One model's rows in descending score order, grouped into segments (one per group). A position's
 * weight is weights[positions[k]] (weights live in the kernel's own index space), or weights[k]
 * when `positions` is null (the layout that defines that space).
 */
export interface RankLayout {
  positions: Int32Array | null;
  /** POSITIVE | SINGLE | TIE_END bits per position. */
  flags: Uint8Array;
  /** Group g occupies positions [start[g], start[g + 1]). */
  start: Int32Array;
  /** First position of segment g whose score is below the threshold (start[g + 1] if none). */
  cut: Int32Array;
}

/**
 * The layout of `rows` (holdout rows; each segment of `start` already in descending score order).
 * `indexOfRow` maps a row to its weight index; null when the weight index of rows[k] is k.
 */
export function rankLayout(
  y: Uint8Array,
  score: Float64Array,
  threshold: number,
  rows: Int32Array,
  start: Int32Array,
  indexOfRow: Int32Array | null,
): RankLayout {
  const flags = new Uint8Array(rows.length);
  const cut = new Int32Array(start.length - 1);
  for (let g = 0; g + 1 < start.length; g++) {
    const end = start[g + 1] as number;
    let first = start[g] as number;
    while (first < end && (score[rows[first] as number] as number) >= threshold) first++;
    cut[g] = first;
    for (let k = start[g] as number; k < end; k++) {
      const row = rows[k] as number;
      const s = score[row] as number;
      const tiedBefore = k > (start[g] as number) && score[rows[k - 1] as number] === s;
      const tiedAfter = k + 1 < end && score[rows[k + 1] as number] === s;
      let f = y[row] === 1 ? POSITIVE : 0;
      if (!tiedBefore && !tiedAfter) f |= SINGLE;
      else if (!tiedAfter) f |= TIE_END;
      flags[k] = f;
    }
  }
  const positions = indexOfRow === null ? null : rows.map((row) => indexOfRow[row] as number);
  return { positions, flags, start, cut };
}

/**
 * Values of one walk: out[o] = 2U, out[o+1] = P, out[o+2] = N, out[o+3] = AP numerator,
 * out[o+4] = tp and out[o+5] = fp (positive / negative weight before position `cut`).
 */
export const WALK_WIDTH = 6;

/** Walks positions [from, to) of a layout under `weights` and writes the WALK_WIDTH values. */
export function rankWalk(
  weights: Uint8Array,
  positions: Int32Array | null,
  flags: Uint8Array,
  from: number,
  to: number,
  cut: number,
  out: Float64Array,
  o: number,
): void {
  // Accumulators start at −0, not 0: V8 then keeps them as unboxed doubles (a Smi start makes it
  // speculate on small integers, deoptimise on overflow and run this loop ~3× slower).
  let posAbove = -0;
  let negAbove = -0;
  let twiceU = -0;
  let s = -0;
  let c = -0;
  let tieP = -0;
  let tieN = -0;
  // A tie group never straddles the cut (equal scores fall on the same side of the threshold).
  out[o + 4] = 0;
  out[o + 5] = 0;
  for (let k = from; k < to; k++) {
    if (k === cut) {
      out[o + 4] = posAbove + 0; // + 0 turns the −0 start into 0
      out[o + 5] = negAbove + 0;
    }
    const w = weights[positions === null ? k : (positions[k] as number)] as number;
    const f = flags[k] as number;
    const p = w * (f & POSITIVE);
    if ((f & SINGLE) !== 0) {
      const q = w - p;
      twiceU += q * (2 * posAbove + p);
      posAbove += p;
      negAbove += q;
      // p = 0 gives x = 0, which leaves the Neumaier sum unchanged (no branch to mispredict).
      const x = (p * posAbove) / Math.max(posAbove + negAbove, 1);
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
    } else {
      tieP += p;
      tieN += w - p;
      if ((f & TIE_END) !== 0) {
        twiceU += tieN * (2 * posAbove + tieP);
        posAbove += tieP;
        negAbove += tieN;
        const x = (tieP * posAbove) / Math.max(posAbove + negAbove, 1);
        const t = s + x;
        c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
        s = t;
        tieP = -0;
        tieN = -0;
      }
    }
  }
  out[o] = twiceU + 0;
  out[o + 1] = posAbove + 0;
  out[o + 2] = negAbove + 0;
  out[o + 3] = s + c + 0;
  if (cut >= to) {
    out[o + 4] = posAbove + 0;
    out[o + 5] = negAbove + 0;
  }
}

/** roc_auc from a walk's values; NaN when one class has no weight. */
export function rocAucOfWalk(v: Float64Array, o: number): number {
  const p = v[o + 1] as number;
  const n = v[o + 2] as number;
  if (p === 0 || n === 0) return Number.NaN;
  return (v[o] as number) / (2 * p * n);
}

/** average_precision from a walk's values; 0 when no positive has weight (sklearn's value). */
export function averagePrecisionOfWalk(v: Float64Array, o: number): number {
  const p = v[o + 1] as number;
  return p === 0 ? 0 : (v[o + 3] as number) / p;
}
