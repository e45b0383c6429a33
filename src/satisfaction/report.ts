// NPS from the daily rollup: % promoters (9–10) − % detractors (0–6) of the answers, per day and channel and overall.
import type { SatisfactionAnswer } from "./schemas";

interface DayRow {
  day: string;
  channel_id: string;
  promoters: number;
  passives: number;
  detractors: number;
}

/** One decimal; null without answers (an NPS of nobody is not 0). */
export function nps(promoters: number, passives: number, detractors: number): number | null {
  const n = promoters + passives + detractors;
  return n ? Math.round(((promoters - detractors) / n) * 1000) / 10 : null;
}

const figures = (r: Omit<DayRow, "day" | "channel_id">) => ({
  promoters: r.promoters,
  passives: r.passives,
  detractors: r.detractors,
  responses: r.promoters + r.passives + r.detractors,
  nps: nps(r.promoters, r.passives, r.detractors),
});

export async function satisfactionReport(db: D1Database, from: string, to: string, channelId?: string): Promise<SatisfactionAnswer> {
  const { results } = await db
    .prepare(
      `SELECT day, channel_id, promoters, passives, detractors FROM analytics_satisfaction_daily
       WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR channel_id = ?3) ORDER BY day, channel_id`,
    )
    .bind(from, to, channelId ?? null)
    .all<DayRow>();
  const sum = (k: "promoters" | "passives" | "detractors") => results.reduce((t, r) => t + r[k], 0);
  return {
    data: results.map((r) => ({ day: r.day, channel_id: r.channel_id, ...figures(r) })),
    total: figures({ promoters: sum("promoters"), passives: sum("passives"), detractors: sum("detractors") }),
  };
}
