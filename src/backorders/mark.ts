// At checkout: the holds whose cells went below zero took units beyond stock. Their lines are marked backorder (or
// preorder, when the SKU is on preorder and its release date is ahead) and each such hold joins its cell's queue.
import { beyondStock } from "../domain/backorder";
import { insert, type Sql, sql } from "../db/sql";
import { newestPerCell } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";
import type { AllocationRow, LineRow } from "../orders/store";
import { futureReleases } from "./preorders";

export interface CheckoutHolds {
  orderId: string;
  orderedAt: number;
  lines: LineRow[];
  allocations: AllocationRow[];
  holds: { holdId: string; sku: string; locationId: string; qty: number }[];
  /** Every cell answer of the checkout; the newest per cell is the one right after its final reservation. */
  snapshots: Snapshot[];
}

/**
 * Marks the lines (in place) whose units were promised beyond stock and returns the rows that queue their holds,
 * for the order's batch. Costs no round trip unless some hold went beyond stock.
 */
export async function markBeyondStock(db: D1Database, c: CheckoutHolds): Promise<Sql[]> {
  const after = new Map(newestPerCell(c.snapshots).map((s) => [`${s.sku}\n${s.locationId}`, s.available]));
  const short = c.holds
    .map((h) => ({ h, short: beyondStock(h.qty, after.get(`${h.sku}\n${h.locationId}`) ?? 0) }))
    .filter((x) => x.short > 0);
  if (!short.length) return [];
  const releases = await futureReleases(db, [...new Set(short.map((x) => x.h.sku))], c.orderedAt);
  return short.map(({ h, short }) => {
    const releaseAt = releases.get(h.sku) ?? null;
    const supply = releaseAt === null ? "backorder" : "preorder";
    const lineIds = new Set(c.allocations.filter((a) => a.hold_id === h.holdId).map((a) => a.line_id));
    for (const line of c.lines)
      if (lineIds.has(line.id)) Object.assign(line, { supply, available_on: releaseAt ?? line.available_on });
    return insert("backorders", {
      hold_id: h.holdId,
      order_id: c.orderId,
      sku: h.sku,
      location_id: h.locationId,
      quantity: h.qty,
      short,
      supply,
      available_on: releaseAt,
      state: "waiting",
      ordered_at: c.orderedAt,
      allocated_at: null,
    });
  });
}

/**
 * For order changes that replace a hold by another (a smaller one after a partial cancel): the waiting units move
 * with it, so they keep their place in the queue. Put it in the change's own batch.
 */
export const holdReplacedSql = (oldHoldId: string, newHoldId: string, quantity: number): Sql =>
  sql("UPDATE backorders SET hold_id = ?, quantity = ?, short = MIN(short, ?) WHERE hold_id = ?", newHoldId, quantity, quantity, oldHoldId);
