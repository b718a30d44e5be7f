/** Numbers for people: metrics to 4 decimals, large values grouped, undefined as n/a. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Math.abs(value) >= 1000)
    return value.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return value.toFixed(4);
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * Rows of cells as aligned text: each column as wide as its widest cell plus two spaces, so a
 * large value (an mse in the billions) never runs into its neighbour. The last column is not
 * padded.
 */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, j) => {
      widths[j] = Math.max(widths[j] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, j) => (j === row.length - 1 ? cell : cell.padEnd((widths[j] as number) + 2)))
      .join(''),
  );
}
