/**
 * `drift --markdown`: the scheduled drift watch's report, e.g. the body of the issue a workflow
 * opens when drift is found — the verdict, reference and current data, then one row per column,
 * drifted first; degraded like the gate's report to stay under GitHub's 65,536 characters.
 */
import type { DriftReport } from '../drift/index.js';
import type { WorstColumn } from '../drift/severity.js';
import { formatMetric } from './format.js';
import { columnsTable, rankedColumns } from './gate-markdown/drift.js';
import { count, percent } from './gate-markdown/format.js';
import {
  blocks,
  code,
  fitToLimit,
  GITHUB_COMMENT_LIMIT,
  heading,
  raw,
  small,
  tableForms,
  text,
} from './markdown/index.js';

export interface DriftWatchReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly data: {
    readonly reference: { readonly path: string; readonly sha256: string; readonly rows: number };
    readonly current: { readonly path: string; readonly sha256: string; readonly rows: number };
  };
  readonly drift: DriftReport;
  /** Reference columns the current data lacks (e.g. the label of prediction logs). */
  readonly not_in_current?: readonly string[];
  readonly worst?: WorstColumn | null;
}

export function renderDriftMarkdown(report: DriftWatchReport, fullReport = 'drift.json'): string {
  const { drift, data } = report;
  const d = drift.dataset;
  const drifted = rankedColumns(drift).filter(([, c]) => c.drifted);
  const headline = blocks(
    heading(
      2,
      raw(
        `model-gate drift: ${d.drifted ? 'DRIFT' : d.drifted_columns > 0 ? 'COLUMN DRIFT' : 'NO DRIFT'}`,
      ),
    ),
    raw(
      `**${count(d.drifted_columns)} of ${count(d.columns)} columns drifted** (${percent(d.drifted_share, 0)}); the dataset counts as drifted from ${percent(d.max_drifted_share, 0)}.\\\nReference ${code(data.reference.path, 160)} (${count(data.reference.rows)} rows) → current ${code(data.current.path, 160)} (${count(data.current.rows)} rows).`,
    ),
    report.worst &&
      raw(
        `**Worst column:** ${code(report.worst.column, 60)}, ${text(report.worst.method)} ${formatMetric(report.worst.value)}: ${report.worst.excess.toFixed(1)}× its threshold ${report.worst.threshold}.`,
      ),
    (report.not_in_current?.length ?? 0) > 0 &&
      raw(
        `Not in the current data, not tested: ${(report.not_in_current ?? [])
          .slice(0, 20)
          .map((n) => code(n, 60))
          .join(', ')}.`,
      ),
  );
  const line = raw(
    `Drifted: ${drifted
      .slice(0, 20)
      .map(([name]) => text(name, 60))
      .join(', ')}${drifted.length > 20 ? ', …' : ''}`,
  );
  const md = fitToLimit(
    [
      { id: 'headline', title: 'headline', priority: 100, keep: true, forms: [{ md: headline }] },
      {
        id: 'columns',
        title: 'columns',
        priority: 50,
        forms: tableForms({
          render: (n) => columnsTable(drift, n, 'current'),
          rows: Object.keys(drift.columns).length,
          steps: [500, 200, 50],
          what: 'columns',
          summary: 'Drift, per column',
          line,
        }),
      },
      {
        id: 'footer',
        title: 'footer',
        priority: 100,
        keep: true,
        forms: [
          {
            md: small(
              raw(
                `${text(report.tool.name, 40)} ${text(report.tool.version, 40)} · reference ${code(data.reference.sha256.slice(0, 12))} · current ${code(data.current.sha256.slice(0, 12))}`,
              ),
            ),
          },
        ],
      },
    ],
    GITHUB_COMMENT_LIMIT,
    fullReport,
  );
  return `${md}\n`;
}
