import { notFound, unprocessable } from "../http/problem";

/** Stock only lives at known locations and for known SKUs: both are checked before a cell is touched. */
export async function assertCellExists(db: D1Database, locationId: string, sku: string) {
  const [loc, variant] = await db.batch<{ ok: number }>([
    db.prepare("SELECT 1 AS ok FROM locations WHERE id = ?").bind(locationId),
    db.prepare("SELECT 1 AS ok FROM variants WHERE sku = ?").bind(sku),
  ]);
  if (!loc.results.length) throw notFound("location_not_found", `No location has the id ${locationId}.`);
  if (!variant.results.length) throw unprocessable("unknown_sku", `No variant in the catalog has the SKU ${sku}.`);
}
