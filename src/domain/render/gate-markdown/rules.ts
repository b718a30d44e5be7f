/**
 * The rules table: one row per rule result, in the config's order, with the value, its
 * interval, where the interval came from, and the reason; a rule whose point estimate alone
 * would have been judged otherwise says so.
 */
import type { RuleResult } from '../../gate/report.js';
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
  delong: 'DeLong',
  wilson: 'Wilson',
  point: 'point estimate',
};

function method(r: RuleResult): Md {
  const p =
    r.p_value !== undefined
      ? `; ${pValue(r.p_value)}${r.p_adjusted !== undefined ? `, ${pValue(r.p_adjusted, 'Holm p')}` : ''}`
      : '';
  return raw(`${text(METHOD[r.method] ?? r.method, 40)}${p}`);
}

function pointAlone(r: RuleResult): Md {
  return r.point_outcome === r.outcome
    ? raw('same')
    : raw(`**${text(r.point_outcome, 20)}** (differs)`);
}

function row(r: RuleResult): Md[] {
  return [
    raw(`${OUTCOME_MARK[r.outcome] ?? ''} ${text(r.outcome, 20)}`),
    text(r.rule, 160),
    text(scopeText(r.scope), 120),
    num(r.value),
    interval(r.ci),
    plain(r.bound),
    method(r),
    pointAlone(r),
    text(r.reason, 300),
  ];
}

const COLUMNS = [
  { header: raw('outcome') },
  { header: raw('rule') },
  { header: raw('scope') },
  { header: raw('value'), align: 'right' as const },
  { header: raw('CI') },
  { header: raw('bound'), align: 'right' as const },
  { header: raw('method') },
  { header: raw('point estimate alone') },
  { header: raw('reason') },
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
