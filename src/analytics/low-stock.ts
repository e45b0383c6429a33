// Cron step: raises inventory.low_stock once per crossing. A cell is low when a threshold is set and what is
// available is at or below it; low_stock_state remembers the last verdict, so a cell that stays low is not raised
// again, and one that recovers above its threshold and falls again is. Reads only levels changed since its watermark.
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { advanceWatermarkSql, nextWatermark, readWatermark, SETTLE_MS } from "./watermark";

export const LOW_STOCK_WATERMARK = "inventory.low_stock";
const IS_LOW = "(l.low_stock_threshold IS NOT NULL AND l.available <= l.low_stock_threshold)";

interface Crossing {
  sku: string;
  location_id: string;
  available: number;
  low_stock_threshold: number | null;
  low: number;
}

export interface LowStockReport {
  raised: number;
  recovered: number;
}

export async function checkLowStock(env: Env, now = Date.now()): Promise<LowStockReport> {
  const db = env.DB;
  const wm = await readWatermark(db, LOW_STOCK_WATERMARK);
  const [crossings, settled] = await db.batch<Crossing & { m: number | null }>([
    // Only the changed cells whose verdict differs from the remembered one.
    db
      .prepare(
        `SELECT l.sku, l.location_id, l.available, l.low_stock_threshold, ${IS_LOW} AS low
         FROM inventory_levels l LEFT JOIN low_stock_state s ON s.sku = l.sku AND s.location_id = l.location_id
         WHERE l.updated_at > ? AND ${IS_LOW} != COALESCE(s.low, 0)`,
      )
      .bind(wm),
    db.prepare("SELECT MAX(updated_at) AS m FROM inventory_levels WHERE updated_at > ? AND updated_at <= ?").bind(wm, now - SETTLE_MS),
  ]);
  const report: LowStockReport = { raised: 0, recovered: 0 };
  const writes: Sql[] = [];
  for (const c of crossings.results) {
    if (c.low) {
      writes.push(raiseOnceSql(c, now));
      report.raised++;
    } else report.recovered++;
    writes.push(
      sql(
        `INSERT INTO low_stock_state (sku, location_id, low, changed_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sku, location_id) DO UPDATE SET low = excluded.low, changed_at = excluded.changed_at WHERE low != excluded.low`,
        c.sku,
        c.location_id,
        c.low,
        now,
      ),
    );
  }
  const next = nextWatermark(wm, settled.results[0]?.m);
  if (next) writes.push(advanceWatermarkSql(LOW_STOCK_WATERMARK, next, now));
  // One batch, one transaction: the event exists if and only if the state says low.
  if (writes.length) await db.batch(prepareAll(db, writes));
  return report;
}

/**
 * The outbox row, written only if the state is not already low when the batch runs: two overlapping runs that both saw
 * the crossing raise it once.
 */
function raiseOnceSql(c: Crossing, now: number): Sql {
  const event = outboxSql("inventory.low_stock", { sku: c.sku, location_id: c.location_id, available: c.available, low_stock_threshold: c.low_stock_threshold }, null, now);
  const n = event.params.length;
  const guarded = event.sql.replace(
    /VALUES \((.*)\)$/s,
    `SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM low_stock_state WHERE sku = ?${n + 1} AND location_id = ?${n + 2} AND low = 1)`,
  );
  if (guarded === event.sql) throw new Error("outboxSql changed shape: cannot guard the low-stock event");
  return { sql: guarded, params: [...event.params, c.sku, c.location_id] };
}
