/**
 * Parts of the gate's report.json made from what the stages returned (src/domain/gate/report.ts
 * is the contract).
 */
import type { TableRead } from '../data/read-table.js';
import { missingCounts } from '../data/table.js';
import type { GateConfig } from '../domain/config/index.js';
import type { Comparison } from '../domain/gate/compare.js';
import type { GateReport } from '../domain/gate/report.js';
import {
  probabilityDistributions,
  type ScoreDistributions,
  valueDistributions,
} from '../domain/gate/score-distributions.js';
import type { DataJson } from '../domain/report.js';
import type { Scoring } from '../domain/scoring.js';

export function dataJson(read: TableRead): DataJson {
  return {
    path: read.path,
    sha256: read.sha256,
    bytes: read.bytes,
    format: read.format,
    rows: read.table.rows,
    missing: missingCounts(read.table),
  };
}

export function comparisonJson(
  c: Comparison,
  config: GateConfig,
  threads: number,
): GateReport['comparison'] {
  return {
    confidence: config.statistics.confidence,
    // 0 when the holdout was large enough for influence-function intervals (no resampling).
    resamples: c.bootstrap.resamples,
    seed: config.statistics.seed,
    bootstrap_threads: threads,
    metrics: c.metrics,
    ...(c.delong
      ? {
          delong: {
            candidate: c.delong.candidate,
            baseline: c.delong.baseline,
            delta: c.delong.delta,
            ci: [c.delong.lower, c.delong.upper],
            z: c.delong.z,
            p_value: c.delong.pValue,
          },
        }
      : {}),
    ...(c.mcnemar ? { mcnemar: c.mcnemar } : {}),
  };
}

/** Score histograms and calibration of both models for the report's charts (none for multiclass). */
export function scoreDistributions(
  candidate: Scoring['rows'],
  baseline: Scoring['rows'],
): ScoreDistributions | null {
  if (candidate.kind === 'binary' && baseline.kind === 'binary') {
    return probabilityDistributions(candidate.y, candidate.score, baseline.score);
  }
  if (candidate.kind === 'regression' && baseline.kind === 'regression') {
    return valueDistributions(candidate.y, candidate.pred, baseline.pred);
  }
  return null;
}
