// Cron step: daily rollups of orders, shipments and units shipped per location, incremental from watermarks.
// Each run finds the days touched by rows changed since the watermark, recomputes those days completely from the base
// tables, and writes only rollup rows whose numbers differ. Running it twice gives the same numbers and writes nothing.
import { prepareAll, type Sql, sql } from "../db/sql";
import { percentile } from "../domain/percentile";
import type { Env } from "../env";
import { dayOf, dayRange } from "./days";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "./watermark";

export const ORDERS_WATERMARK = "analytics.orders";
export const FULFILLMENTS_WATERMARK = "analytics.fulfillments";
// D1 runs a batch as one transaction; a long backfill is split so no single one grows without bound.
const STATEMENTS_PER_BATCH = 100;
// A shipment counts once it has left: shipped_at set and not cancelled (delivered ones stay shipped on their day).
const SHIPPED = "f.shipped_at IS NOT NULL AND f.status != 'cancelled'";

export interface RollupReport {
  orderDays: string[];
  shipDays: string[];
  changes: number;
}

export async function rollup(env: Env, now = Date.now()): Promise<RollupReport> {
  const db = env.DB;
  const settledBy = now - SETTLE_MS;
  const [ordersWm, fulfillmentsWm] = await Promise.all([readWatermark(db, ORDERS_WATERMARK), readWatermark(db, FULFILLMENTS_WATERMARK)]);
  const [orderDays, shipDaysOfFulfillments, shipDaysOfOrders, ordersSettled, fulfillmentsSettled] = await db.batch<{ day: string; m: number | null }>([
    db.prepare(`SELECT DISTINCT ${dayOf("created_at")} AS day FROM orders WHERE updated_at > ?`).bind(ordersWm),
    db.prepare(`SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM fulfillments f WHERE f.updated_at > ? AND ${SHIPPED}`).bind(fulfillmentsWm),
    // An order's own change (its ship-by promise) moves the on-time rate of the days its shipments left on.
    db.prepare(`SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM orders o JOIN fulfillments f ON f.order_id = o.id WHERE o.updated_at > ? AND ${SHIPPED}`).bind(ordersWm),
    db.prepare("SELECT MAX(updated_at) AS m FROM orders WHERE updated_at > ? AND updated_at <= ?").bind(ordersWm, settledBy),
    db.prepare("SELECT MAX(updated_at) AS m FROM fulfillments WHERE updated_at > ? AND updated_at <= ?").bind(fulfillmentsWm, settledBy),
  ]);
  const days = (r: D1Result<{ day: string }>) => r.results.map((x) => x.day);
  const report: RollupReport = {
    orderDays: days(orderDays),
    shipDays: [...new Set([...days(shipDaysOfFulfillments), ...days(shipDaysOfOrders)])].sort(),
    changes: 0,
  };

  const writes: Sql[] = report.orderDays.flatMap((day) => orderDaySql(day, now));
  for (const day of report.shipDays) writes.push(...(await shipDaySql(db, day, now)), ...locationDaySql(day, now));
  const ordersNext = nextWatermark(ordersWm, ordersSettled.results[0]?.m);
  const fulfillmentsNext = nextWatermark(fulfillmentsWm, fulfillmentsSettled.results[0]?.m);
  if (ordersNext) writes.push(advanceWatermarkSql(ORDERS_WATERMARK, ordersNext, now));
  if (fulfillmentsNext) writes.push(advanceWatermarkSql(FULFILLMENTS_WATERMARK, fulfillmentsNext, now));

  // The watermarks go last: if a batch fails, the next run starts from the old watermark and redoes the days.
  for (let i = 0; i < writes.length; i += STATEMENTS_PER_BATCH) {
    const results = await db.batch(prepareAll(db, writes.slice(i, i + STATEMENTS_PER_BATCH)));
    report.changes += results.reduce((n, r) => n + r.meta.changes, 0);
  }
  return report;
}

/** Orders placed on the day, per channel and currency: all placed orders and cancellations; units and revenue of the rest. */
function orderDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  return [
    sql(
      `INSERT INTO analytics_daily (day, channel_id, currency, orders, units, revenue, cancellations, updated_at)
       SELECT ?1, o.channel_id, o.currency, COUNT(*),
         COALESCE(SUM(CASE WHEN o.status != 'cancelled' THEN (SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id) END), 0),
         COALESCE(SUM(CASE WHEN o.status != 'cancelled' THEN o.total END), 0),
         SUM(o.status = 'cancelled'), ?4
       FROM orders o WHERE o.created_at >= ?2 AND o.created_at < ?3 GROUP BY o.channel_id, o.currency
       ON CONFLICT (day, channel_id, currency) DO UPDATE SET orders = excluded.orders, units = excluded.units,
         revenue = excluded.revenue, cancellations = excluded.cancellations, updated_at = excluded.updated_at
       WHERE (orders, units, revenue, cancellations) IS NOT (excluded.orders, excluded.units, excluded.revenue, excluded.cancellations)`,
      day,
      start,
      end,
      now,
    ),
    sql(
      `DELETE FROM analytics_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.created_at >= ?2 AND o.created_at < ?3
         AND o.channel_id = analytics_daily.channel_id AND o.currency = analytics_daily.currency)`,
      day,
      start,
      end,
    ),
  ];
}

/** Shipments that left on the day: count, lead time from order to ship (p50, p90) and how many left by their promise. */
async function shipDaySql(db: D1Database, day: string, now: number): Promise<Sql[]> {
  const [start, end] = dayRange(day);
  const { results } = await db
    .prepare(
      `SELECT f.shipped_at - o.created_at AS lead, (o.ship_by IS NULL OR f.shipped_at <= o.ship_by) AS on_time
       FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.shipped_at >= ? AND f.shipped_at < ? AND ${SHIPPED}`,
    )
    .bind(start, end)
    .all<{ lead: number; on_time: number }>();
  if (!results.length) return [sql("DELETE FROM analytics_fulfillment_daily WHERE day = ?", day)];
  const leads = results.map((r) => r.lead);
  const onTime = results.filter((r) => r.on_time).length;
  return [
    sql(
      `INSERT INTO analytics_fulfillment_daily (day, shipped, lead_p50_ms, lead_p90_ms, on_time, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (day) DO UPDATE SET shipped = excluded.shipped, lead_p50_ms = excluded.lead_p50_ms, lead_p90_ms = excluded.lead_p90_ms,
         on_time = excluded.on_time, updated_at = excluded.updated_at
       WHERE (shipped, lead_p50_ms, lead_p90_ms, on_time) IS NOT (excluded.shipped, excluded.lead_p50_ms, excluded.lead_p90_ms, excluded.on_time)`,
      day,
      results.length,
      percentile(leads, 50),
      percentile(leads, 90),
      onTime,
      now,
    ),
  ];
}

/** Units that left each location on the day. */
function locationDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  return [
    sql(
      `INSERT INTO analytics_location_daily (day, location_id, units_shipped, updated_at)
       SELECT ?1, f.location_id, SUM(fl.quantity), ?4
       FROM fulfillments f JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id
       WHERE f.shipped_at >= ?2 AND f.shipped_at < ?3 AND ${SHIPPED} GROUP BY f.location_id
       ON CONFLICT (day, location_id) DO UPDATE SET units_shipped = excluded.units_shipped, updated_at = excluded.updated_at
       WHERE units_shipped != excluded.units_shipped`,
      day,
      start,
      end,
      now,
    ),
    sql(
      `DELETE FROM analytics_location_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 FROM fulfillments f JOIN fulfillment_lines fl
         ON fl.fulfillment_id = f.id WHERE f.shipped_at >= ?2 AND f.shipped_at < ?3 AND ${SHIPPED} AND f.location_id = analytics_location_daily.location_id)`,
      day,
      start,
      end,
    ),
  ];
}
