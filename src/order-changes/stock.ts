// Stock moves of an order change, planned for the one recovery path (src/stock-changes). A cell cannot shrink a hold,
// so a hold that keeps fewer units is replaced by one reserved *within* it: the new hold takes no stock while the old
// one stands, so nobody can take the units in between, and abandoning the change (releasing the new hold) changes no
// figure. Once the change is written, the old holds are released: their remaining units were never the new hold's.
import type { HoldChange } from "../domain/order-edit";
import { conflict } from "../http/problem";
import { newestPerCell, projectionSql } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";
import type { OrderRow } from "../orders/store";
import { orderChanged } from "../orders/write";
import type { Reserved } from "../stock-changes/change";
import { type Afterward, holdIdOf, type Reserve } from "../stock-changes/record";
import { holdReplacedSql } from "../backorders/mark";
import type { Sql } from "../db/sql";

// A committed hold reserved here waits this long for the change's batch to name it; then its cell asks D1 and gives
// the units back if no allocation does (the same safety net as a paid checkout's).
const CONFIRM_WINDOW_MS = 10 * 60_000;

/** How the order's units are held on the cells: a new hold is reserved the same way. */
export function holdTerms(row: OrderRow, now = Date.now()) {
  const commit = row.stock_state === "committed";
  return { commit, ttlMs: commit ? CONFIRM_WINDOW_MS : Math.max(1_000, (row.hold_expires_at ?? now) - now) };
}

export interface Shrink {
  /** Replacement holds, each within the hold it replaces. */
  reserves: Reserve[];
  /** The holds the change gives back once written (every hold whose units changed). */
  releases: Afterward[];
  /** Old hold id → the hold that now carries its remaining units. */
  replacedBy: Map<string, string>;
}

export async function planShrink(row: OrderRow, changes: HoldChange[], changeId: string, reason: string): Promise<Shrink> {
  const { commit, ttlMs } = holdTerms(row);
  const replacedBy = new Map<string, string>();
  const reserves: Reserve[] = [];
  for (const c of changes.filter((c) => c.to > 0)) {
    const holdId = await holdIdOf(changeId, c.holdId, c.to);
    replacedBy.set(c.holdId, holdId);
    reserves.push({ holdId, sku: c.sku, locationId: c.locationId, qty: c.to, commit, ttlMs, within: c.holdId });
  }
  const releases = changes.map((c): Afterward => ({ op: "release", holdId: c.holdId, sku: c.sku, locationId: c.locationId, reason }));
  return { reserves, releases, replacedBy };
}

/** Waiting backorder units move with their hold, so they keep their place in the queue (backorders/mark.ts). */
export const replacementsSql = (shrink: Shrink, changes: HoldChange[]): Sql[] =>
  changes.filter((c) => shrink.replacedBy.has(c.holdId)).map((c) => holdReplacedSql(c.holdId, shrink.replacedBy.get(c.holdId)!, c.to));

/**
 * A replacement the cell refused: another change of this order is under way (hold_busy) or the old hold ended
 * meanwhile (an unpaid order's window closed). Either way the order is not as this change read it.
 */
export function refusedReplacement(reserved: Reserved[]) {
  const refused = reserved.find((r) => !r.result.ok);
  if (!refused) return null;
  if (!refused.result.ok && refused.result.reason === "hold_busy") return orderChanged();
  return conflict("stock_not_held", "The stock this order held is no longer held (its payment window may have closed); nothing was changed.", {
    sku: refused.reserve.sku,
    location_id: refused.reserve.locationId,
  });
}

export const projections = (snapshots: Snapshot[]) => newestPerCell(snapshots).map(projectionSql);

