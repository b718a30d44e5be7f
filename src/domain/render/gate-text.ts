/**
 * What `gate` prints: the verdict in one line, one line per rule, and the metrics with their
 * intervals. (The full PR-comment Markdown is another renderer; this one is the terminal's.)
 */
import type { GateReport, Pair } from '../gate/report.js';
import { risks } from '../gate/risks.js';
import { formatMetric, textTable } from './format.js';
import { modelLines } from './model-reading.js';

function ci(p: Pair | null): string {
  return p ? `[${formatMetric(p[0])}, ${formatMetric(p[1])}]` : 'n/a';
}

/** '' for the whole holdout, ' [Contract = Month-to-month]' for a slice. */
export function ruleScope(s: GateReport['decision']['rules'][number]['scope']): string {
  return s === 'overall' ? '' : ` [${s.slicing} = ${s.slice}]`;
}

/**
 * The verdict in one line, as a CI log ends: "model-gate: PASS — 4 rules passed", or
 * "model-gate: FAIL — 1 of 4 rules failed: roc_auc ≥ 0.8; …" naming the first five that decided.
 */
export function verdictLine(report: GateReport): string {
  const { verdict, rules } = report.decision;
  const total = `${rules.length} rule${rules.length === 1 ? '' : 's'}`;
  if (verdict === 'PASS') {
    return `model-gate: PASS — ${rules.length === 0 ? 'no rule applied' : `${total} passed`}`;
  }
  const deciding = rules.filter((r) => r.outcome === verdict);
  const named = deciding.slice(0, 5).map((r) => `${r.rule}${ruleScope(r.scope)}`);
  if (deciding.length > 5) named.push(`and ${deciding.length - 5} more`);
  const word = verdict === 'FAIL' ? 'failed' : 'inconclusive';
  return `model-gate: ${verdict} — ${deciding.length} of ${total} ${word}: ${named.join('; ')}`;
}

export function renderGateText(report: GateReport): string {
  const d = report.decision;
  const counts = ['FAIL', 'INCONCLUSIVE', 'PASS'].map(
    (o) => `${d.rules.filter((r) => r.outcome === o).length} ${o.toLowerCase()}`,
  );
  const lines = [
    `${d.verdict}: ${counts.join(', ')} (${report.task}, ${report.rows.toLocaleString('en-US')} rows)`,
  ];
  if (d.verdict === 'INCONCLUSIVE') {
    lines.push(`on_inconclusive: ${d.on_inconclusive} -> exit ${d.exit_code}`);
  }
  for (const risk of risks(report)) lines.push(`RISK       ${risk}`);
  for (const side of ['candidate', 'baseline'] as const) {
    lines.push(`${side.padEnd(10)} ${modelLines(report.models[side]).join('; ')}`);
  }
  lines.push('');
  for (const r of d.rules) {
    lines.push(
      `${r.outcome.padEnd(12)} ${r.rule}${ruleScope(r.scope)}: ${formatMetric(r.value)} ${ci(r.ci)} (${r.method}; point estimate ${r.point_outcome}) — ${r.reason}`,
    );
  }
  for (const note of d.notes) lines.push(`NOTE         ${note}`);
  lines.push(
    '',
    ...textTable([
      [
        'metric',
        'baseline',
        'candidate',
        'delta (+ = better)',
        `${Math.round(report.comparison.confidence * 100)}% CI of delta`,
      ],
      ...Object.entries(report.comparison.metrics).map(([name, m]) => [
        name,
        formatMetric(m.baseline),
        formatMetric(m.candidate),
        formatMetric(m.delta),
        ci(m.ci.delta),
      ]),
    ]),
  );
  if (report.flips) {
    const f = report.flips;
    lines.push(
      '',
      `flips     ${f.negative} rows right -> wrong (${(f.negative_rate * 100).toFixed(2)}%), ${f.positive} wrong -> right (${(f.positive_rate * 100).toFixed(2)}%)`,
    );
  }
  const drift = report.drift;
  if (drift) {
    lines.push(
      `drift     ${(drift.dataset.drifted_share * 100).toFixed(0)}% of columns drifted${drift.dataset.drifted ? ' (dataset drift)' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
