/**
 * The short table `evaluate` prints: what was evaluated, then one metric per line.
 */
import type { EvaluateReport } from '../report.js';
import { formatCount, formatMetric, formatMs } from './format.js';
import { modelLines, outcomesText } from './model-reading.js';

export function renderEvaluateText(report: EvaluateReport): string {
  const task = `${report.task}${report.task_inferred ? ` (inferred: ${report.task_reason})` : ''}`;
  const lines = [
    `model     ${report.model.path}  sha256 ${report.model.sha256.slice(0, 12)}`,
    `holdout   ${report.data.path}  ${formatCount(report.rows)} rows, sha256 ${report.data.sha256.slice(0, 12)}`,
    `task      ${task}`,
  ];
  if (report.task === 'binary') {
    lines.push(
      `positive  ${report.label.column} = ${report.label.positive_label}${report.label.positive_label_inferred ? ' (default: the second class)' : ''}, threshold ${report.threshold}`,
    );
  }
  for (const line of modelLines(report.model)) lines.push(`scores    ${line}`);
  if (report.outcomes) lines.push(`outcomes  ${outcomesText(report.outcomes)}`);
  const missing = Object.entries(report.data.missing).filter(([, n]) => n > 0);
  if (missing.length > 0) {
    lines.push(`missing   ${missing.map(([c, n]) => `${c}: ${formatCount(n)}`).join(', ')}`);
  }
  lines.push('');
  const names = Object.keys(report.metrics);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  lines.push(`${'metric'.padEnd(width)}value`);
  for (const name of names)
    lines.push(`${name.padEnd(width)}${formatMetric(report.metrics[name])}`);
  for (const c of report.checks ?? []) {
    const sign = c.bound === 'min' ? '>=' : '<=';
    lines.push(
      `${c.passed ? 'PASS' : 'FAIL'}      ${c.metric} ${formatMetric(c.value)} ${sign} ${c.limit} (point estimate on ${formatCount(report.rows)} rows)`,
    );
  }
  if (report.confusion && 'tp' in report.confusion) {
    const c = report.confusion;
    lines.push('', `confusion tp ${c.tp}  fp ${c.fp}  tn ${c.tn}  fn ${c.fn}`);
  }
  const t = report.timings;
  lines.push(
    '',
    `time      read ${formatMs(t.read_ms)}, load ${formatMs(t.load_ms)}, inference ${formatMs(t.infer_ms)}, metrics ${formatMs(t.metrics_ms)}`,
  );
  return `${lines.join('\n')}\n`;
}
