// Reads of customers: the record, and what their orders say about them (addresses, spend, history).
import type { Address } from "../domain/address";
import { notFound } from "../http/problem";
import { RETURN_STATUS_SQL } from "../orders/return-status";
import { type OrderRow, presentSummary } from "../orders/store";
import type { CustomerDetailView, CustomerView } from "./schemas";

export type CustomerRow = CustomerView;

export async function customerOr404(db: D1Database, id: string): Promise<CustomerRow> {
  const row = await db.prepare("SELECT * FROM customers WHERE id = ?").bind(id).first<CustomerRow>();
  if (!row) throw notFound("customer_not_found", `No customer has the id ${id}.`);
  return row;
}

type AddressSource = Pick<OrderRow, "shipping_address" | "billing_address" | "created_at">;

/** The distinct addresses of a customer's orders, latest first. Coordinates are the planner's, not the customer's. */
export function addressBook(orders: AddressSource[]): CustomerDetailView["addresses"] {
  const book = new Map<string, CustomerDetailView["addresses"][number]>();
  for (const o of [...orders].sort((a, b) => b.created_at - a.created_at))
    for (const [kind, text] of [["shipping", o.shipping_address], ["billing", o.billing_address]] as const) {
      if (!text) continue;
      const { latitude: _la, longitude: _lo, ...address } = JSON.parse(text) as Address;
      const key = JSON.stringify(address);
      const entry = book.get(key) ?? { address, kinds: [] as ("shipping" | "billing")[], orders: 0, last_used_at: o.created_at };
      if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
      entry.orders++;
      book.set(key, entry);
    }
  return [...book.values()];
}

export async function customerDetail(db: D1Database, id: string): Promise<CustomerDetailView> {
  const customer = await customerOr404(db, id);
  const [addresses, spent, recent] = await db.batch([
    db.prepare("SELECT shipping_address, billing_address, created_at FROM orders WHERE customer_id = ?").bind(id),
    db
      .prepare("SELECT currency, SUM(total) AS amount FROM orders WHERE customer_id = ? AND status != 'cancelled' GROUP BY currency ORDER BY currency")
      .bind(id),
    db.prepare(`SELECT *, ${RETURN_STATUS_SQL} AS return_status FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 20`).bind(id),
  ]);
  return {
    ...customer,
    addresses: addressBook(addresses.results as AddressSource[]),
    spent: spent.results as { currency: string; amount: number }[],
    recent_orders: (recent.results as OrderRow[]).map(presentSummary),
  };
}

/** Customers newest first; by exact email, or by the start of the email or the name. */
export async function searchCustomers(db: D1Database, q: { email?: string; q?: string; limit: number; cursor?: string }) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.email) where.push("email = ?"), args.push(q.email);
  // Prefix ranges, so both halves use their index (customers_email, customers_name).
  if (q.q) where.push("((email >= ? AND email < ?) OR (lower(name) >= ? AND lower(name) < ?))"), args.push(q.q, `${q.q}\uffff`, q.q, `${q.q}\uffff`);
  if (q.cursor) where.push("id < ?"), args.push(q.cursor);
  const { results } = await db
    .prepare(`SELECT * FROM customers ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`)
    .bind(...args, q.limit + 1)
    .all<CustomerRow>();
  const data = results.slice(0, q.limit);
  return { data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null };
}
