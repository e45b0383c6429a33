// Writes to an order: optimistic on its version, so a change made against an old version never overwrites a newer one.
import { prepareAll, type Sql, sql } from "../db/sql";
import { conflict } from "../http/problem";
import type { OrderRow } from "./store";

/**
 * An UPDATE that fails (NOT NULL on version) unless the order is still at `expected`. Inside a D1 batch that failure
 * rolls back every other statement of the batch, so the payments and events written with it vanish too.
 */
export function updateOrder(id: string, expected: number, set: Partial<OrderRow>): Sql {
  const entries = Object.entries({ ...set, updated_at: Date.now() });
  return sql(
    `UPDATE orders SET ${entries.map(([k]) => `${k} = ?`).join(", ")},
     version = CASE WHEN version = ? THEN version + 1 ELSE NULL END WHERE id = ?`,
    ...entries.map(([, v]) => v),
    expected,
    id,
  );
}

export const isStaleVersion = (err: unknown) => String(err).includes("NOT NULL constraint failed: orders.version");

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
