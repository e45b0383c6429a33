// The central order list: filters that combine (AND), two sort orders, keyset pagination. Every filter that narrows a
// lot has an index that ends in the sort key (migration 0009), so a page reads about `limit` rows, not the store.
import { z } from "@hono/zod-openapi";
import { type Sql, sql } from "../db/sql";
import { decodeCursor, encodeCursor } from "../domain/cursor";
import { normalizeTag } from "../domain/tags";
import { PageQuery } from "../http/openapi";
import { validationFailed } from "../http/problem";
import { Sku } from "../inventory/schemas";
import { Order, type OrderSummaryView } from "./schemas";
import { RETURN_STATUS_SQL } from "./return-status";
import { FreeText, freeTextWhere } from "./free-text";
import { type OrderRow, presentSummary } from "./store";

const Millis = z.coerce.number().int().min(0).max(8_640_000_000_000);

export const OrderSearch = PageQuery.extend({
  channel_id: z.string().min(1).max(64).optional(),
  status: Order.shape.status.optional(),
  payment_status: Order.shape.payment_status.optional(),
  fulfillment_status: Order.shape.fulfillment_status.optional(),
  return_status: Order.shape.return_status.optional(),
  created_from: Millis.optional().openapi({ description: "Placed at or after (epoch ms)." }),
  created_to: Millis.optional().openapi({ description: "Placed before (epoch ms)." }),
  email: z.string().trim().toLowerCase().min(1).max(254).optional().openapi({ description: "The customer's email, exactly (any case)." }),
  number: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  customer_id: z.string().min(1).max(64).optional(),
  sku: Sku.optional().openapi({ description: "Orders with a line of this SKU." }),
  location_id: z.string().min(1).max(64).optional().openapi({ description: "Orders with units allocated at this location." }),
  tag: z.string().trim().min(1).max(40).optional(),
  q: FreeText.optional(),
  sort: z.enum(["created_at", "total"]).default("created_at"),
  order: z.enum(["desc", "asc"]).default("desc"),
});
export type OrderSearch = z.infer<typeof OrderSearch>;

/** The one SELECT a search runs: pure, so the bench can EXPLAIN exactly what the API sends. */
export function searchSql(q: OrderSearch): Sql {
  const where: string[] = [];
  const args: unknown[] = [];
  const when = (cond: string, ...values: unknown[]) => (where.push(cond), args.push(...values));
  if (q.channel_id) when("channel_id = ?", q.channel_id);
  if (q.status) when("status = ?", q.status);
  if (q.payment_status) when("payment_status = ?", q.payment_status);
  if (q.fulfillment_status) when("fulfillment_status = ?", q.fulfillment_status);
  if (q.return_status) when(`${RETURN_STATUS_SQL} = ?`, q.return_status);
  if (q.created_from !== undefined) when("created_at >= ?", q.created_from);
  if (q.created_to !== undefined) when("created_at < ?", q.created_to);
  if (q.email) when("email = ?", q.email);
  if (q.number !== undefined) when("number = ?", q.number);
  if (q.customer_id) when("customer_id = ?", q.customer_id);
  if (q.sku) when("id IN (SELECT order_id FROM order_lines WHERE sku = ?)", q.sku);
  if (q.location_id) when("id IN (SELECT order_id FROM allocations WHERE location_id = ?)", q.location_id);
  if (q.tag) when("id IN (SELECT order_id FROM order_tags WHERE tag = ?)", normalizeTag(q.tag));
  if (q.q) {
    const text = freeTextWhere(q.q);
    when(text.cond, ...text.args);
  }
  const dir = q.order === "asc" ? "ASC" : "DESC";
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c || c.sort !== q.sort) throw validationFailed([{ field: "query.cursor", message: "Not a cursor of this list and sort: use next_cursor as given" }]);
    when(`(${q.sort}, id) ${dir === "ASC" ? ">" : "<"} (?, ?)`, c.value, c.id);
  }
  return sql(
    `SELECT *, ${RETURN_STATUS_SQL} AS return_status FROM orders ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${q.sort} ${dir}, id ${dir} LIMIT ?`,
    ...args,
    q.limit + 1,
  );
}

export async function searchOrders(db: D1Database, q: OrderSearch): Promise<{ data: OrderSummaryView[]; next_cursor: string | null }> {
  const query = searchSql(q);
  const { results } = await db.prepare(query.sql).bind(...query.params).all<OrderRow>();
  const rows = results.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    data: rows.map(presentSummary),
    next_cursor: results.length > q.limit ? encodeCursor({ sort: q.sort, value: last[q.sort], id: last.id }) : null,
  };
}
