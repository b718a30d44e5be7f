/**
 * Numbers of the gate report as Markdown: values as report.json holds them, only formatted
 * (nothing recomputed). Deltas carry their sign; intervals read [lower, upper].
 */
import type { CardDiff } from '../../card/diff-types.js';
import type { GateReport, Pair, Verdict } from '../../gate/report.js';
import type { ScoreDistributions } from '../../gate/score-distributions.js';
import { formatCount, formatMetric } from '../format.js';
import { type Md, raw } from '../markdown/index.js';

/** What the renderer reads: report.json, with the card diff and score bins when present. */
export type GateMarkdownReport = GateReport & {
  readonly card_diff?: CardDiff | null;
  readonly scores?: ScoreDistributions | null;
};

export function num(value: number | null | undefined): Md {
  return raw(formatMetric(value));
}

export function signed(value: number | null | undefined): Md {
  const s = formatMetric(value);
  return raw(value !== null && value !== undefined && value > 0 ? `+${s}` : s);
}

export function interval(p: Pair | null | undefined): Md {
  return raw(p ? `[${formatMetric(p[0])}, ${formatMetric(p[1])}]` : '—');
}

export function count(n: number): Md {
  return raw(formatCount(n));
}

export function percent(share: number, digits = 2): Md {
  return raw(Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : 'n/a');
}

/** "p = 0.093", tiny ones "p < 0.0001" (two significant digits). */
export function pValue(p: number | null | undefined, name = 'p'): Md {
  if (p === null || p === undefined || Number.isNaN(p)) return raw(`${name} n/a`);
  if (p < 1e-4) return raw(`${name} < 0.0001`);
  return raw(`${name} = ${Number(p.toPrecision(2))}`);
}

/** A bound or threshold as people write it: up to 4 significant digits. */
export function plain(x: number): Md {
  if (!Number.isFinite(x)) return raw(formatMetric(x));
  return raw(String(Number(x.toPrecision(4))));
}

export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

export const OUTCOME_MARK: Readonly<Record<Verdict, string>> = {
  PASS: '✅',
  FAIL: '❌',
  INCONCLUSIVE: '⚠️',
};

/** "1 rule", "3 rules". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}

/** How a delta's interval reads: clearly better, clearly worse, or within the noise. */
export function reading(ci: Pair | null): Md {
  if (!ci) return raw('');
  if (ci[0] > 0) return raw('better');
  if (ci[1] < 0) return raw('**worse**');
  return raw('within noise');
}
