// Reads of exchanges from D1, shaped as the API shows them.
import { notFound } from "../http/problem";
import type { ExchangeView } from "./schemas";

export type ExchangeState = "pending" | "reserved" | "awaiting_payment" | "shipped" | "cancelled";

export interface ExchangeRow {
  id: string;
  return_id: string;
  order_id: string;
  state: ExchangeState;
  location_id: string | null;
  returned_value: number;
  new_value: number;
  difference: number;
  currency: string;
  change_id: string | null;
  payment_id: string | null;
  version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  reserved_at: number | null;
  shipped_at: number | null;
  cancelled_at: number | null;
}

export interface ExchangeItemRow {
  id: string;
  exchange_id: string;
  position: number;
  sku: string;
  variant_id: string;
  title: string;
  quantity: number;
  unit_price: number;
}

export interface LoadedExchange {
  row: ExchangeRow;
  items: ExchangeItemRow[];
  /** The holds its items are reserved with (allocations of the order naming its item lines). */
  allocations: { id: string; line_id: string; sku: string; location_id: string; quantity: number; hold_id: string }[];
  /** The replacement shipments once sent. */
  fulfillmentIds: string[];
}

export async function loadExchange(db: D1Database, returnId: string): Promise<LoadedExchange | null> {
  const [head, items, allocations, fulfillments] = await db.batch([
    db.prepare("SELECT * FROM exchanges WHERE return_id = ?").bind(returnId),
    db.prepare("SELECT i.* FROM exchange_items i JOIN exchanges x ON x.id = i.exchange_id WHERE x.return_id = ? ORDER BY i.position").bind(returnId),
    db
      .prepare(
        `SELECT a.id, a.line_id, a.sku, a.location_id, a.quantity, a.hold_id FROM allocations a
         JOIN exchange_items i ON i.id = a.line_id JOIN exchanges x ON x.id = i.exchange_id WHERE x.return_id = ? ORDER BY a.id`,
      )
      .bind(returnId),
    db
      .prepare(
        `SELECT DISTINCT fl.fulfillment_id FROM fulfillment_lines fl JOIN exchange_items i ON i.id = fl.order_line_id
         JOIN exchanges x ON x.id = i.exchange_id WHERE x.return_id = ? ORDER BY fl.fulfillment_id`,
      )
      .bind(returnId),
  ]);
  const row = head.results[0] as ExchangeRow | undefined;
  if (!row) return null;
  return {
    row,
    items: items.results as ExchangeItemRow[],
    allocations: allocations.results as LoadedExchange["allocations"],
    fulfillmentIds: (fulfillments.results as { fulfillment_id: string }[]).map((f) => f.fulfillment_id),
  };
}

export async function requireExchange(db: D1Database, returnId: string): Promise<LoadedExchange> {
  const x = await loadExchange(db, returnId);
  if (!x) throw notFound("exchange_not_found", `Return ${returnId} has no exchange.`);
  return x;
}

export const presentExchange = ({ row, items, allocations, fulfillmentIds }: LoadedExchange): ExchangeView => ({
  id: row.id,
  return_id: row.return_id,
  order_id: row.order_id,
  state: row.state,
  location_id: row.location_id,
  items: items.map((i) => ({
    line_id: i.id,
    sku: i.sku,
    title: i.title,
    quantity: i.quantity,
    unit_price: i.unit_price,
    total: i.unit_price * i.quantity,
    reserved: allocations.filter((a) => a.line_id === i.id).map((a) => ({ location_id: a.location_id, quantity: a.quantity })),
  })),
  returned_value: row.returned_value,
  new_value: row.new_value,
  difference: row.difference,
  currency: row.currency,
  payment_id: row.payment_id,
  fulfillment_ids: fulfillmentIds,
  version: row.version,
  created_at: row.created_at,
  updated_at: row.updated_at,
  reserved_at: row.reserved_at,
  shipped_at: row.shipped_at,
  cancelled_at: row.cancelled_at,
});
