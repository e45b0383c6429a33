// The exchange's new units, reserved through the one recovery path (src/stock-changes): recorded, reserved on the
// cells (hold ids from the change's id), then written with the allocations that name them. The allocations are the
// order's (their line_id is the item's future order line), so the cells keep the committed holds for good and the
// stock audit knows who owns them. A shortage abandons the change: nothing is recorded.
import type { Shortage } from "../domain/allocation";
import { insert, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { conflict } from "../http/problem";
import { destinationOf, planFromCells } from "../order-changes/plan-from-cells";
import { projections } from "../order-changes/stock";
import type { LoadedOrder } from "../orders/store";
import { StockChange } from "../stock-changes/change";
import type { Afterward } from "../stock-changes/record";
import type { ExchangeItemRow, LoadedExchange } from "./store";

// A committed hold waits this long for the batch that names it; then its cell asks D1 (see ReserveRequest.commit).
const CONFIRM_WINDOW_MS = 10 * 60_000;

export const insufficient = (shortages: Shortage[]) =>
  conflict("insufficient_stock", "Not enough stock for the exchange's new units; nothing was recorded.", { shortages });

export interface Reservation {
  change: StockChange;
  /** The allocations and the projection, for the outcome's batch (with change.outcomeSql() or through change.write). */
  statements: Sql[];
}

export async function reserveItems(env: Env, order: LoadedOrder, items: ExchangeItemRow[], locationId: string | null, at = Date.now()): Promise<Reservation> {
  const { row } = order;
  const changeId = newId("chg", at);
  const dest = locationId ? { kind: "pickup" as const, locationId } : destinationOf(row, row.shipping_address ? JSON.parse(row.shipping_address) : null);
  const planned = await planFromCells(env, {
    orderId: row.id,
    demand: items.map((i) => ({ id: i.id, sku: i.sku, quantity: i.quantity })),
    dest,
    changeId,
    commit: true,
    ttlMs: CONFIRM_WINDOW_MS,
    short: insufficient,
  });
  const change = await StockChange.begin(env, { id: changeId, orderId: row.id, kind: "exchange_reserve", reserves: planned.reserves, afterwards: [] });
  const reserved = await change.reserve();
  // A cell that sells beyond its stock says ok with less than nothing left: an exchange never waits for stock.
  const short = reserved.filter((r) => !r.result.ok || r.result.snapshot.available < 0);
  if (short.length) {
    await change.abandon();
    throw insufficient(short.map((r) => ({ sku: r.reserve.sku, requested: r.reserve.qty, available: Math.max(0, r.result.snapshot.available + (r.result.ok ? r.reserve.qty : 0)) })));
  }
  return {
    change,
    statements: [...planned.allocations.map((a) => insert("allocations", a)), ...projections(reserved.map((r) => r.result.snapshot))],
  };
}

/**
 * The exchange is off: its allocations go and its holds are released by the cells once this is written — a change
 * recorded with its outcome, finished right after (or by the sweep, or by the order's next change).
 */
export function releaseItems(env: Env, x: LoadedExchange, reason: string, at = Date.now()): Sql[] {
  if (!x.allocations.length) return [];
  const holds = new Map(x.allocations.map((a) => [a.hold_id, a]));
  const releases = [...holds.values()].map((a): Afterward => ({ op: "release", holdId: a.hold_id, sku: a.sku, locationId: a.location_id, reason }));
  const change = StockChange.without(env, { id: newId("chg", at), orderId: x.row.order_id, kind: "exchange_release", afterwards: releases });
  return [
    sql(`DELETE FROM allocations WHERE id IN (${x.allocations.map(() => "?").join(", ")})`, ...x.allocations.map((a) => a.id)),
    change.outcomeSql(at),
  ];
}
