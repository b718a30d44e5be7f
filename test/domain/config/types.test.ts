/** The parsed config's type, spelled out: the contract the rest of model-gate reads. */
import { describe, expectTypeOf, it } from 'vitest';
import type { MetricName } from '../../../src/domain/config/metrics.js';
import type { ModelEntry } from '../../../src/domain/config/models.js';
import type { DriftConfig, GateConfig, Rule, SliceSpec } from '../../../src/domain/config/parse.js';
import type { Task } from '../../../src/domain/task.js';

type ExpectedRule =
  | { metric: MetricName; min: number; slices: boolean }
  | { metric: MetricName; max: number; slices: boolean }
  | {
      metric: MetricName;
      vs_baseline: { max_drop: number } | { min_delta: number };
      slices: boolean;
    }
  | { flips: { max_negative_rate: number }; slices: boolean }
  | {
      latency: {
        p95_ms?: { max: number } | undefined;
        vs_baseline?: { max_ratio: number } | undefined;
        batch: number;
      };
    }
  | {
      memory: {
        peak_mb?: { max: number } | undefined;
        vs_baseline?: { max_ratio: number } | undefined;
        batch: number;
      };
    }
  | { size_mb: { max: number } };

interface ExpectedConfig {
  version: 1;
  task?: Task | undefined;
  label: string;
  positive_label?: string | number | undefined;
  threshold: number;
  features?: string[] | undefined;
  models: { candidate: ModelEntry; baseline: ModelEntry };
  data: { holdout?: string | undefined; reference?: string | undefined };
  cards: { candidate?: string | undefined; baseline?: string | undefined };
  rules?: ExpectedRule[] | undefined;
  slices: SliceSpec[];
  min_slice_size: number;
  drift: false | DriftConfig;
  statistics: { confidence: number; bootstrap: number; seed: number };
  on_inconclusive: 'fail' | 'pass' | 'warn';
}

describe('GateConfig', () => {
  it('is the type spelled out in ExpectedConfig', () => {
    expectTypeOf<GateConfig>().toEqualTypeOf<ExpectedConfig>();
    expectTypeOf<Rule>().toEqualTypeOf<ExpectedRule>();
  });
});
