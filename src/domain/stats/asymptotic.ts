/**
 * The comparison's numbers without resampling, for large holdouts (issue 12): point estimates
 * from the metric functions on each group (points.ts: scikit-learn's values, the kernels' at unit
 * weights) and each metric's standard errors from
 * its influence function (influence.ts), in the shape of a bootstrap run with 0 resamples, so the
 * comparison reads both alike. Multiclass has no influence functions here: null, and the caller
 * keeps the bootstrap.
 */

import type { GroupBootstrap, MetricBootstrap, PairedBootstrap } from './bootstrap.js';
import { metricHead } from './bootstrap.js';
import { binaryInfluence, type InfluenceTable, regressionInfluence } from './influence.js';
import type { KernelSpec } from './kernel-spec.js';
import { binaryPoints, type PointTable, regressionPoints } from './points.js';

export function asymptoticComparison(spec: KernelSpec, seed: number): PairedBootstrap | null {
  let points: PointTable;
  let table: InfluenceTable;
  if (spec.task === 'binary') {
    points = binaryPoints(spec.input);
    table = binaryInfluence(spec.input);
  } else if (spec.task === 'regression') {
    points = regressionPoints(spec.input);
    table = regressionInfluence(spec.input);
  } else return null;
  const M = points.metrics.length;
  const none = new Float64Array(0);
  const groups = points.groups.map((group): GroupBootstrap => {
    const metrics: Record<string, MetricBootstrap> = {};
    points.metrics.forEach((metric, m) => {
      const j = (group.index * M + m) * 2;
      const se = table[group.index]?.[metric];
      metrics[metric] = {
        ...metricHead(metric, points.values[j] as number, points.values[j + 1] as number),
        samples: { candidate: none, baseline: none, delta: none },
        undefinedResamples: 0,
        ...(se ? { influence: se } : {}),
      };
    });
    return { ...group, metrics };
  });
  return { task: spec.task, seed, resamples: 0, groups };
}
