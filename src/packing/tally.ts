// The packing bench's running count for one shipment: what it holds per SKU, what was scanned into the parcel, and
// how many scans were refused. Scans live in pack_scans (migrations/0027); the shipment's lines are the fulfillment's.
import type { LoadedFulfillment } from "../fulfillment/store";

export function expectedPerSku(f: LoadedFulfillment) {
  const qty = new Map<string, number>();
  for (const l of f.lines) qty.set(l.sku, (qty.get(l.sku) ?? 0) + l.quantity);
  return qty;
}

export async function tallyOf(db: D1Database, f: LoadedFulfillment) {
  const { results } = await db
    .prepare("SELECT outcome, sku, COUNT(*) AS n FROM pack_scans WHERE fulfillment_id = ? GROUP BY outcome, sku")
    .bind(f.row.id)
    .all<{ outcome: string; sku: string | null; n: number }>();
  const packed = new Map<string, number>();
  let wrong = 0;
  let surplus = 0;
  for (const r of results) {
    if (r.outcome === "packed") packed.set(r.sku!, r.n);
    else if (r.outcome === "wrong_item") wrong += r.n;
    else surplus += r.n;
  }
  const lines = [...expectedPerSku(f)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, expected]) => ({ sku, expected, scanned: packed.get(sku) ?? 0 }));
  return {
    fulfillment_id: f.row.id,
    status: f.row.status,
    lines,
    complete: lines.length > 0 && lines.every((l) => l.scanned >= l.expected),
    wrong_items: wrong,
    surplus,
  };
}
