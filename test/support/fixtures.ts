import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
export const TELCO = join(FIXTURES, 'classification_telco_churn');
export const HOUSING = join(FIXTURES, 'regression_california_housing');

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** The fixtures' own simple CSVs (no quotes): header and rows of strings. */
export function readSimpleCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = (lines[0] as string).split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A CSV file as its header line and its data lines, for tests that build bigger files from it. */
export function csvLines(path: string): [string, string[]] {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return [header as string, rows];
}

/** CSV text: `header`, then `rows` `times` times over (a holdout made large, row for row). */
export function repeatedCsv(header: string, rows: readonly string[], times: number): string {
  return `${[header, ...Array.from({ length: times }, () => rows).flat()].join('\n')}\n`;
}

export function readOracle(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'oracle.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * The same table as RFC 4180 at its least friendly: every field quoted, CRLF line ends, a UTF-8
 * byte-order mark, and the columns in reverse order.
 */
export function hostileCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const order = header.map((_, i) => header.length - 1 - i);
  const lines = [order.map((i) => q(header[i] as string)).join(',')];
  for (const row of rows) lines.push(order.map((i) => q(row[i] as string)).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
