/**
 * The comparison's numbers without resampling, for large holdouts (issue 12): point estimates
 * from the metric functions on each group (points.ts: scikit-learn's values, the kernels' at unit
 * weights) and each metric's standard errors from
 * its influence function (influence.ts), in the shape of a bootstrap run with 0 resamples, so the
 * comparison reads both alike; multiclass metrics' from influence-multiclass.ts.
 */

import type { GroupBootstrap, MetricBootstrap, PairedBootstrap } from './bootstrap.js';
import { metricHead, pointEstimates } from './bootstrap.js';
import { binaryInfluence, type InfluenceTable, regressionInfluence } from './influence.js';
import { multiclassInfluence } from './influence-multiclass.js';
import type { KernelSpec } from './kernel-spec.js';
import { multiclassKernel } from './multiclass-kernel.js';
import { type PairOrders, pairOrders } from './order.js';
import { binaryPoints, type PointTable, regressionPoints } from './points.js';

export function asymptoticComparison(
  spec: KernelSpec,
  seed: number,
  /** For a binary task, both models' descending score orders (order.ts), if the caller has them. */
  orders?: PairOrders,
): PairedBootstrap {
  let points: PointTable;
  let table: InfluenceTable;
  if (spec.task === 'binary') {
    // One sort per model serves the points (roc_auc, average_precision) and the gradients.
    const shared = orders ?? pairOrders(spec.input.candidate, spec.input.baseline);
    points = binaryPoints(spec.input, shared);
    table = binaryInfluence(spec.input, shared);
  } else if (spec.task === 'regression') {
    points = regressionPoints(spec.input);
    table = regressionInfluence(spec.input);
  } else {
    // Multiclass kernels are cheap to build (no sort): their unit-weight evaluation is the points.
    const kernel = multiclassKernel(spec.input);
    const values = pointEstimates(kernel);
    points = { metrics: kernel.metrics, groups: kernel.groups, values };
    table = multiclassInfluence(spec.input);
  }
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
