/**
 * The comparison's numbers without resampling, for large holdouts (issue 12): point estimates
 * from the kernel (every weight 1: scikit-learn's values) and each metric's standard errors from
 * its influence function (influence.ts), in the shape of a bootstrap run with 0 resamples, so the
 * comparison reads both alike. Multiclass has no influence functions here: null, and the caller
 * keeps the bootstrap.
 */

import type { GroupBootstrap, MetricBootstrap, PairedBootstrap } from './bootstrap.js';
import { metricHead, pointEstimates } from './bootstrap.js';
import { binaryInfluence, type InfluenceTable, regressionInfluence } from './influence.js';
import { type KernelSpec, kernelOf } from './kernel-spec.js';

export function asymptoticComparison(spec: KernelSpec, seed: number): PairedBootstrap | null {
  let table: InfluenceTable;
  if (spec.task === 'binary') table = binaryInfluence(spec.input);
  else if (spec.task === 'regression') table = regressionInfluence(spec.input);
  else return null;
  const kernel = kernelOf(spec);
  const points = pointEstimates(kernel);
  const M = kernel.metrics.length;
  const none = new Float64Array(0);
  const groups = kernel.groups.map((group): GroupBootstrap => {
    const metrics: Record<string, MetricBootstrap> = {};
    kernel.metrics.forEach((metric, m) => {
      const j = (group.index * M + m) * 2;
      const se = table[group.index]?.[metric];
      metrics[metric] = {
        ...metricHead(metric, points[j] as number, points[j + 1] as number),
        samples: { candidate: none, baseline: none, delta: none },
        undefinedResamples: 0,
        ...(se ? { influence: se } : {}),
      };
    });
    return { ...group, metrics };
  });
  return { task: kernel.task, seed, resamples: 0, groups };
}
