/** Milliseconds to one decimal, as report.json's timings hold them. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
