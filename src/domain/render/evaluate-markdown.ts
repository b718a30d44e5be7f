/**
 * `evaluate --markdown`: the report as GitHub-flavoured Markdown, from report.json alone. Every
 * string from a file (paths, column names, producer) goes through markdown/escape.ts.
 */
import type { EvaluateReport } from '../report.js';
import { formatBytes, formatCount, formatMetric, formatMs } from './format.js';
import {
  blocks,
  code,
  heading,
  inline,
  type Md,
  raw,
  small,
  table,
  text,
} from './markdown/index.js';
import { modelLines, outcomesText } from './model-reading.js';

const num = (value: string): Md => raw(value);

export function renderEvaluateMarkdown(report: EvaluateReport): string {
  const m = report.model;
  const contract = m.contract;
  const task = report.task_inferred
    ? raw(`${report.task} (inferred: ${text(report.task_reason)})`)
    : raw(report.task);
  const confusion =
    report.confusion && 'tp' in report.confusion
      ? table(
          [
            { header: raw('') },
            { header: raw('predicted positive'), align: 'right' },
            { header: raw('predicted negative'), align: 'right' },
          ],
          [
            [
              raw('actual positive'),
              num(String(report.confusion.tp)),
              num(String(report.confusion.fn)),
            ],
            [
              raw('actual negative'),
              num(String(report.confusion.fp)),
              num(String(report.confusion.tn)),
            ],
          ],
        )
      : null;
  const missing = Object.entries(report.data.missing).filter(([, n]) => n > 0);
  const opsets = Object.entries(contract?.opsets ?? {})
    .map(([d, v]) => `${text(d)} ${v}`)
    .join(', ');
  const md = blocks(
    heading(2, raw(`model-gate evaluate: ${text(m.path)}`)),
    raw(
      `**Task:** ${task} · **Rows:** ${formatCount(report.rows)} · **Label:** ${code(report.label.column)}`,
    ),
    report.task === 'binary' &&
      raw(
        `**Positive class:** ${code(report.label.positive_label ?? '')} · **Threshold:** ${report.threshold}`,
      ),
    table(
      [{ header: raw('metric') }, { header: raw('value'), align: 'right' }],
      Object.entries(report.metrics).map(([name, value]) => [text(name), num(formatMetric(value))]),
    ),
    confusion,
    missing.length > 0 &&
      table(
        [{ header: raw('column') }, { header: raw('missing cells'), align: 'right' }],
        missing.map(([column, n]) => [text(column), num(formatCount(n))]),
      ),
    table(
      [{ header: raw('') }, { header: raw('model') }, { header: raw('holdout') }],
      [
        [raw('file'), code(m.path), code(report.data.path)],
        [raw('sha256'), code(m.sha256), code(report.data.sha256)],
        [raw('size'), num(formatBytes(m.bytes)), num(formatBytes(report.data.bytes))],
      ],
    ),
    report.outcomes && raw(`**Outcomes:** ${text(outcomesText(report.outcomes))}.`),
    contract &&
      raw(
        `Model: ${text(contract.producer || 'unknown producer')} ${text(contract.producer_version)}, IR ${contract.ir_version}, opsets ${opsets}; ${contract.inputs.length} inputs.`,
      ),
    raw(
      `Scores: ${modelLines(m)
        .map((l) => text(l))
        .join('; ')}.`,
    ),
    small(
      inline([
        raw(`model-gate ${text(report.tool.version)}`),
        raw(`read ${formatMs(report.timings.read_ms)}`),
        raw(`inference ${formatMs(report.timings.infer_ms)}`),
        raw(`metrics ${formatMs(report.timings.metrics_ms)}`),
      ]),
    ),
  );
  return `${md}\n`;
}
