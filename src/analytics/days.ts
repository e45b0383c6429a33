// UTC calendar days as 'YYYY-MM-DD', the key of every rollup row.
const DAY_MS = 86_400_000;

/** SQL for the UTC day of a millisecond timestamp column. */
export const dayOf = (column: string) => `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

/** [start, end) of a day in ms. */
export function dayRange(day: string): [number, number] {
  const start = Date.parse(`${day}T00:00:00Z`);
  return [start, start + DAY_MS];
}

export const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
