/**
 * The footer: what exactly was compared — short sha256s of both models, the holdout, the
 * reference and the config — the tool's version, the commit when given, and the run time.
 */
import { formatMs } from '../format.js';
import { code, inline, type Md, raw, small, text } from '../markdown/index.js';
import { type GateMarkdownReport, shortSha } from './format.js';

function sha(label: string, value: string): Md {
  return raw(`${label} ${code(shortSha(value), 20)}`);
}

export function footer(r: GateMarkdownReport, commit = r.commit ?? undefined): Md {
  const reference = r.data.reference;
  const total = r.timings.total_ms;
  return small(
    inline([
      raw(`${text(r.tool.name, 40)} ${text(r.tool.version, 40)}`),
      commit !== undefined && commit.length > 0 ? raw(`commit ${code(commit, 40)}`) : null,
      sha('candidate', r.models.candidate.sha256),
      sha('baseline', r.models.baseline.sha256),
      sha('holdout', r.data.holdout.sha256),
      reference ? sha('reference', reference.sha256) : null,
      sha('config', r.config.sha256),
      total !== undefined ? raw(`ran in ${formatMs(total)}`) : null,
    ]),
  );
}
