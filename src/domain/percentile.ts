/**
 * Nearest-rank percentile: the smallest value such that at least p % of the values are at or below it.
 * Always one of the values (no interpolation), so a lead time reported is one that really happened.
 * `p` in (0, 100]; an empty list has no percentile.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
