/**
 * Prediction flips: rows the baseline got right and the candidate gets wrong (negative), and the
 * reverse; the first row numbers of each, and the slices holding most negative flips.
 */
import type { Flips } from '../../gate/flips.js';
import {
  blocks,
  heading,
  type Md,
  moreRows,
  raw,
  type SectionForm,
  table,
  tableForms,
  text,
} from '../markdown/index.js';
import { count, percent } from './format.js';

const ROW_NUMBERS = 10;

function rowNumbers(rows: readonly number[], total: number): Md {
  if (rows.length === 0) return raw('none');
  const shown = rows.slice(0, ROW_NUMBERS).map((n) => count(n));
  return raw(`${shown.join(', ')}${total > shown.length ? ', …' : ''}`);
}

function summary(f: Flips): Md {
  return raw(
    `Of ${count(f.rows)} rows, **${count(f.negative)} went right → wrong** (${percent(f.negative_rate)}) and ${count(f.positive)} went wrong → right (${percent(f.positive_rate)}).`,
  );
}

function firstRows(f: Flips): Md {
  return raw(
    `First right → wrong rows: ${rowNumbers(f.first_negative_rows, f.negative)}\\\nFirst wrong → right rows: ${rowNumbers(f.first_positive_rows, f.positive)}\\\n_(1-based data rows of the holdout)_`,
  );
}

const COLUMNS = [
  { header: raw('slicing') },
  { header: raw('slice') },
  { header: raw('right → wrong'), align: 'right' as const },
  { header: raw('share of all right → wrong'), align: 'right' as const },
];

function render(f: Flips, n: number): Md {
  const shown = Number.isFinite(n) ? f.top_slices.slice(0, n) : f.top_slices;
  const rows = shown.map((s) => [
    text(s.slicing ?? s.column, 80),
    text(s.slice, 120),
    count(s.negative),
    percent(s.share, 1),
  ]);
  return blocks(
    heading(3, raw('Prediction flips')),
    summary(f),
    firstRows(f),
    rows.length > 0 ? table(COLUMNS, rows) : null,
    shown.length < f.top_slices.length
      ? moreRows(f.top_slices.length - shown.length, 'slices')
      : null,
  );
}

export function flipsForms(flips: Flips | null): SectionForm[] {
  if (!flips) return [{ md: raw('') }];
  return tableForms({
    render: (n) => render(flips, n),
    rows: flips.top_slices.length,
    steps: [20, 5],
    what: 'flips by slice',
    summary: 'Prediction flips',
    line: raw(`**Prediction flips:** ${summary(flips)}`),
  });
}
