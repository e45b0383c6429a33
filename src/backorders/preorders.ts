// SKUs on preorder: their release dates. Set through the catalog (a variant's `preorder`).
import { sql, type Sql } from "../db/sql";

/** Release dates still ahead of `now`, per SKU; a SKU whose date has passed sells beyond stock as a backorder. */
export async function futureReleases(db: D1Database, skus: string[], now: number): Promise<Map<string, number>> {
  if (!skus.length) return new Map();
  const { results } = await db
    .prepare("SELECT sku, release_at FROM preorders WHERE sku IN (SELECT value FROM json_each(?)) AND release_at > ?")
    .bind(JSON.stringify(skus), now)
    .all<{ sku: string; release_at: number }>();
  return new Map(results.map((r) => [r.sku, r.release_at]));
}

export async function releasesOf(db: D1Database, skus: string[]): Promise<Map<string, number>> {
  if (!skus.length) return new Map();
  const { results } = await db
    .prepare("SELECT sku, release_at FROM preorders WHERE sku IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(skus))
    .all<{ sku: string; release_at: number }>();
  return new Map(results.map((r) => [r.sku, r.release_at]));
}

/**
 * Puts a SKU on preorder until `releaseAt`, or takes it off (null). Preorders already waiting move with the date:
 * the shopper is told the new date on the order, and the units are allocated from it.
 */
export function setPreorderSql(sku: string, releaseAt: number | null, now: number): Sql[] {
  if (releaseAt === null)
    return [
      sql("DELETE FROM preorders WHERE sku = ?", sku),
      // Off preorder: what still waits is due now (it waits for stock only).
      sql("UPDATE backorders SET available_on = NULL WHERE sku = ? AND state = 'waiting' AND supply = 'preorder'", sku),
    ];
  return [
    sql(
      "INSERT INTO preorders (sku, release_at, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (sku) DO UPDATE SET release_at = ?2, updated_at = ?3",
      sku,
      releaseAt,
      now,
    ),
    sql("UPDATE backorders SET available_on = ? WHERE sku = ? AND state = 'waiting' AND supply = 'preorder'", releaseAt, sku),
    sql(
      `UPDATE order_lines SET available_on = ?1 WHERE sku = ?2 AND supply = 'preorder'
       AND id IN (SELECT a.line_id FROM allocations a JOIN backorders b ON b.hold_id = a.hold_id WHERE b.sku = ?2 AND b.state = 'waiting' AND b.supply = 'preorder')`,
      releaseAt,
      sku,
    ),
  ];
}
