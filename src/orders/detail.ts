// The order as staff see it: everything loadOrder reads plus its shipments and internal notes, in one D1 batch.
import { type FulfillmentLineRow, type FulfillmentRow, presentFulfillment } from "../fulfillment/store";
import { notFound } from "../http/problem";
import type { OrderDetailView } from "./schemas";
import { groupBy, orderStatements, partsOf, presentOrder } from "./store";

export interface NoteRow {
  id: string;
  order_id: string;
  author: string;
  body: string;
  created_at: number;
}

/** Details of the orders a SELECT of order ids picks (see orderStatements), oldest first. */
export async function loadDetails(db: D1Database, ids: string, ...args: unknown[]): Promise<OrderDetailView[]> {
  const results = await db.batch([
    ...orderStatements(db, ids, ...args),
    db.prepare(`SELECT * FROM fulfillments WHERE order_id IN (${ids}) ORDER BY created_at, id`).bind(...args),
    db.prepare(
      `SELECT fl.* FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id WHERE f.order_id IN (${ids}) ORDER BY fl.id`,
    ).bind(...args),
    db.prepare(`SELECT * FROM order_notes WHERE order_id IN (${ids}) ORDER BY created_at, id`).bind(...args),
  ]);
  const [fulfillments, fulfillmentLines, notes] = results.slice(5);
  const shipments = groupBy(fulfillments.results as FulfillmentRow[], (f) => f.order_id);
  const linesOf = groupBy(fulfillmentLines.results as FulfillmentLineRow[], (l) => l.fulfillment_id);
  const notesOf = groupBy(notes.results as NoteRow[], (n) => n.order_id);
  return partsOf(results).map((parts) => ({
    ...presentOrder(parts),
    fulfillments: (shipments.get(parts.row.id) ?? []).map((row) => presentFulfillment({ row, lines: linesOf.get(row.id) ?? [] })),
    notes: (notesOf.get(parts.row.id) ?? []).map(({ order_id: _, ...note }) => note),
  }));
}

export async function orderDetailOr404(db: D1Database, id: string): Promise<OrderDetailView> {
  const [detail] = await loadDetails(db, "SELECT id FROM orders WHERE id = ?1", id);
  if (!detail) throw notFound("order_not_found", `No order has the id ${id}.`);
  return detail;
}
