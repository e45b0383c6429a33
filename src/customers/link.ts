// Customers are built from orders: the checkout batch that writes an order also finds or creates its customer by
// email and links the two, so no order is ever without its customer and no second round trip is spent on it.
import type { Address } from "../domain/address";
import { newId } from "../domain/ids";
import { type Sql, sql } from "../db/sql";
import type { OrderRow } from "../orders/store";

/** Statements for the order's own batch, after the order is inserted. */
export function linkCustomerSql(row: OrderRow): Sql[] {
  const email = row.email.trim().toLowerCase();
  const shipping = row.shipping_address ? (JSON.parse(row.shipping_address) as Address) : null;
  const billing = row.billing_address ? (JSON.parse(row.billing_address) as Address) : null;
  // The latest order names the customer; a pickup order without an address keeps the name already known.
  const name = shipping?.name ?? billing?.name ?? null;
  const phone = shipping?.phone ?? billing?.phone ?? null;
  return [
    sql(
      `INSERT INTO customers (id, email, name, phone, orders_count, first_order_at, last_order_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?5, ?5)
       ON CONFLICT (email) DO UPDATE SET name = COALESCE(excluded.name, name), phone = COALESCE(excluded.phone, phone),
         orders_count = orders_count + 1, first_order_at = COALESCE(first_order_at, excluded.first_order_at),
         last_order_at = MAX(COALESCE(last_order_at, 0), excluded.last_order_at), updated_at = excluded.updated_at`,
      newId("cus", row.created_at),
      email,
      name,
      phone,
      row.created_at,
    ),
    sql("UPDATE orders SET customer_id = (SELECT id FROM customers WHERE email = ?1) WHERE id = ?2", email, row.id),
  ];
}
