// The period an analytics page covers, from the URL: a preset (?period=30d) or exact days (?from=…&to=…), in UTC days
// as the rollups keep them.
const DAY = 86_400_000;
export const PRESETS = [
  ["7d", "7 days", 7],
  ["30d", "30 days", 30],
  ["90d", "90 days", 90],
  ["365d", "12 months", 365],
] as const;

const isDay = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface Period {
  from: string;
  to: string;
  /** The preset chosen, or null for exact days. */
  preset: string | null;
}

export function periodOf(query: { period?: string; from?: string; to?: string }, now = Date.now()): Period {
  if (isDay(query.from) && isDay(query.to) && query.from <= query.to) return { from: query.from, to: query.to, preset: null };
  const preset = PRESETS.find(([key]) => key === query.period) ?? PRESETS[1];
  const to = dayOf(now);
  return { from: dayOf(Date.parse(`${to}T00:00:00Z`) - (preset[2] - 1) * DAY), to, preset: preset[0] };
}
