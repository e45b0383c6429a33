// Reads and optimistic writes of fulfillments in D1, shaped as the API shows them.
import { isStale, versionedUpdate } from "../db/versioned";
import type { FulfillmentState } from "../domain/fulfillment-status";
import { prepareAll, type Sql } from "../db/sql";
import { conflict, notFound } from "../http/problem";
import { isStaleVersion, orderChanged } from "../orders/write";
import type { FulfillmentView } from "./schemas";

export interface FulfillmentRow {
  id: string;
  order_id: string;
  location_id: string;
  status: FulfillmentState;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  shipping_cost: number | null;
  parcel: string | null;
  label_key: string | null;
  packing_slip_key: string | null;
  shipped_at: number | null;
  delivered_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface FulfillmentLineRow {
  id: string;
  fulfillment_id: string;
  order_line_id: string;
  sku: string;
  quantity: number;
  hold_id: string;
}

export interface LoadedFulfillment {
  row: FulfillmentRow;
  lines: FulfillmentLineRow[];
}

export async function fulfillmentOr404(db: D1Database, id: string): Promise<LoadedFulfillment> {
  const [rows, lines] = await db.batch([
    db.prepare("SELECT * FROM fulfillments WHERE id = ?").bind(id),
    db.prepare("SELECT * FROM fulfillment_lines WHERE fulfillment_id = ? ORDER BY id").bind(id),
  ]);
  const row = rows.results[0] as FulfillmentRow | undefined;
  if (!row) throw notFound("fulfillment_not_found", `No fulfillment has the id ${id}.`);
  return { row, lines: lines.results as FulfillmentLineRow[] };
}

export const trackingUrl = (carrier: string | null, tracking: string | null) =>
  carrier && tracking ? `https://track.example/${encodeURIComponent(carrier)}/${encodeURIComponent(tracking)}` : null;

export function presentSummary(r: FulfillmentRow): Omit<FulfillmentView, "lines"> {
  return {
    id: r.id,
    order_id: r.order_id,
    location_id: r.location_id,
    status: r.status,
    carrier: r.carrier,
    service: r.service,
    tracking_number: r.tracking_number,
    tracking_url: trackingUrl(r.carrier, r.tracking_number),
    shipping_cost: r.shipping_cost,
    parcel: r.parcel ? JSON.parse(r.parcel) : null,
    shipped_at: r.shipped_at,
    delivered_at: r.delivered_at,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export const presentFulfillment = ({ row, lines }: LoadedFulfillment): FulfillmentView => ({
  ...presentSummary(row),
  lines: lines.map((l) => ({ id: l.id, order_line_id: l.order_line_id, sku: l.sku, quantity: l.quantity })),
});

/** See versionedUpdate: lands only if the fulfillment is still at `expected`. */
export const updateFulfillment = (id: string, expected: number, set: Partial<FulfillmentRow>): Sql =>
  versionedUpdate("fulfillments", id, expected, set);

/** Runs a batch holding updateFulfillment (and maybe updateOrder); a stale version of either becomes a 409. */
export async function writeFulfillmentBatch(db: D1Database, statements: Sql[]) {
  try {
    await db.batch(prepareAll(db, statements));
  } catch (err) {
    if (isStale(err, "fulfillments"))
      throw conflict("fulfillment_changed", "The fulfillment changed while this request was being handled; read it again and retry.");
    if (isStaleVersion(err)) throw orderChanged();
    throw err;
  }
}
