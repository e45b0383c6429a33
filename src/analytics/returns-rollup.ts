// Cron step: daily rollups of returns, units shipped per SKU and refunds, incremental from watermarks like the order
// rollups (rollup.ts): each run finds the days touched by rows changed since its watermarks, recomputes those days
// completely from the base tables and writes only rows whose numbers differ.
//   - analytics_return_daily: units of approved returns by the day they were asked for, per channel, SKU and reason
//     (a closed return's missing units never came back: not counted), with what of them was received and restocked.
//     A receive or a decision bumps the return's updated_at, so its day is recomputed.
//   - analytics_shipped_units_daily: units that left per day, channel and SKU, what a return rate divides by.
//   - analytics_refund_daily: refunds by the day recorded, per channel and currency, with the time from the return's
//     request to its refund.
import { prepareAll, type Sql, sql } from "../db/sql";
import { percentile } from "../domain/percentile";
import type { Env } from "../env";
import { dayOf, dayRange } from "./days";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "./watermark";

export const RETURNS_WATERMARK = "analytics.returns";
export const SHIPPED_UNITS_WATERMARK = "analytics.shipped_units";
export const REFUNDS_WATERMARK = "analytics.refunds";
const STATEMENTS_PER_BATCH = 100;
// As in rollup.ts: a shipment counts once it has left.
const SHIPPED = "f.shipped_at IS NOT NULL AND f.status != 'cancelled'";
// Units of an approved return that count as returned.
const RETURNED_UNITS = "CASE r.status WHEN 'closed' THEN rl.quantity - rl.missing ELSE rl.quantity END";
const APPROVED = "r.status IN ('open', 'closed')";

export interface ReturnsRollupReport {
  returnDays: string[];
  shipDays: string[];
  refundDays: string[];
  changes: number;
}

export async function rollupReturns(env: Env, now = Date.now()): Promise<ReturnsRollupReport> {
  const db = env.DB;
  const settledBy = now - SETTLE_MS;
  const [returnsWm, shippedWm, refundsWm] = await Promise.all([RETURNS_WATERMARK, SHIPPED_UNITS_WATERMARK, REFUNDS_WATERMARK].map((n) => readWatermark(db, n)));
  const [returnDays, shipDays, refundDays, returnsSettled, shippedSettled, refundsSettled] = await db.batch<{ day: string; m: number | null }>([
    db.prepare(`SELECT DISTINCT ${dayOf("created_at")} AS day FROM returns WHERE updated_at > ?`).bind(returnsWm),
    db.prepare(`SELECT DISTINCT ${dayOf("f.shipped_at")} AS day FROM fulfillments f WHERE f.updated_at > ? AND ${SHIPPED}`).bind(shippedWm),
    db.prepare(`SELECT DISTINCT ${dayOf("created_at")} AS day FROM refunds WHERE created_at > ?`).bind(refundsWm),
    db.prepare("SELECT MAX(updated_at) AS m FROM returns WHERE updated_at > ? AND updated_at <= ?").bind(returnsWm, settledBy),
    db.prepare("SELECT MAX(updated_at) AS m FROM fulfillments WHERE updated_at > ? AND updated_at <= ?").bind(shippedWm, settledBy),
    db.prepare("SELECT MAX(created_at) AS m FROM refunds WHERE created_at > ? AND created_at <= ?").bind(refundsWm, settledBy),
  ]);
  const days = (r: D1Result<{ day: string }>) => r.results.map((x) => x.day).sort();
  const report: ReturnsRollupReport = { returnDays: days(returnDays), shipDays: days(shipDays), refundDays: days(refundDays), changes: 0 };

  const writes: Sql[] = [...report.returnDays.flatMap((d) => returnDaySql(d, now)), ...report.shipDays.flatMap((d) => shippedUnitsDaySql(d, now))];
  for (const day of report.refundDays) writes.push(...(await refundDaySql(db, day, now)));
  const marks: [string, number, number | null | undefined][] = [
    [RETURNS_WATERMARK, returnsWm, returnsSettled.results[0]?.m],
    [SHIPPED_UNITS_WATERMARK, shippedWm, shippedSettled.results[0]?.m],
    [REFUNDS_WATERMARK, refundsWm, refundsSettled.results[0]?.m],
  ];
  for (const [name, current, settled] of marks) {
    const next = nextWatermark(current, settled);
    if (next) writes.push(advanceWatermarkSql(name, next, now));
  }
  // The watermarks go last: a failed batch leaves them where they were, and the next run redoes the days.
  for (let i = 0; i < writes.length; i += STATEMENTS_PER_BATCH) {
    const results = await db.batch(prepareAll(db, writes.slice(i, i + STATEMENTS_PER_BATCH)));
    report.changes += results.reduce((n, r) => n + r.meta.changes, 0);
  }
  return report;
}

function returnDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  const ofDay = `FROM returns r JOIN return_lines rl ON rl.return_id = r.id JOIN orders o ON o.id = r.order_id
    WHERE r.created_at >= ?2 AND r.created_at < ?3 AND ${APPROVED}`;
  return [
    sql(
      `INSERT INTO analytics_return_daily (day, channel_id, sku, reason, returned_units, received_units, restocked_units, updated_at)
       SELECT ?1, o.channel_id, rl.sku, rl.reason, SUM(${RETURNED_UNITS}), SUM(rl.restocked + rl.damaged + rl.inspecting), SUM(rl.restocked), ?4
       ${ofDay} GROUP BY o.channel_id, rl.sku, rl.reason
       ON CONFLICT (day, channel_id, sku, reason) DO UPDATE SET returned_units = excluded.returned_units, received_units = excluded.received_units,
         restocked_units = excluded.restocked_units, updated_at = excluded.updated_at
       WHERE (returned_units, received_units, restocked_units) IS NOT (excluded.returned_units, excluded.received_units, excluded.restocked_units)`,
      day,
      start,
      end,
      now,
    ),
    // A day's group whose returns were all declined or cancelled since is gone.
    sql(
      `DELETE FROM analytics_return_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 ${ofDay}
         AND o.channel_id = analytics_return_daily.channel_id AND rl.sku = analytics_return_daily.sku AND rl.reason = analytics_return_daily.reason)`,
      day,
      start,
      end,
    ),
  ];
}

function shippedUnitsDaySql(day: string, now: number): Sql[] {
  const [start, end] = dayRange(day);
  const ofDay = `FROM fulfillments f JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id JOIN orders o ON o.id = f.order_id
    WHERE f.shipped_at >= ?2 AND f.shipped_at < ?3 AND ${SHIPPED}`;
  return [
    sql(
      `INSERT INTO analytics_shipped_units_daily (day, channel_id, sku, units, updated_at)
       SELECT ?1, o.channel_id, fl.sku, SUM(fl.quantity), ?4 ${ofDay} GROUP BY o.channel_id, fl.sku
       ON CONFLICT (day, channel_id, sku) DO UPDATE SET units = excluded.units, updated_at = excluded.updated_at WHERE units != excluded.units`,
      day,
      start,
      end,
      now,
    ),
    sql(
      `DELETE FROM analytics_shipped_units_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 ${ofDay}
         AND o.channel_id = analytics_shipped_units_daily.channel_id AND fl.sku = analytics_shipped_units_daily.sku)`,
      day,
      start,
      end,
    ),
  ];
}

interface RefundRow {
  channel_id: string;
  currency: string;
  total: number;
  store_credit_amount: number;
  /** ms from the return's request to this refund; null for a refund without a return. */
  wait: number | null;
}

async function refundDaySql(db: D1Database, day: string, now: number): Promise<Sql[]> {
  const [start, end] = dayRange(day);
  const { results } = await db
    .prepare(
      `SELECT o.channel_id, f.currency, f.total, f.store_credit_amount, f.created_at - r.created_at AS wait
       FROM refunds f JOIN orders o ON o.id = f.order_id LEFT JOIN returns r ON r.id = f.return_id
       WHERE f.created_at >= ? AND f.created_at < ?`,
    )
    .bind(start, end)
    .all<RefundRow>();
  const groups = new Map<string, RefundRow[]>();
  for (const r of results) {
    const k = JSON.stringify([r.channel_id, r.currency]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const writes = [...groups.values()].map((rows) => {
    const waits = rows.flatMap((r) => (r.wait === null ? [] : [Math.max(0, r.wait)]));
    const figures = [
      rows.length,
      rows.reduce((t, r) => t + r.total, 0),
      rows.reduce((t, r) => t + r.store_credit_amount, 0),
      waits.length,
      waits.reduce((t, w) => t + w, 0),
      percentile(waits, 50),
      percentile(waits, 90),
    ];
    return sql(
      `INSERT INTO analytics_refund_daily (day, channel_id, currency, refunds, refund_value, store_credit_value, return_refunds,
         request_to_refund_total_ms, request_to_refund_p50_ms, request_to_refund_p90_ms, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
       ON CONFLICT (day, channel_id, currency) DO UPDATE SET refunds = excluded.refunds, refund_value = excluded.refund_value,
         store_credit_value = excluded.store_credit_value, return_refunds = excluded.return_refunds,
         request_to_refund_total_ms = excluded.request_to_refund_total_ms, request_to_refund_p50_ms = excluded.request_to_refund_p50_ms,
         request_to_refund_p90_ms = excluded.request_to_refund_p90_ms, updated_at = excluded.updated_at
       WHERE (refunds, refund_value, store_credit_value, return_refunds, request_to_refund_total_ms, request_to_refund_p50_ms, request_to_refund_p90_ms)
         IS NOT (excluded.refunds, excluded.refund_value, excluded.store_credit_value, excluded.return_refunds,
           excluded.request_to_refund_total_ms, excluded.request_to_refund_p50_ms, excluded.request_to_refund_p90_ms)`,
      day,
      rows[0].channel_id,
      rows[0].currency,
      ...figures,
      now,
    );
  });
  // Groups of the day that have no refund any more (nothing deletes refunds today; kept for symmetry with the others).
  writes.push(
    sql(
      `DELETE FROM analytics_refund_daily WHERE day = ?1 AND NOT EXISTS (SELECT 1 FROM refunds f JOIN orders o ON o.id = f.order_id
         WHERE f.created_at >= ?2 AND f.created_at < ?3 AND o.channel_id = analytics_refund_daily.channel_id AND f.currency = analytics_refund_daily.currency)`,
      day,
      start,
      end,
    ),
  );
  return writes;
}
