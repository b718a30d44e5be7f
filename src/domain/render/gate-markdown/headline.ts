/**
 * The headline: the verdict, whether the candidate may ship and the rules that decided it,
 * what was compared, and the decision's notes. Always kept whole by the size budget, so
 * everything in it is bounded.
 */
import type { Decision, RuleResult } from '../../gate/report.js';
import { risks } from '../../gate/risks.js';
import {
  blocks,
  code,
  heading,
  inline,
  type Md,
  marker,
  quote,
  raw,
  text,
} from '../markdown/index.js';
import { count, type GateMarkdownReport, OUTCOME_MARK, plain, plural } from './format.js';

const NAMED_RULES = 3;
const NOTES = 5;

export function scopeText(scope: RuleResult['scope']): string {
  return scope === 'overall' ? 'overall' : `${scope.slicing} = ${scope.slice}`;
}

/** "roc_auc ≥ 0.8; log_loss … (Contract = Month-to-month)", the first few, then "and N more". */
function ruleList(rules: readonly RuleResult[]): Md {
  const named = rules.slice(0, NAMED_RULES).map((r) => {
    const scope = r.scope === 'overall' ? '' : ` (${scopeText(r.scope)})`;
    return text(`${r.rule}${scope}`, 160);
  });
  const more = rules.length > NAMED_RULES ? [raw(`and ${rules.length - NAMED_RULES} more`)] : [];
  return raw([...named, ...more].join('; '));
}

function decisionLine(d: Decision): Md {
  const of = (o: RuleResult['outcome']) => d.rules.filter((r) => r.outcome === o);
  const failed = of('FAIL');
  const unsure = of('INCONCLUSIVE');
  if (d.rules.length === 0)
    return raw(
      `${OUTCOME_MARK[d.verdict] ?? ''} No rule was applied: nothing held the candidate back.`,
    );
  if (d.verdict === 'PASS') {
    return raw(
      `${OUTCOME_MARK.PASS} **The candidate may ship**: ${d.rules.length === 1 ? 'its one rule passed on its interval' : `all ${d.rules.length} rules passed on their intervals`}.`,
    );
  }
  if (d.verdict === 'FAIL') {
    return raw(
      `${OUTCOME_MARK.FAIL} **The candidate may not ship**: ${failed.length} of ${plural(d.rules.length, 'rule')} failed (${ruleList(failed)}).`,
    );
  }
  const ships = d.exit_code === 0;
  const counts = ships
    ? `${d.on_inconclusive === 'warn' ? 'lets it pass with a warning' : 'lets it pass'}, so **the candidate may ship**`
    : 'counts that as a failure, so **the candidate may not ship**';
  return raw(
    `${OUTCOME_MARK.INCONCLUSIVE} **This holdout cannot tell**: ${unsure.length} of ${plural(d.rules.length, 'rule')} inconclusive (${ruleList(unsure)}); ${code(`on_inconclusive: ${d.on_inconclusive}`, 40)} ${counts} (exit ${ships ? 0 : 1}).`,
  );
}

function comparedLine(r: GateMarkdownReport): Md {
  const label = r.label.positive_label
    ? raw(`label ${code(r.label.column, 80)} (positive ${code(r.label.positive_label, 80)})`)
    : raw(`label ${code(r.label.column, 80)}`);
  return inline([
    raw(
      `candidate ${code(r.models.candidate.path, 160)} vs baseline ${code(r.models.baseline.path, 160)}`,
    ),
    raw(`${count(r.rows)} holdout rows`),
    raw(`${text(r.task, 20)}${r.task_inferred ? ' (inferred)' : ''}`),
    label,
    r.threshold !== undefined ? raw(`threshold ${plain(r.threshold)}`) : null,
  ]);
}

function notes(d: Decision): Md {
  const shown = d.notes.slice(0, NOTES).map((n) => quote(raw(`ℹ️ ${text(n, 400)}`)));
  if (d.notes.length > NOTES) shown.push(quote(raw(`ℹ️ … ${d.notes.length - NOTES} more notes`)));
  return raw(shown.join('\n>\n'));
}

export function headline(r: GateMarkdownReport, markerId?: string): Md {
  const title = heading(2, raw(`model-gate: ${text(r.decision.verdict, 20)}`));
  const top = markerId !== undefined ? raw(`${marker('model-gate', markerId)}\n${title}`) : title;
  const risky = risks(r);
  return blocks(
    top,
    raw(`${decisionLine(r.decision)}\\\n${comparedLine(r)}`),
    risky.length > 0
      ? raw(risky.map((line) => quote(raw(`⚠️ **Risk:** ${text(line, 300)}`))).join('\n>\n'))
      : null,
    r.decision.notes.length > 0 ? notes(r.decision) : null,
  );
}
