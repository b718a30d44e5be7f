/**
 * Influence-function standard errors of the multiclass metrics (influence.ts has the method and
 * the binary and regression ones). Per group, with N rows, the counts TP_c (true c predicted c),
 * PP_c (predicted c) and S_c (true c), and K the classes present (PP_c + S_c > 0) — as
 * metrics/multiclass-confusion.ts averages them, zero_division = 0 — a row with true class a and
 * predicted class b (argmax) moves:
 *
 *   accuracy, recall_weighted (= accuracy)   g = ([a = b] − acc) / N
 *   precision_c = TP_c/PP_c                  only c = b:  ([a = b] − prec_b) / PP_b
 *   recall_c = TP_c/S_c                      only c = a:  ([a = b] − rec_a) / S_a
 *   f1_c = 2·TP_c/(PP_c + S_c)               c ∈ {a, b}:  (2[a = c][b = c] − f1_c·([b = c] + [a = c])) / (PP_c + S_c)
 *   _macro = (1/K) Σ_c m_c                   g = (1/K) Σ_c ∂m_c
 *   _weighted = Σ_c S_c·m_c / N              g = (m_a + Σ_c S_c·∂m_c − M) / N
 *   log_loss = Σ ℓ / N                        g = (ℓ_k − log_loss) / N
 *
 * Only the classes a and b of a row have a non-zero ∂m_c, so each row costs O(1) per metric; the
 * counts come from one pass and the squared gradients from a second, both over every grouping.
 */

import { argmaxRows } from '../metrics/multiclass-confusion.js';
import { fill, type InfluenceTable, membership, ordered } from './influence.js';
import { MULTICLASS_BOOTSTRAP_METRICS } from './kernel.js';
import { logLossTerms, type MulticlassPairInput } from './multiclass-kernel.js';

const M = MULTICLASS_BOOTSTRAP_METRICS.length;

/** Per group, one model's counts and the values its gradients need. */
interface ModelCounts {
  readonly tp: Float64Array; // [g·C + c]
  readonly pp: Float64Array;
  readonly loss: Float64Array; // [g]: Σ ℓ
}

export function multiclassInfluence(input: MulticlassPairInput): InfluenceTable {
  const { y, nClasses: C } = input;
  const n = y.length;
  const m = membership(n, input.slicings ?? []);
  const G = m.groups;
  const predicted = [argmaxRows(input.candidate, C), argmaxRows(input.baseline, C)] as const;
  const losses = [logLossTerms(y, input.candidate, C), logLossTerms(y, input.baseline, C)] as const;
  const N = new Float64Array(G);
  const S = new Float64Array(G * C);
  const counts: ModelCounts[] = [0, 1].map(() => ({
    tp: new Float64Array(G * C),
    pp: new Float64Array(G * C),
    loss: new Float64Array(G),
  }));
  for (const of of m.of) {
    for (let k = 0; k < n; k++) {
      const g = of[k] as number;
      if (g < 0) continue;
      const a = y[k] as number;
      N[g] = (N[g] as number) + 1;
      S[g * C + a] = (S[g * C + a] as number) + 1;
      for (let side = 0; side < 2; side++) {
        const c = counts[side] as ModelCounts;
        const b = (predicted[side] as Int32Array)[k] as number;
        c.pp[g * C + b] = (c.pp[g * C + b] as number) + 1;
        if (a === b) c.tp[g * C + b] = (c.tp[g * C + b] as number) + 1;
        c.loss[g] = (c.loss[g] as number) + ((losses[side] as Float64Array)[k] as number);
      }
    }
  }
  // Per group and model: each class's precision, recall, f1 and 1/(PP + S); K; the averages.
  const values = counts.map((c) => {
    const prec = new Float64Array(G * C);
    const rec = new Float64Array(G * C);
    const f1 = new Float64Array(G * C);
    const inverseD = new Float64Array(G * C);
    const K = new Float64Array(G);
    const avg = new Float64Array(G * M); // the metrics, in MULTICLASS_BOOTSTRAP_METRICS order
    for (let g = 0; g < G; g++) {
      let correct = 0;
      let pM = 0;
      let rM = 0;
      let fM = 0;
      let pW = 0;
      let fW = 0;
      for (let j = 0; j < C; j++) {
        const i = g * C + j;
        const tp = c.tp[i] as number;
        const pp = c.pp[i] as number;
        const s = S[i] as number;
        if (pp + s === 0) continue;
        K[g] = (K[g] as number) + 1;
        correct += tp;
        prec[i] = pp > 0 ? tp / pp : 0;
        rec[i] = s > 0 ? tp / s : 0;
        f1[i] = (2 * tp) / (pp + s);
        inverseD[i] = 1 / (pp + s);
        pM += prec[i] as number;
        rM += rec[i] as number;
        fM += f1[i] as number;
        pW += s * (prec[i] as number);
        fW += s * (f1[i] as number);
      }
      const w = N[g] as number;
      const k = K[g] as number;
      const at = g * M;
      avg.set(
        [
          correct / w,
          pM / k,
          rM / k,
          fM / k,
          pW / w,
          correct / w,
          fW / w,
          (c.loss[g] as number) / w,
        ],
        at,
      );
    }
    return { prec, rec, f1, inverseD, K, avg };
  });
  const squares = new Float64Array(G * M * 3);
  const grad = [new Float64Array(M), new Float64Array(M)] as const;
  for (let k = 0; k < n; k++) {
    const a = y[k] as number;
    for (const of of m.of) {
      const g = of[k] as number;
      if (g < 0) continue;
      const w = N[g] as number;
      for (let side = 0; side < 2; side++) {
        const v = values[side] as (typeof values)[number];
        const out = grad[side] as Float64Array;
        const b = (predicted[side] as Int32Array)[k] as number;
        const ia = g * C + a;
        const ib = g * C + b;
        const hit = a === b ? 1 : 0;
        const K = v.K[g] as number;
        const dPrec =
          (hit - (v.prec[ib] as number)) / ((counts[side] as ModelCounts).pp[ib] as number);
        const dRec = (hit - (v.rec[ia] as number)) / (S[ia] as number);
        // ∂f1_c for c = a and c = b (one class when a = b).
        const dF1a = hit
          ? (2 - 2 * (v.f1[ia] as number)) * (v.inverseD[ia] as number)
          : -(v.f1[ia] as number) * (v.inverseD[ia] as number);
        const dF1b = hit ? 0 : -(v.f1[ib] as number) * (v.inverseD[ib] as number);
        out[0] = (hit - (v.avg[g * M + 0] as number)) / w;
        out[1] = dPrec / K;
        out[2] = dRec / K;
        out[3] = (dF1a + dF1b) / K;
        out[4] =
          ((v.prec[ia] as number) + (S[ib] as number) * dPrec - (v.avg[g * M + 4] as number)) / w;
        out[5] = (hit - (v.avg[g * M + 5] as number)) / w;
        out[6] =
          ((v.f1[ia] as number) +
            (S[ia] as number) * dF1a +
            (S[ib] as number) * dF1b -
            (v.avg[g * M + 6] as number)) /
          w;
        out[7] = (((losses[side] as Float64Array)[k] as number) - (v.avg[g * M + 7] as number)) / w;
      }
      for (let j = 0; j < M; j++) {
        const gc = grad[0][j] as number;
        const gb = grad[1][j] as number;
        const o = (g * M + j) * 3;
        squares[o] = (squares[o] as number) + gc * gc;
        squares[o + 1] = (squares[o + 1] as number) + gb * gb;
        squares[o + 2] = (squares[o + 2] as number) + (gc - gb) * (gc - gb);
      }
    }
  }
  const table: InfluenceTable = Array.from({ length: G }, () => ({}));
  fill(table, MULTICLASS_BOOTSTRAP_METRICS, squares);
  return ordered(table, MULTICLASS_BOOTSTRAP_METRICS);
}
