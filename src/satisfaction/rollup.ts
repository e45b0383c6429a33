// Cron step: survey invitations for new deliveries, then the daily NPS inputs per channel, incremental like the other
// rollups: the days touched by answers since the watermark are recomputed from the surveys, only differing rows written.
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { dayOf, dayRange } from "../analytics/days";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "../analytics/watermark";
import { inviteDelivered } from "./invite";

export const SATISFACTION_WATERMARK = "analytics.satisfaction";

export interface SatisfactionRollupReport {
  invited: number;
  days: string[];
  changes: number;
}

export async function rollupSatisfaction(env: Env, now = Date.now()): Promise<SatisfactionRollupReport> {
  const invited = await inviteDelivered(env, now);
  const db = env.DB;
  const wm = await readWatermark(db, SATISFACTION_WATERMARK);
  const [days, settled] = await db.batch<{ day: string; m: number | null }>([
    db.prepare(`SELECT DISTINCT ${dayOf("answered_at")} AS day FROM satisfaction_surveys WHERE answered_at > ?`).bind(wm),
    db.prepare("SELECT MAX(answered_at) AS m FROM satisfaction_surveys WHERE answered_at > ? AND answered_at <= ?").bind(wm, now - SETTLE_MS),
  ]);
  const report: SatisfactionRollupReport = { invited, days: days.results.map((d) => d.day).sort(), changes: 0 };
  const writes = report.days.flatMap((d) => daySql(d, now));
  const next = nextWatermark(wm, settled.results[0]?.m);
  if (next) writes.push(advanceWatermarkSql(SATISFACTION_WATERMARK, next, now));
  // Answers are only ever added, so a day's groups never vanish; the watermark goes last, as in the other rollups.
  for (let i = 0; i < writes.length; i += 100) {
    const results = await db.batch(prepareAll(db, writes.slice(i, i + 100)));
    report.changes += results.reduce((n, r) => n + r.meta.changes, 0);
  }
  return report;
}

function daySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  return [
    sql(
      `INSERT INTO analytics_satisfaction_daily (day, channel_id, promoters, passives, detractors, updated_at)
       SELECT ?1, channel_id, SUM(score >= 9), SUM(score BETWEEN 7 AND 8), SUM(score <= 6), ?4 FROM satisfaction_surveys
       WHERE answered_at >= ?2 AND answered_at < ?3 GROUP BY channel_id
       ON CONFLICT (day, channel_id) DO UPDATE SET promoters = excluded.promoters, passives = excluded.passives,
         detractors = excluded.detractors, updated_at = excluded.updated_at
       WHERE (promoters, passives, detractors) IS NOT (excluded.promoters, excluded.passives, excluded.detractors)`,
      day,
      start,
      end,
      now,
    ),
  ];
}
