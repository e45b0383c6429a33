// Writes to an order: optimistic on its version, so a change made against an old version never overwrites a newer one.
import { prepareAll, type Sql, sql } from "../db/sql";
import { isStale, versionedUpdate } from "../db/versioned";
import { conflict } from "../http/problem";
import type { OrderRow } from "./store";

/** See versionedUpdate: the payments and events written with it land only if the order is still at `expected`. */
export const updateOrder = (id: string, expected: number, set: Partial<OrderRow>): Sql => versionedUpdate("orders", id, expected, set);

export const isStaleVersion = (err: unknown) => isStale(err, "orders");

export const orderChanged = () =>
  conflict("order_changed", "The order changed while this request was being handled; read it again and retry.");

/** Runs a batch that contains updateOrder(...); a stale version becomes 409 order_changed. */
export async function writeOrderBatch(db: D1Database, statements: Sql[]) {
  try {
    return await db.batch(prepareAll(db, statements));
  } catch (err) {
    if (isStaleVersion(err)) throw orderChanged();
    throw err;
  }
}

/** A new order. Its number is assigned inside the batch (D1 has one writer), so numbers never collide; RETURNING tells it. */
export function insertOrderSql(row: OrderRow, checkoutKey: string): Sql {
  const { number: _, ...cols } = { ...row, checkout_key: checkoutKey };
  const names = Object.keys(cols);
  return sql(
    `INSERT INTO orders (${names.join(", ")}, number) VALUES (${names.map(() => "?").join(", ")},
     (SELECT COALESCE(MAX(number), 1000) + 1 FROM orders)) RETURNING number`,
    ...Object.values(cols),
  );
}

/** Whether an order insert failed because that checkout (or that channel order) already made its order. */
export const isOrderTaken = (err: unknown) => /UNIQUE constraint failed: orders\.(checkout_key|channel_id)/.test(String(err));
