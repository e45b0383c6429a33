// Cron step: deliveries per day (UTC, by when delivered), location, carrier and service: how many had a promise, how
// many arrived by it (on-time delivery), and their transit times from shipped to delivered (carrier performance).
// Incremental like src/analytics/rollup.ts: the days touched by shipments or orders changed since the watermarks are
// recomputed whole from the base tables, and only rows whose numbers differ are written.
import { dayOf, dayRange } from "../analytics/days";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "../analytics/watermark";
import { prepareAll, type Sql, sql } from "../db/sql";
import { percentile } from "../domain/percentile";
import type { Env } from "../env";

export const DELIVERIES_WATERMARK = "analytics.deliveries";
// An order's own change (its promise) moves the on-time rate of the days its shipments arrived on.
export const PROMISES_WATERMARK = "analytics.delivery_promises";
const STATEMENTS_PER_BATCH = 100;
const DELIVERED = "f.delivered_at IS NOT NULL AND f.status != 'cancelled'";

export interface DeliveryRollupReport {
  days: string[];
  changes: number;
}

export async function rollupDeliveries(env: Env, now = Date.now()): Promise<DeliveryRollupReport> {
  const db = env.DB;
  const settledBy = now - SETTLE_MS;
  const [fWm, oWm] = await Promise.all([readWatermark(db, DELIVERIES_WATERMARK), readWatermark(db, PROMISES_WATERMARK)]);
  const [ofShipments, ofOrders, fSettled, oSettled] = await db.batch<{ day: string; m: number | null }>([
    db.prepare(`SELECT DISTINCT ${dayOf("f.delivered_at")} AS day FROM fulfillments f WHERE f.updated_at > ? AND ${DELIVERED}`).bind(fWm),
    db.prepare(`SELECT DISTINCT ${dayOf("f.delivered_at")} AS day FROM orders o JOIN fulfillments f ON f.order_id = o.id WHERE o.updated_at > ? AND ${DELIVERED}`).bind(oWm),
    db.prepare("SELECT MAX(updated_at) AS m FROM fulfillments WHERE updated_at > ? AND updated_at <= ?").bind(fWm, settledBy),
    db.prepare("SELECT MAX(updated_at) AS m FROM orders WHERE updated_at > ? AND updated_at <= ?").bind(oWm, settledBy),
  ]);
  const days = [...new Set([...ofShipments.results, ...ofOrders.results].map((r) => r.day))].sort();
  const writes: Sql[] = [];
  for (const day of days) writes.push(...(await deliveryDaySql(db, day, now)));
  const fNext = nextWatermark(fWm, fSettled.results[0]?.m);
  const oNext = nextWatermark(oWm, oSettled.results[0]?.m);
  if (fNext) writes.push(advanceWatermarkSql(DELIVERIES_WATERMARK, fNext, now));
  if (oNext) writes.push(advanceWatermarkSql(PROMISES_WATERMARK, oNext, now));
  // The watermarks go last: a failed batch leaves them where they were, and the next run redoes the days.
  let changes = 0;
  for (let i = 0; i < writes.length; i += STATEMENTS_PER_BATCH) {
    const results = await db.batch(prepareAll(db, writes.slice(i, i + STATEMENTS_PER_BATCH)));
    changes += results.reduce((n, r) => n + r.meta.changes, 0);
  }
  return { days, changes };
}

interface Delivered {
  location_id: string;
  carrier: string;
  service: string;
  transit: number | null;
  promised: number;
  on_time: number;
}

async function deliveryDaySql(db: D1Database, day: string, now: number): Promise<Sql[]> {
  const [start, end] = dayRange(day);
  const { results } = await db
    .prepare(
      `SELECT f.location_id, COALESCE(f.carrier, '') AS carrier, COALESCE(f.service, '') AS service,
         CASE WHEN f.shipped_at IS NOT NULL THEN MAX(0, f.delivered_at - f.shipped_at) END AS transit,
         (o.promised_delivery_at IS NOT NULL) AS promised, COALESCE(f.delivered_at <= o.promised_delivery_at, 0) AS on_time
       FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.delivered_at >= ? AND f.delivered_at < ? AND ${DELIVERED}`,
    )
    .bind(start, end)
    .all<Delivered>();
  const groups = new Map<string, Delivered[]>();
  for (const r of results) {
    const k = JSON.stringify([r.location_id, r.carrier, r.service]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const writes = [...groups.values()].map((rows) => {
    const transits = rows.flatMap((r) => (r.transit === null ? [] : [r.transit]));
    const figures = [
      rows.length,
      rows.filter((r) => r.promised).length,
      rows.filter((r) => r.on_time).length,
      transits.length,
      transits.reduce((t, x) => t + x, 0),
      percentile(transits, 50),
      percentile(transits, 90),
    ];
    return sql(
      `INSERT INTO analytics_delivery_daily (day, location_id, carrier, service, delivered, promised, on_time, transits, transit_total_ms, transit_p50_ms, transit_p90_ms, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
       ON CONFLICT (day, location_id, carrier, service) DO UPDATE SET delivered = excluded.delivered, promised = excluded.promised,
         on_time = excluded.on_time, transits = excluded.transits, transit_total_ms = excluded.transit_total_ms, transit_p50_ms = excluded.transit_p50_ms,
         transit_p90_ms = excluded.transit_p90_ms, updated_at = excluded.updated_at
       WHERE (delivered, promised, on_time, transits, transit_total_ms, transit_p50_ms, transit_p90_ms)
         IS NOT (excluded.delivered, excluded.promised, excluded.on_time, excluded.transits, excluded.transit_total_ms, excluded.transit_p50_ms, excluded.transit_p90_ms)`,
      day,
      rows[0].location_id,
      rows[0].carrier,
      rows[0].service,
      ...figures,
      now,
    );
  });
  // Groups of the day with no delivery any more (a shipment's carrier corrected, say).
  writes.push(
    sql(
      `DELETE FROM analytics_delivery_daily WHERE day = ?1
         AND json_array(location_id, carrier, service) NOT IN (SELECT value FROM json_each(?2))`,
      day,
      JSON.stringify([...groups.keys()]),
    ),
  );
  return writes;
}
