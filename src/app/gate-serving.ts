/**
 * What the serving rules are judged on (issue 13): for each batch size a latency rule names,
 * interleaved rounds of both ONNX models on the holdout's rows (runtime/latency.ts) with the
 * candidate's p95 and the median ratio, each with a seeded bootstrap interval over the rounds
 * (domain/stats/latency.ts); for each batch size a memory rule names, the peak session memory in
 * a process of its own (runtime/memory.ts); and the candidate's file size. Every session runs with
 * the gate's intra-op threads (--threads), recorded beside the figures.
 */
import { isServingRule, type Rule } from '../domain/config/index.js';
import { InputError } from '../domain/errors.js';
import { type LatencyEvidence, ruleText, type ServingMeasures } from '../domain/gate/evidence.js';
import type { ServingJson } from '../domain/gate/report.js';
import { latencyP95, latencyRatio, percentile } from '../domain/stats/index.js';
import { MIB } from '../domain/units.js';
import { measureRounds, type TimedModel } from '../runtime/latency.js';
import {
  measureSessionMemory,
  PROBE_RUNS,
  probeRequest,
  type SessionMemory,
} from '../runtime/memory.js';
import type { BySide, GateInputs } from './gate-inputs.js';
import type { Scored } from './gate-scoring.js';
import type { Progress } from './progress.js';

/** The rounds' settings: a few seconds a batch size at most, and enough rounds for an interval. */
export const LATENCY_ROUNDS = { warmup: 5, minRounds: 40, maxRounds: 400, budgetMs: 3000 };
const RESAMPLES = 1000;

function timed(s: Scored): TimedModel | null {
  const onnx = s.values.onnx;
  return onnx
    ? { model: onnx.model, plans: onnx.plans, output: s.values.output, batch: onnx.batch }
    : null;
}

export async function servingMeasures(
  inputs: GateInputs,
  scored: BySide<Scored>,
  rules: readonly Rule[],
  options: {
    readonly bytes: { readonly candidate: number; readonly baseline: number | null };
    readonly threads: number;
    readonly now: () => number;
    readonly progress: Progress;
    /** The memory probe's entry (worker-script.ts probeScript); null where there is none. */
    readonly probe: URL | null;
  },
): Promise<{ measures: ServingMeasures; json: ServingJson } | null> {
  const serving = rules.flatMap((rule, i) => (isServingRule(rule) ? [{ rule, i }] : []));
  if (serving.length === 0) return null;
  const candidate = timed(scored.candidate);
  const baseline = timed(scored.baseline);
  const source = inputs.file.path;
  for (const { rule, i } of serving) {
    const vsBaseline =
      ('latency' in rule && rule.latency.vs_baseline) ||
      ('memory' in rule && rule.memory.vs_baseline);
    const side =
      candidate === null ? 'candidate' : vsBaseline && baseline === null ? 'baseline' : null;
    if (side) {
      throw new InputError(
        `${source}: rules[${i}] (${ruleText(rule)}) measures the ${side}'s ONNX model, but the ${side} comes as predictions`,
        `Give the ${side}'s ONNX model in models.${side}, or remove the rule.`,
      );
    }
  }
  const { statistics } = inputs.config;
  const latency = new Map<number, { p95: LatencyEvidence; ratio: LatencyEvidence }>();
  const json: ServingJson['latency'][number][] = [];
  const batches = [
    ...new Set(serving.flatMap(({ rule }) => ('latency' in rule ? [rule.latency.batch] : []))),
  ].sort((a, b) => a - b);
  for (const batch of batches) {
    const c = candidate as TimedModel;
    // A p95 rule alone, against a baseline given as predictions: the candidate on both sides.
    const b = baseline ?? c;
    options.progress.stage(`timing both models at batch ${batch}`);
    const rounds = await measureRounds(c, b, inputs.holdout.table, {
      ...LATENCY_ROUNDS,
      batchRows: batch,
      now: options.now,
      onRound: (done, total) => options.progress.update(done, total, 'runs'),
    });
    const settings = {
      confidence: statistics.confidence,
      resamples: RESAMPLES,
      seed: statistics.seed,
    };
    const p95 = latencyP95(rounds, settings);
    const ratio = latencyRatio(rounds, settings);
    const n = rounds.candidate.length;
    latency.set(batch, { p95: { ...p95, rounds: n }, ratio: { ...ratio, rounds: n } });
    const summary = (times: Float64Array) => ({
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
    });
    json.push({
      batch,
      batch_rows: rounds.batchRows,
      rounds: n,
      candidate: summary(rounds.candidate),
      baseline: summary(rounds.baseline),
      p95_ci: [p95.lower, p95.upper],
      ratio: ratio.value,
      ratio_ci: [ratio.lower, ratio.upper],
    });
  }
  const memory = await memoryMeasures(inputs, serving, { candidate, baseline }, options);
  const candidateMb = options.bytes.candidate / MIB;
  return {
    measures: { latency, candidateMb, ...(memory ? { memory: memory.measures } : {}) },
    json: {
      threads: options.threads,
      latency: json,
      ...(memory ? { memory: memory.json } : {}),
      size_mb: {
        candidate: candidateMb,
        baseline: options.bytes.baseline === null ? null : options.bytes.baseline / MIB,
      },
    },
  };
}

type MemoryJson = NonNullable<ServingJson['memory']>[number];

/**
 * For each batch size a memory rule names: the candidate, and the baseline where a vs_baseline
 * rule compares with it, each loaded and run in a probe process of its own (runtime/memory.ts),
 * one after the other, so neither shares the machine's memory with the other.
 */
async function memoryMeasures(
  inputs: GateInputs,
  serving: readonly { readonly rule: Rule }[],
  models: { readonly candidate: TimedModel | null; readonly baseline: TimedModel | null },
  options: { readonly threads: number; readonly progress: Progress; readonly probe: URL | null },
): Promise<{ measures: NonNullable<ServingMeasures['memory']>; json: MemoryJson[] } | null> {
  const batches = [
    ...new Set(serving.flatMap(({ rule }) => ('memory' in rule ? [rule.memory.batch] : []))),
  ].sort((a, b) => a - b);
  if (batches.length === 0) return null;
  const probe = options.probe;
  if (probe === null) {
    throw new Error(
      "a memory rule needs model-gate's probe process (probe/index.js beside the build), and this build has none",
    );
  }
  const measures = new Map<number, { candidateMb: number; ratio: number | null }>();
  const json: MemoryJson[] = [];
  const table = inputs.holdout.table;
  const measure = async (m: TimedModel, role: string, batch: number) => {
    const { request, batchRows } = probeRequest(m, table, {
      batchRows: batch,
      threads: options.threads,
      role,
    });
    return { ...(await measureSessionMemory(probe, request)), batchRows };
  };
  for (const batch of batches) {
    options.progress.stage(`measuring each model's session memory at batch ${batch}`);
    const c = await measure(models.candidate as TimedModel, 'candidate', batch);
    // The baseline only where a rule compares with it: it has nothing else to answer for here.
    const compared = serving.some(
      ({ rule }) => 'memory' in rule && rule.memory.batch === batch && rule.memory.vs_baseline,
    );
    const b =
      compared && models.baseline ? await measure(models.baseline, 'baseline', batch) : null;
    // A baseline that added nothing measurable gives no ratio (the rule is then inconclusive).
    const ratio = b && b.peakBytes > 0 ? c.peakBytes / b.peakBytes : null;
    const mb = (bytes: number) => bytes / MIB;
    const side = (m: SessionMemory) => ({
      peak_mb: mb(m.peakBytes),
      resident_mb: mb(m.residentBytes),
    });
    measures.set(batch, { candidateMb: mb(c.peakBytes), ratio });
    json.push({
      batch,
      batch_rows: c.batchRows,
      runs: PROBE_RUNS,
      candidate: side(c),
      baseline: b ? side(b) : null,
      ratio,
      peak_reset: c.peakReset && (b?.peakReset ?? true),
    });
  }
  return { measures, json };
}
