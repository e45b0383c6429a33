// Cron step: order accuracy and inventory accuracy per day and location, incremental from watermarks like
// src/analytics/rollup.ts. A day is touched when a shipment that left on it changed, was scanned, or its order got a
// return; or when a count was recorded on it. Touched days are recomputed whole from the base tables and only rows
// whose numbers differ are written, so a second run writes nothing.
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { dayOf, dayRange } from "../analytics/days";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "../analytics/watermark";

const SHIPPED = "f.shipped_at IS NOT NULL AND f.status != 'cancelled'";

interface Source {
  watermark: string;
  /** Days touched since the watermark (?1). */
  days: string;
  /** The newest settled change (?1 watermark, ?2 settled-by). */
  newest: string;
  metric: "order" | "inventory";
}

const SOURCES: Source[] = [
  {
    watermark: "accuracy.fulfillments",
    days: `SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM fulfillments f WHERE f.updated_at > ?1 AND f.shipped_at IS NOT NULL`,
    newest: "SELECT MAX(updated_at) AS m FROM fulfillments WHERE updated_at > ?1 AND updated_at <= ?2",
    metric: "order",
  },
  {
    watermark: "accuracy.scans",
    days: `SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM pack_scans s JOIN fulfillments f ON f.id = s.fulfillment_id WHERE s.created_at > ?1 AND f.shipped_at IS NOT NULL`,
    newest: "SELECT MAX(created_at) AS m FROM pack_scans WHERE created_at > ?1 AND created_at <= ?2",
    metric: "order",
  },
  {
    watermark: "accuracy.returns",
    days: `SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM returns r JOIN fulfillments f ON f.order_id = r.order_id WHERE r.updated_at > ?1 AND f.shipped_at IS NOT NULL`,
    newest: "SELECT MAX(updated_at) AS m FROM returns WHERE updated_at > ?1 AND updated_at <= ?2",
    metric: "order",
  },
  {
    watermark: "accuracy.counts",
    days: `SELECT DISTINCT ${dayOf("created_at")} AS day FROM inventory_counts WHERE created_at > ?1`,
    newest: "SELECT MAX(created_at) AS m FROM inventory_counts WHERE created_at > ?1 AND created_at <= ?2",
    metric: "inventory",
  },
];

export async function rollupAccuracy(env: Env, now = Date.now()) {
  const db = env.DB;
  const settledBy = now - SETTLE_MS;
  const marks = await Promise.all(SOURCES.map((s) => readWatermark(db, s.watermark)));
  const results = await db.batch<{ day?: string; m?: number | null }>(
    SOURCES.flatMap((s, i) => [db.prepare(s.days).bind(marks[i]), db.prepare(s.newest).bind(marks[i], settledBy)]),
  );
  const orderDays = new Set<string>();
  const countDays = new Set<string>();
  const writes: Sql[] = [];
  SOURCES.forEach((s, i) => {
    for (const r of results[2 * i].results) (s.metric === "order" ? orderDays : countDays).add(r.day!);
    const next = nextWatermark(marks[i], results[2 * i + 1].results[0]?.m);
    if (next) writes.push(advanceWatermarkSql(s.watermark, next, now));
  });
  // The watermarks go last: a failed batch leaves them where they were, and the next run redoes the days.
  const statements = [...[...orderDays].flatMap((d) => orderDaySql(d, now)), ...[...countDays].flatMap((d) => countDaySql(d, now)), ...writes];
  let changes = 0;
  for (let i = 0; i < statements.length; i += 100) {
    const done = await db.batch(prepareAll(db, statements.slice(i, i + 100)));
    changes += done.reduce((n, r) => n + r.meta.changes, 0);
  }
  return { orderDays: [...orderDays].sort(), countDays: [...countDays].sort(), changes };
}

/**
 * Shipments that left on the day, per location: a wrong scan is a refused scan at packing (wrong item or surplus unit);
 * returned wrong is a return of one of its lines for reason wrong_item (not declined or cancelled). Accurate: neither.
 */
function orderDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  return [
    sql(
      `INSERT INTO analytics_order_accuracy_daily (day, location_id, shipped, wrong_scans, returned_wrong, accurate, updated_at)
       SELECT ?1, location_id, COUNT(*), SUM(wrong), SUM(returned), SUM(wrong = 0 AND returned = 0), ?4 FROM (
         SELECT f.location_id,
           EXISTS (SELECT 1 FROM pack_scans s WHERE s.fulfillment_id = f.id AND s.outcome != 'packed') AS wrong,
           EXISTS (SELECT 1 FROM return_lines rl JOIN returns r ON r.id = rl.return_id
                   JOIN fulfillment_lines fl ON fl.order_line_id = rl.order_line_id AND fl.fulfillment_id = f.id
                   WHERE rl.reason = 'wrong_item' AND r.status NOT IN ('declined', 'cancelled')) AS returned
         FROM fulfillments f WHERE f.shipped_at >= ?2 AND f.shipped_at < ?3 AND ${SHIPPED})
       GROUP BY location_id
       ON CONFLICT (day, location_id) DO UPDATE SET shipped = excluded.shipped, wrong_scans = excluded.wrong_scans,
         returned_wrong = excluded.returned_wrong, accurate = excluded.accurate, updated_at = excluded.updated_at
       WHERE (shipped, wrong_scans, returned_wrong, accurate) IS NOT (excluded.shipped, excluded.wrong_scans, excluded.returned_wrong, excluded.accurate)`,
      day,
      start,
      end,
      now,
    ),
    sql(
      `DELETE FROM analytics_order_accuracy_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 FROM fulfillments f
         WHERE f.shipped_at >= ?2 AND f.shipped_at < ?3 AND ${SHIPPED} AND f.location_id = analytics_order_accuracy_daily.location_id)`,
      day,
      start,
      end,
    ),
  ];
}

/** Counts recorded on the day, per location: units counted and the sum of |variance|. */
function countDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  return [
    sql(
      `INSERT INTO analytics_inventory_accuracy_daily (day, location_id, counts, counted_units, variance_units, updated_at)
       SELECT ?1, location_id, COUNT(*), SUM(counted), SUM(ABS(variance)), ?4 FROM inventory_counts
       WHERE created_at >= ?2 AND created_at < ?3 GROUP BY location_id
       ON CONFLICT (day, location_id) DO UPDATE SET counts = excluded.counts, counted_units = excluded.counted_units,
         variance_units = excluded.variance_units, updated_at = excluded.updated_at
       WHERE (counts, counted_units, variance_units) IS NOT (excluded.counts, excluded.counted_units, excluded.variance_units)`,
      day,
      start,
      end,
      now,
    ),
  ];
}
