// Bins of a location in D1: which bin holds a SKU and where it comes on the walk.
import { assertCellExists } from "../inventory/lookups";

export interface BinRow {
  location_id: string;
  sku: string;
  code: string;
  walk_order: number;
  updated_at: number;
}

export async function putBin(db: D1Database, locationId: string, sku: string, bin: { code: string; walk_order: number }): Promise<BinRow> {
  await assertCellExists(db, locationId, sku);
  return (await db
    .prepare(
      `INSERT INTO bins (location_id, sku, code, walk_order, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (location_id, sku) DO UPDATE SET code = excluded.code, walk_order = excluded.walk_order, updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(locationId, sku, bin.code, bin.walk_order, Date.now())
    .first<BinRow>())!;
}

export async function binsOf(db: D1Database, locationId: string, sku?: string): Promise<BinRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM bins WHERE location_id = ?1 AND (?2 IS NULL OR sku = ?2) ORDER BY walk_order, code, sku")
    .bind(locationId, sku ?? null)
    .all<BinRow>();
  return results;
}
