/**
 * The rules table, four columns so that it fits a pull request's column (≈ 760 px): the outcome;
 * the rule (its bound) and its scope; the estimate with its one interval and where that came
 * from; why — the reason, the p-values of a slice, the minimum detectable effect (MDE: how far
 * from the bound the truth must lie for these rows to decide the rule 4 times in 5) and, for an
 * undecided rule, roughly the rows that would decide it if the estimate held. Rules whose point estimate alone would
 * have been judged otherwise are named under the table.
 */
import type { RuleResult } from '../../gate/report.js';
import { formatCount } from '../format.js';
import {
  blocks,
  heading,
  inline,
  type Md,
  moreRows,
  raw,
  type SectionForm,
  table,
  tableForms,
  text,
} from '../markdown/index.js';
import { interval, num, OUTCOME_MARK, plain, plural, pValue } from './format.js';
import { scopeText } from './headline.js';

const METHOD: Readonly<Record<RuleResult['method'], string>> = {
  bootstrap: 'paired bootstrap',
  bootstrap_t: 'bootstrap-t',
  asymptotic: 'influence function',
  delong: 'DeLong',
  score: 'score interval',
  wilson: 'Wilson',
  point: 'point estimate',
  runs: 'bootstrap over runs',
  exact: 'measured',
  probe: 'probe process',
};

function estimate(r: RuleResult): Md {
  const ci = r.ci ? ` ${interval(r.ci)}` : '';
  return raw(`${num(r.value)}${ci} (${text(METHOD[r.method] ?? r.method, 40)})`);
}

function why(r: RuleResult): Md {
  const parts: string[] = [`${text(r.reason, 300)}.`];
  if (r.p_value !== undefined) {
    const holm = r.p_adjusted !== undefined ? `, ${pValue(r.p_adjusted, 'Holm p')}` : '';
    parts.push(`one-sided ${pValue(r.p_value)}${holm}.`);
  }
  if (r.rows_to_decide !== null && r.rows_to_decide !== undefined) {
    parts.push(`≈ ${formatCount(r.rows_to_decide)} ${r.unit ?? 'rows'} would decide it.`);
  }
  if (r.mde !== null && r.mde !== undefined) {
    parts.push(`MDE ${plain(r.mde)} on ${formatCount(r.rows)} ${r.unit ?? 'rows'}.`);
  }
  return raw(parts.join(' '));
}

function row(r: RuleResult): Md[] {
  const scope = r.scope === 'overall' ? '' : ` — _${text(scopeText(r.scope), 120)}_`;
  return [
    raw(`${OUTCOME_MARK[r.outcome] ?? ''} ${text(r.outcome, 20)}`),
    raw(`${text(r.rule, 160)}${scope}`),
    estimate(r),
    why(r),
  ];
}

const COLUMNS = [
  { header: raw('outcome') },
  { header: raw('rule') },
  { header: raw('estimate [CI]') },
  { header: raw('why') },
];

/** Rules whose point estimate alone would have been judged otherwise, as one sentence. */
function disagreements(rules: readonly RuleResult[]): Md | null {
  const differ = rules.filter((r) => r.point_outcome !== r.outcome);
  if (differ.length === 0) return null;
  const named = differ.slice(0, 5).map((r) => {
    const scope = r.scope === 'overall' ? '' : ` [${scopeText(r.scope)}]`;
    return raw(
      `${text(`${r.rule}${scope}`, 160)}: ${text(r.point_outcome, 20)} by the point estimate, ${text(r.outcome, 20)} by its interval`,
    );
  });
  const more = differ.length > 5 ? raw(`and ${differ.length - 5} more`) : null;
  return raw(
    `The point estimate alone would have decided ${plural(differ.length, 'rule')} differently: ${inline([...named, more], '; ')}.`,
  );
}

/** Failing and inconclusive rules first when the table is trimmed; the full table keeps the config's order. */
function render(rules: readonly RuleResult[], n: number): Md {
  const severity = { FAIL: 0, INCONCLUSIVE: 1, PASS: 2 } as const;
  const shown = Number.isFinite(n)
    ? rules
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (severity[a.r.outcome] ?? 3) - (severity[b.r.outcome] ?? 3) || a.i - b.i)
        .slice(0, n)
        .sort((a, b) => a.i - b.i)
        .map(({ r }) => r)
    : rules;
  const hidden = rules.length - shown.length;
  return blocks(
    heading(3, raw('Rules')),
    table(COLUMNS, shown.map(row)),
    hidden > 0 ? moreRows(hidden, 'rules') : null,
    disagreements(rules),
  );
}

function oneLine(rules: readonly RuleResult[]): Md {
  const by = (o: RuleResult['outcome']) => rules.filter((r) => r.outcome === o).length;
  return raw(
    `**Rules:** ${plural(rules.length, 'rule')} — ${by('FAIL')} failed, ${by('INCONCLUSIVE')} inconclusive, ${by('PASS')} passed.`,
  );
}

export function rulesForms(rules: readonly RuleResult[]): SectionForm[] {
  if (rules.length === 0) return [{ md: raw('') }];
  return tableForms({
    render: (n) => render(rules, n),
    rows: rules.length,
    steps: [200, 100, 50, 10],
    what: 'rules',
    summary: `Rules: ${rules.length}`,
    line: oneLine(rules),
  });
}
