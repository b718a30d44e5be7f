/**
 * `gate`'s report as the PR comment / job summary: GitHub-flavoured Markdown rendered from
 * report.json alone (no statistic is recomputed), in sections that degrade, lowest priority
 * first, to stay under GitHub's comment limit.
 */
import { fitToLimit, GITHUB_COMMENT_LIMIT, type Md, type Section } from '../markdown/index.js';
import { cardDiffForms } from './card-diff.js';
import { chartsForms } from './charts.js';
import { driftForms } from './drift.js';
import { flipsForms } from './flips.js';
import { footer } from './footer.js';
import type { GateMarkdownReport } from './format.js';
import { headline } from './headline.js';
import { metricsForms } from './metrics.js';
import { modelsForms } from './models.js';
import { rulesForms } from './rules.js';
import { slicesForms } from './slices.js';

export type { ScoreBins, ScoreDistributions } from '../../gate/score-distributions.js';
export type { GateMarkdownReport } from './format.js';

export interface GateMarkdownOptions {
  /** Characters the result may take (default GitHub's comment limit, 65,536). */
  readonly limit?: number;
  /** Where the full report is, named in the note when sections were cut (plain text). */
  readonly fullReport?: string;
  /** The id of the hidden `<!-- model-gate:<id> -->` marker the comment is found by. */
  readonly marker?: string;
  /** The commit the gate ran on, shown in the footer. */
  readonly commit?: string;
}

export const DEFAULT_FULL_REPORT = 'report.json';

export function gateSections(r: GateMarkdownReport, options: GateMarkdownOptions = {}): Section[] {
  return [
    {
      id: 'headline',
      title: 'headline',
      priority: 100,
      keep: true,
      forms: [{ md: headline(r, options.marker) }],
    },
    { id: 'rules', title: 'rules', priority: 90, forms: rulesForms(r.decision.rules) },
    { id: 'metrics', title: 'metrics', priority: 80, forms: metricsForms(r) },
    { id: 'models', title: 'how the models were read', priority: 70, forms: modelsForms(r) },
    { id: 'slices', title: 'slices', priority: 50, forms: slicesForms(r) },
    { id: 'flips', title: 'prediction flips', priority: 60, forms: flipsForms(r.flips) },
    { id: 'drift', title: 'drift', priority: 40, forms: driftForms(r) },
    { id: 'charts', title: 'charts', priority: 10, forms: chartsForms(r) },
    { id: 'card_diff', title: 'model card diff', priority: 30, forms: cardDiffForms(r.card_diff) },
    {
      id: 'footer',
      title: 'footer',
      priority: 100,
      keep: true,
      forms: [{ md: footer(r, options.commit) }],
    },
  ];
}

export function renderGateMarkdown(
  report: GateMarkdownReport,
  options: GateMarkdownOptions = {},
): Md {
  return fitToLimit(
    gateSections(report, options),
    options.limit ?? GITHUB_COMMENT_LIMIT,
    options.fullReport ?? DEFAULT_FULL_REPORT,
  );
}
