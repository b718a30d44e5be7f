/**
 * `evaluate --markdown`: the report as GitHub-flavoured Markdown, from report.json alone.
 */
import type { EvaluateReport } from '../report.js';
import { code, escapeCell } from './escape.js';
import { formatBytes, formatCount, formatMetric, formatMs } from './format.js';

export function renderEvaluateMarkdown(report: EvaluateReport): string {
  const out: string[] = [];
  out.push(`## model-gate evaluate: ${escapeCell(report.model.path)}`, '');
  const task = report.task_inferred
    ? `${report.task} (inferred: ${escapeCell(report.task_reason)})`
    : report.task;
  out.push(
    `**Task:** ${task} · **Rows:** ${formatCount(report.rows)} · **Label:** ${code(report.label.column)}`,
  );
  if (report.task === 'binary') {
    out.push(
      '',
      `**Positive class:** ${code(report.label.positive_label ?? '')} · **Threshold:** ${report.threshold}`,
    );
  }
  out.push('', '| metric | value |', '| --- | ---: |');
  for (const [name, value] of Object.entries(report.metrics))
    out.push(`| ${name} | ${formatMetric(value)} |`);
  if (report.confusion && 'tp' in report.confusion) {
    const c = report.confusion;
    out.push('', '| | predicted positive | predicted negative |', '| --- | ---: | ---: |');
    out.push(`| actual positive | ${c.tp} | ${c.fn} |`, `| actual negative | ${c.fp} | ${c.tn} |`);
  }
  const missing = Object.entries(report.data.missing).filter(([, n]) => n > 0);
  if (missing.length > 0) {
    out.push('', '| column | missing cells |', '| --- | ---: |');
    for (const [column, n] of missing) out.push(`| ${escapeCell(column)} | ${formatCount(n)} |`);
  }
  const m = report.model;
  const contract = m.contract;
  out.push(
    '',
    '| | model | holdout |',
    '| --- | --- | --- |',
    `| file | ${code(m.path)} | ${code(report.data.path)} |`,
    `| sha256 | ${code(m.sha256)} | ${code(report.data.sha256)} |`,
    `| size | ${formatBytes(m.bytes)} | ${formatBytes(report.data.bytes)} |`,
    '',
    `Model: ${escapeCell(contract.producer || 'unknown producer')} ${escapeCell(contract.producer_version)}, IR ${contract.ir_version}, opsets ${Object.entries(
      contract.opsets,
    )
      .map(([d, v]) => `${escapeCell(d)} ${v}`)
      .join(', ')}; ${contract.inputs.length} inputs; scores from ${code(m.output)} (${m.score}).`,
    '',
    `<sub>model-gate ${escapeCell(report.tool.version)} · read ${formatMs(report.timings.read_ms)} · inference ${formatMs(report.timings.infer_ms)} · metrics ${formatMs(report.timings.metrics_ms)}</sub>`,
    '',
  );
  return out.join('\n');
}
