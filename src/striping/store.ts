// Which stripes a SKU has at a location (D1 stripe_cells, migrations/0033_striping.sql). Stripe 0, the SKU's own
// cell, is never listed: it is always there.
import { stripeSku } from "../inventory/cells";

export interface StripeRow {
  stripe: number;
  cellSku: string;
  active: boolean;
}

/** Every stripe the SKU ever had at the location (active or folded), stripe 0 first. */
export async function stripesOf(db: D1Database, sku: string, locationId: string): Promise<StripeRow[]> {
  const { results } = await db
    .prepare("SELECT stripe, cell_sku, active FROM stripe_cells WHERE sku = ? AND location_id = ? ORDER BY stripe")
    .bind(sku, locationId)
    .all<{ stripe: number; cell_sku: string; active: number }>();
  return [{ stripe: 0, cellSku: sku, active: true }, ...results.map((r) => ({ stripe: r.stripe, cellSku: r.cell_sku, active: r.active === 1 }))];
}

/** How many stripes take reservations now: 1 when striping is off. */
export const activeCount = (rows: StripeRow[]) => rows.filter((r) => r.active).length;

/** Stripes 1..n-1 active, the rest (if any) folded. */
export async function setActive(db: D1Database, sku: string, locationId: string, stripes: number, now = Date.now()) {
  const upserts = Array.from({ length: stripes - 1 }, (_, i) =>
    db
      .prepare(
        `INSERT INTO stripe_cells (sku, location_id, stripe, cell_sku, active, updated_at) VALUES (?, ?, ?, ?, 1, ?)
         ON CONFLICT (sku, location_id, stripe) DO UPDATE SET active = 1, updated_at = excluded.updated_at`,
      )
      .bind(sku, locationId, i + 1, stripeSku(sku, i + 1), now),
  );
  await db.batch([
    ...upserts,
    db.prepare("UPDATE stripe_cells SET active = 0, updated_at = ? WHERE sku = ? AND location_id = ? AND stripe >= ?").bind(now, sku, locationId, stripes),
  ]);
}
