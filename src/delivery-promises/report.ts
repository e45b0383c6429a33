// Reads of the delivery rollup over a range. Rates and averages are divided over the range's sums; percentiles exist
// per day only (a day's p50 does not add up into a month's), so grouped by carrier they are null.
import type { z } from "@hono/zod-openapi";
import type { DeliveryQuery, DeliveryRow } from "./report-schemas";

type Row = z.infer<typeof DeliveryRow>;

export async function deliveryReport(db: D1Database, q: z.infer<typeof DeliveryQuery>): Promise<Row[]> {
  const where = "day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR carrier = ?3) AND (?4 IS NULL OR location_id = ?4)";
  const args = [q.from, q.to, q.carrier ?? null, q.location_id ?? null];
  const byCarrier = q.group_by === "carrier";
  const { results } = await db
    .prepare(
      byCarrier
        ? `SELECT NULL AS day, NULL AS location_id, carrier, service, SUM(delivered) AS delivered, SUM(promised) AS promised,
             SUM(on_time) AS on_time, SUM(transits) AS transits, SUM(transit_total_ms) AS transit_total_ms, NULL AS transit_p50_ms, NULL AS transit_p90_ms
           FROM analytics_delivery_daily WHERE ${where} GROUP BY carrier, service ORDER BY carrier, service`
        : `SELECT day, location_id, carrier, service, delivered, promised, on_time, transits, transit_total_ms, transit_p50_ms, transit_p90_ms
           FROM analytics_delivery_daily WHERE ${where} ORDER BY day, location_id, carrier, service`,
    )
    .bind(...args)
    .all<Omit<Row, "on_time_rate" | "transit_avg_ms"> & { transits: number; transit_total_ms: number }>();
  return results.map(({ transits, transit_total_ms, ...r }) => ({
    ...r,
    on_time_rate: r.promised ? r.on_time / r.promised : null,
    transit_avg_ms: transits ? Math.round(transit_total_ms / transits) : null,
  }));
}
