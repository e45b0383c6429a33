// The D1 read model of the cells (inventory_levels). Versioned: an older snapshot never overwrites a newer one.
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Snapshot } from "./types";

const UPSERT = `INSERT INTO inventory_levels
  (sku, location_id, on_hand, held, committed, safety_stock, available, low_stock_threshold, allow_backorder, backorder_limit, version, updated_at, damaged)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
  ON CONFLICT (sku, location_id) DO UPDATE SET
    on_hand = excluded.on_hand, held = excluded.held, committed = excluded.committed, safety_stock = excluded.safety_stock,
    available = excluded.available, low_stock_threshold = excluded.low_stock_threshold,
    allow_backorder = excluded.allow_backorder, backorder_limit = excluded.backorder_limit, version = excluded.version, updated_at = excluded.updated_at,
    damaged = excluded.damaged
  WHERE excluded.version > inventory_levels.version`;

export function projectionSql(s: Snapshot): Sql {
  return sql(UPSERT, s.sku, s.locationId, s.onHand, s.held, s.committed, s.safetyStock, s.available, s.lowStockThreshold, s.allowBackorder ? 1 : 0, s.backorderLimit, s.version, s.updatedAt, s.damaged);
}

/** Keeps only the newest snapshot per cell, so a batch never carries two writes for one row. */
export function newestPerCell(snapshots: Snapshot[]): Snapshot[] {
  const newest = new Map<string, Snapshot>();
  for (const s of snapshots) {
    const k = `${s.locationId}/${s.sku}`;
    if (!newest.has(k) || newest.get(k)!.version < s.version) newest.set(k, s);
  }
  return [...newest.values()].filter((s) => s.sku);
}

export async function writeProjection(db: D1Database, snapshots: Snapshot[]) {
  const rows = newestPerCell(snapshots);
  if (rows.length) await db.batch(prepareAll(db, rows.map(projectionSql)));
}
