/**
 * A size budget for a document of ordered sections. Each section has a full form and smaller
 * degraded forms (say: the table; its top rows; those rows collapsed; one line). To fit a
 * limit, the lowest-priority section steps down first, one form at a time, then the next;
 * sections marked `keep` (the headline, the footer) never change. Once the text fits, room a
 * higher section freed is given back, highest priority first. If every section is at its
 * smallest and the text is still too long, sections are left out, lowest priority first; as a
 * last resort the text is cut at a line end with its open blocks closed. A note says what was
 * cut and where the full report is. Never throws.
 */
import { details } from './blocks.js';
import { type Md, raw, text } from './escape.js';

/** GitHub refuses a comment body longer than this (in characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface SectionForm {
  readonly md: Md;
  /** What this form leaves out, in plain words, for the note (absent on the full form). */
  readonly cut?: string;
}

export interface Section {
  readonly id: string;
  /** Plain words naming the section in the note, e.g. "slices". */
  readonly title: string;
  /** Higher is kept longer. */
  readonly priority: number;
  /** Never degraded nor left out (the headline, the footer). */
  readonly keep?: boolean;
  /** The full form first, then smaller ones. */
  readonly forms: readonly SectionForm[];
}

const LEFT_OUT = -1;

function cutNote(cuts: readonly string[], limit: number, hint: string): Md {
  return raw(
    `<sub>Shortened to stay within GitHub's ${limit.toLocaleString('en-US')}-character limit — ${cuts
      .map((c) => text(c, 160))
      .join('; ')}. The full report: ${text(hint, 300)}.</sub>`,
  );
}

function assemble(
  sections: readonly Section[],
  state: readonly number[],
  note: (c: string[]) => Md,
) {
  const parts: string[] = [];
  const cuts: string[] = [];
  sections.forEach((s, i) => {
    const k = state[i] ?? 0;
    if (k === LEFT_OUT) {
      cuts.push(`${s.title} left out`);
      return;
    }
    const form = s.forms[Math.min(k, s.forms.length - 1)];
    if (!form) return;
    if (form.md.length > 0) parts.push(form.md);
    if (form.cut !== undefined) cuts.push(form.cut);
  });
  if (cuts.length > 0) parts.push(note(cuts));
  return `${parts.join('\n\n')}\n`;
}

/** Lines starting a code fence, and `<details>` opened but not closed, in `md`. */
function openBlocks(md: string): { fence: number | null; details: number } {
  let fenceAt: number | null = null;
  let fenceTicks = 0;
  let offset = 0;
  let open = 0;
  for (const line of md.split('\n')) {
    const ticks = /^ {0,3}(`{3,})/.exec(line)?.[1]?.length ?? 0;
    if (fenceAt === null && ticks > 0) {
      fenceAt = offset;
      fenceTicks = ticks;
    } else if (fenceAt !== null && ticks >= fenceTicks && /^ {0,3}`+\s*$/.test(line)) {
      fenceAt = null;
    } else if (fenceAt === null) {
      open += (line.match(/<details[\s>]/g) ?? []).length;
      open -= (line.match(/<\/details>/g) ?? []).length;
    }
    offset += line.length + 1;
  }
  return { fence: fenceAt, details: Math.max(0, open) };
}

/** The last resort: cut at a line end before `limit`, drop an open fence, close `<details>`. */
function clip(md: string, limit: number, hint: string): string {
  const tail = `\n\n<sub>Cut to fit ${limit.toLocaleString('en-US')} characters. The full report: ${text(hint, 120)}.</sub>\n`;
  let budget = limit - tail.length;
  while (budget > 0) {
    let head = md.slice(0, budget);
    const end = head.lastIndexOf('\n');
    head = end > 0 ? head.slice(0, end) : '';
    const open = openBlocks(head);
    if (open.fence !== null) head = head.slice(0, open.fence);
    const closing = '\n\n</details>'.repeat(openBlocks(head).details);
    const out = `${head.trimEnd()}${closing}${tail}`;
    if (out.length <= limit) return out;
    budget -= out.length - limit;
  }
  return tail.length <= limit ? tail.trimStart() : '';
}

/**
 * The sections (in their order), degraded until the text is at most `limit` characters (UTF-16
 * code units, which never undercount GitHub's characters), with a note of the cuts that names
 * `fullReportHint` (plain text, e.g. "the workflow artifact model-gate-report").
 */
export function fitToLimit(
  sections: readonly Section[],
  limit: number,
  fullReportHint: string,
): Md {
  const note = (cuts: string[]) => cutNote(cuts, limit, fullReportHint);
  const state = sections.map(() => 0);
  const render = () => assemble(sections, state, note);
  let md = render();
  if (md.length <= limit) return raw(md);
  const order = sections
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.keep)
    .sort((a, b) => a.s.priority - b.s.priority || b.i - a.i);
  for (const { s, i } of order) {
    while (md.length > limit && (state[i] as number) < s.forms.length - 1) {
      state[i] = (state[i] as number) + 1;
      md = render();
    }
    if (md.length <= limit) return raw(restore(order, state, render, limit));
  }
  for (const { i } of order) {
    state[i] = LEFT_OUT;
    md = render();
    if (md.length <= limit) return raw(restore(order, state, render, limit));
  }
  return raw(clip(md, limit, fullReportHint));
}

/**
 * Gives back room a higher section freed: once the text fits, each section, highest priority
 * first, steps back up to a fuller form for as long as the text still fits.
 */
function restore(
  order: readonly { s: Section; i: number }[],
  state: number[],
  render: () => string,
  limit: number,
): string {
  for (const { s, i } of [...order].reverse()) {
    while ((state[i] as number) !== 0) {
      const was = state[i] as number;
      state[i] = was === LEFT_OUT ? s.forms.length - 1 : was - 1;
      if (render().length > limit) {
        state[i] = was;
        break;
      }
    }
  }
  return render();
}

/** The usual degraded forms of a section that is a long table: top rows, collapsed, one line. */
export function tableForms(options: {
  /** Renders the section with at most `n` rows (all rows for Infinity). */
  readonly render: (n: number) => Md;
  readonly rows: number;
  /** Row counts to try after the full table, largest first. */
  readonly steps: readonly number[];
  /** Plain words for the note: e.g. "slices". */
  readonly what: string;
  /** The `<details>` summary of the collapsed form. */
  readonly summary: string;
  /** The one-line form. */
  readonly line: Md;
}): SectionForm[] {
  const { render, rows, what } = options;
  const forms: SectionForm[] = [{ md: render(Number.POSITIVE_INFINITY) }];
  const steps = options.steps.filter((n) => n < rows);
  for (const n of steps)
    forms.push({
      md: render(n),
      cut: `${what}: ${n} of ${rows.toLocaleString('en-US')} rows shown`,
    });
  const last = steps[steps.length - 1];
  if (last !== undefined) {
    forms.push({
      md: details(options.summary, render(Math.min(last, 5))),
      cut: `${what}: ${Math.min(last, 5)} of ${rows.toLocaleString('en-US')} rows shown, collapsed`,
    });
  }
  forms.push({ md: options.line, cut: `${what}: summarised in one line` });
  return forms;
}
