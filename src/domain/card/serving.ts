/**
 * A card's serving section (schema.ts `serving`) from what the gate measured of one model: its
 * file, the 256-row latency check every gate makes and the batches latency rules timed, the
 * peak memory memory rules measured, and its serving contract's columns.
 */
import { baseType, type ServingContract } from '../contract/index.js';
import type { ServingJson } from '../gate/report.js';
import { MIB } from '../units.js';
import type { LatencyJson } from './diff-types.js';
import type { CardServing } from './schema.js';

export interface CardServingInput {
  readonly bytes: number;
  readonly threads: number | null;
  /** The gate's latency check on 256 rows (or the model's fixed batch). */
  readonly latency: LatencyJson | null;
  /** report.json `serving`, when a rule measured it. */
  readonly serving: ServingJson | undefined;
  readonly side: 'candidate' | 'baseline';
  readonly contract: ServingContract | null;
}

export function cardServing(input: CardServingInput): CardServing {
  const { serving, side } = input;
  const latency: CardServing['latency'][number][] = input.latency ? [{ ...input.latency }] : [];
  for (const l of serving?.latency ?? []) {
    const s = l[side];
    latency.push({ batch_rows: l.batch_rows, runs: l.rounds, p50_ms: s.p50_ms, p95_ms: s.p95_ms });
  }
  latency.sort((a, b) => a.batch_rows - b.batch_rows || b.runs - a.runs);
  const memory = (serving?.memory ?? []).flatMap((m) => {
    const s = m[side];
    return s ? [{ batch_rows: m.batch_rows, peak_mb: s.peak_mb, resident_mb: s.resident_mb }] : [];
  });
  const request = Object.entries(input.contract?.properties ?? {}).map(([name, p]) => ({
    name,
    type: baseType(p),
    nullable: Array.isArray(p.type),
    minimum: p.minimum ?? null,
    maximum: p.maximum ?? null,
    categories: p.enum ? p.enum.filter((v) => v !== null).length : null,
  }));
  return {
    file_mb: input.bytes / MIB,
    threads: input.threads,
    latency,
    memory,
    request,
  };
}
