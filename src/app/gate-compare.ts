/**
 * The paired comparison stage: the config's slicings on the holdout, the bootstrap (one shard
 * per thread), DeLong and McNemar, and the prediction flips.
 */
import type { Column } from '../data/table.js';
import {
  ASYMPTOTIC_ROWS,
  type Comparison,
  compareModels,
  comparisonKernel,
  type NamedSlicing,
} from '../domain/gate/compare.js';
import { binaryCorrect, countFlips, type Flips, multiclassCorrect } from '../domain/gate/flips.js';
import { binSlicing, categorySlicing } from '../domain/gate/slices.js';
import type { Scoring } from '../domain/scoring.js';
import { asymptoticComparison, pairOrders } from '../domain/stats/index.js';
import type { BySide, GateInputs } from './gate-inputs.js';
import type { Scored } from './gate-scoring.js';
import { parallelBootstrap } from './parallel-bootstrap.js';

export interface CompareStage {
  readonly comparison: Comparison;
  readonly flips: Flips | null;
  readonly bootstrapThreads: number;
}

export async function compareStage(
  inputs: GateInputs,
  scored: BySide<Scored>,
  threads: number,
  workerUrl: URL | null,
): Promise<CompareStage> {
  const { config } = inputs;
  const slicings = slicingsOf(inputs);
  const candidate = scored.candidate.scoring;
  const baseline = scored.baseline.scoring;
  const spec = comparisonKernel(candidate.rows, baseline.rows, slicings);
  const seed = config.statistics.seed;
  const large = candidate.rows.y.length >= ASYMPTOTIC_ROWS;
  // Binary scores are sorted once per model, for every ranking statistic of a large holdout.
  const orders =
    large && candidate.rows.kind === 'binary' && baseline.rows.kind === 'binary'
      ? pairOrders(candidate.rows.score, baseline.rows.score)
      : undefined;
  const asymptotic = large ? asymptoticComparison(spec, seed, orders) : null;
  const bootstrap =
    asymptotic === null
      ? await parallelBootstrap(spec, {
          resamples: config.statistics.bootstrap,
          seed,
          threads,
          workerUrl,
        })
      : { ...asymptotic, threads: 0 };
  const comparison = compareModels(
    candidate.rows,
    baseline.rows,
    slicings,
    { confidence: config.statistics.confidence, minSliceSize: config.min_slice_size },
    bootstrap,
    orders,
  );
  return {
    comparison,
    flips: flipsOf(candidate, baseline, slicings),
    bootstrapThreads: bootstrap.threads,
  };
}

function slicingsOf(inputs: GateInputs): NamedSlicing[] {
  return inputs.config.slices.map((spec): NamedSlicing => {
    const column = inputs.holdout.table.columns.get(spec.column) as Column;
    const source =
      column.kind === 'number'
        ? { kind: 'number' as const, name: spec.column, values: column.values }
        : {
            kind: 'category' as const,
            name: spec.column,
            codes: column.codes,
            levels: column.levels,
          };
    return {
      ...(spec.bins ? binSlicing(source, spec.bins) : categorySlicing(source)),
      name: spec.name,
    };
  });
}

function flipsOf(
  candidate: Scoring,
  baseline: Scoring,
  slicings: readonly NamedSlicing[],
): Flips | null {
  const c = candidate.rows;
  const b = baseline.rows;
  if (c.kind === 'binary' && b.kind === 'binary') {
    return countFlips(
      binaryCorrect(b.y, b.score, b.threshold),
      binaryCorrect(c.y, c.score, c.threshold),
      slicings,
    );
  }
  if (c.kind === 'multiclass' && b.kind === 'multiclass') {
    return countFlips(
      multiclassCorrect(b.y, b.proba, b.classes),
      multiclassCorrect(c.y, c.proba, c.classes),
      slicings,
    );
  }
  return null;
}
