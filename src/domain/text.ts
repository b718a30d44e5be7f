/**
 * Helpers for messages: "did you mean" suggestions and bounded quoting of user text.
 */

/** Levenshtein distance, O(a·b) time and O(b) memory; names are short. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Up to `limit` candidates close to `name`, closest first (case and separators ignored first). */
export function closest(name: string, candidates: readonly string[], limit = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');
  const target = norm(name);
  const scored = candidates.map((candidate) => {
    const c = norm(candidate);
    let score = editDistance(target, c);
    if (c === target) score = 0;
    else if (c.includes(target) || target.includes(c)) score = Math.min(score, 1);
    return { candidate, score };
  });
  const bound = Math.max(2, Math.floor(target.length / 3));
  return scored
    .filter((s) => s.score <= bound)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}

/** A hint line: close names if any, else the list of what exists (bounded). */
export function suggest(name: string, candidates: readonly string[]): string {
  const near = closest(name, candidates);
  if (near.length > 0) return `Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`;
  const shown = candidates
    .slice(0, 20)
    .map((n) => `'${n}'`)
    .join(', ');
  const more = candidates.length > 20 ? `, and ${candidates.length - 20} more` : '';
  return `The columns are: ${shown}${more}.`;
}
