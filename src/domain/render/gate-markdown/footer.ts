/**
 * The footer: what exactly was compared — short sha256s of both models, the holdout, the
 * reference and the config — the tool's version and the commit when given. Not the run time:
 * it varies between runs, and a re-run of the same gate must leave the comment unchanged
 * (report.json's `timings` keep it).
 */
import { code, inline, type Md, raw, small, text } from '../markdown/index.js';
import { type GateMarkdownReport, shortSha } from './format.js';

function sha(label: string, value: string): Md {
  return raw(`${label} ${code(shortSha(value), 20)}`);
}

export function footer(r: GateMarkdownReport, commit = r.commit ?? undefined): Md {
  const reference = r.data.reference;
  return small(
    inline([
      raw(`${text(r.tool.name, 40)} ${text(r.tool.version, 40)}`),
      commit !== undefined && commit.length > 0 ? raw(`commit ${code(commit, 40)}`) : null,
      sha('candidate', r.models.candidate.sha256),
      sha('baseline', r.models.baseline.sha256),
      sha('holdout', r.data.holdout.sha256),
      reference ? sha('reference', reference.sha256) : null,
      sha('config', r.config.sha256),
    ]),
  );
}
