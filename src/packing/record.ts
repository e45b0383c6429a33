// One scan at the packing bench, by barcode or SKU. A unit of the shipment goes into the parcel; a SKU it does not hold, or a unit more
// than it holds, is refused and still written down (outcome wrong_item / surplus): the count of refusals is the point.
import { skuOfBarcode } from "../barcodes/store";
import { newId } from "../domain/ids";
import { fulfillmentOr404 } from "../fulfillment/store";
import { conflict } from "../http/problem";
import { expectedPerSku, tallyOf } from "./tally";

// Packing happens before the parcel is closed; after that a scan would count into a box that is already sealed.
const OPEN = new Set(["pending", "picking"]);

export async function recordScan(db: D1Database, actor: string, fulfillmentId: string, code: string) {
  const f = await fulfillmentOr404(db, fulfillmentId);
  if (!OPEN.has(f.row.status))
    throw conflict("not_packing", `A ${f.row.status} shipment takes no more scans; scanning is for pending or picking shipments.`, { status: f.row.status });
  const expected = expectedPerSku(f);
  // A printed barcode (GTIN) names its SKU; otherwise scanners send what the label says, and SKUs are matched exactly,
  // then regardless of case (some scanners shift case).
  const named = (await skuOfBarcode(db, code)) ?? code;
  const sku = expected.has(named) ? named : [...expected.keys()].find((s) => s.toLowerCase() === named.toLowerCase()) ?? null;
  const now = Date.now();
  const id = newId("scan", now);
  let outcome: "packed" | "wrong_item" | "surplus" = "wrong_item";
  if (sku) {
    // The check and the insert are one statement, so two scans arriving together cannot both take the last unit.
    const took = await db
      .prepare(
        `INSERT INTO pack_scans (id, fulfillment_id, code, sku, outcome, actor, created_at)
         SELECT ?1, ?2, ?3, ?4, 'packed', ?5, ?6
         WHERE (SELECT COUNT(*) FROM pack_scans WHERE fulfillment_id = ?2 AND sku = ?4 AND outcome = 'packed') < ?7`,
      )
      .bind(id, f.row.id, code, sku, actor, now, expected.get(sku)!)
      .run();
    outcome = took.meta.changes === 1 ? "packed" : "surplus";
  }
  if (outcome !== "packed")
    await db
      .prepare("INSERT INTO pack_scans (id, fulfillment_id, code, sku, outcome, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(id, f.row.id, code, sku, outcome, actor, now)
      .run();
  const tally = await tallyOf(db, f);
  const line = tally.lines.find((l) => l.sku === sku);
  const message =
    outcome === "packed"
      ? `${sku}: ${line!.scanned} of ${line!.expected} scanned.`
      : outcome === "surplus"
        ? `Surplus unit refused: this shipment holds only ${line!.expected} × ${sku}, all already scanned. Put it back.`
        : `Wrong item refused: ${code} is not in this shipment. Put it back.`;
  return { scan: { id, code, sku, outcome, accepted: outcome === "packed", message, created_at: now }, tally };
}
