// Stock moves of an order change. A cell cannot shrink a hold, so a hold that keeps fewer units is replaced: the
// smaller hold is reserved first (nothing can take those units meanwhile), the old one is released after the change
// is written. Released holds are recorded in the change's own batch (stock_returns) so a worker that dies between
// the batch and the cells leaves a note the next change of the order, or the sweep, finishes.
import type { HoldChange } from "../domain/order-edit";
import type { Env } from "../env";
import { type PlannedHold, releaseAll, reserveAll } from "../checkout/holds";
import { prepareAll, type Sql, sql } from "../db/sql";
import { sha256Hex } from "../http/crypto";
import { newestPerCell, projectionSql } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";
import type { OrderRow } from "../orders/store";

// A committed hold reserved here waits this long for the change's batch to name it; then its cell asks D1 and gives
// the units back if no allocation does (the same safety net as a paid checkout's).
const CONFIRM_WINDOW_MS = 10 * 60_000;

/** Deterministic: a retry of the same change finds the hold it already reserved instead of reserving twice. */
export const changeHoldId = async (orderId: string, ...parts: (string | number)[]) =>
  `hold_${(await sha256Hex([orderId, ...parts].join("\n"))).slice(0, 32)}`;

/** How the order's units are held on the cells: a new hold is reserved the same way. */
export function holdTerms(row: OrderRow, now = Date.now()) {
  const commit = row.stock_state === "committed";
  return { commit, ttlMs: commit ? CONFIRM_WINDOW_MS : Math.max(1_000, (row.hold_expires_at ?? now) - now) };
}

export interface Shrunk {
  /** Old hold id → the hold that now carries its remaining units. */
  replacedBy: Map<string, string>;
  /** Holds whose remaining units could not be kept (see shrinkHolds). */
  lost: HoldChange[];
  /** Holds to give back once the change is written. */
  returns: Pick<PlannedHold, "holdId" | "sku" | "locationId">[];
  snapshots: Snapshot[];
}

/**
 * Makes the cells match holds that keep fewer units. When a cell is too short to reserve the smaller hold beside the
 * old one, the old one is released first and the smaller reserved right after: in that instant another order may take
 * the units, and the change reports them as `lost` (the caller holds the order for a person to look at).
 */
export async function shrinkHolds(env: Env, row: OrderRow, changes: HoldChange[], changeKey: string): Promise<Shrunk> {
  const out: Shrunk = { replacedBy: new Map(), lost: [], returns: [], snapshots: [] };
  const { commit, ttlMs } = holdTerms(row);
  const kept = changes.filter((c) => c.to > 0);
  const planned = await Promise.all(
    kept.map(async (c) => ({ holdId: await changeHoldId(row.id, changeKey, c.holdId, c.to), sku: c.sku, locationId: c.locationId, qty: c.to })),
  );
  const first = await reserveAll(env, planned, row.id, ttlMs, commit);
  out.snapshots.push(...first.map((r) => r.result.snapshot));
  const short = first.filter((r) => !r.result.ok);
  if (short.length) {
    const old = short.map((r) => kept[planned.indexOf(r.hold)]);
    out.snapshots.push(...(await releaseAll(env, old, "order changed")).map((r) => r.snapshot));
    const second = await reserveAll(env, short.map((r) => r.hold), row.id, ttlMs, commit);
    out.snapshots.push(...second.map((r) => r.result.snapshot));
    second.forEach((r, i) => {
      if (!r.result.ok) out.lost.push(old[i]);
    });
  }
  kept.forEach((c, i) => out.replacedBy.set(c.holdId, planned[i].holdId));
  out.returns = changes.map((c) => ({ holdId: c.holdId, sku: c.sku, locationId: c.locationId }));
  return out;
}

/** Records holds to give back, in the change's batch. */
export const returnsSql = (orderId: string, holds: Shrunk["returns"], reason: string, at: number): Sql[] =>
  holds.map((h) =>
    sql(
      "INSERT OR IGNORE INTO stock_returns (hold_id, order_id, sku, location_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      h.holdId,
      orderId,
      h.sku,
      h.locationId,
      reason,
      at,
    ),
  );

export const projections = (snapshots: Snapshot[]) => newestPerCell(snapshots).map(projectionSql);

/** Gives back the holds changes recorded and did not release yet (of one order, or any). Safe to run again. */
export async function finishStockReturns(env: Env, orderId?: string, limit = 50): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT hold_id, sku, location_id, reason FROM stock_returns WHERE released_at IS NULL ${orderId ? "AND order_id = ?" : ""} LIMIT ${limit}`,
  )
    .bind(...(orderId ? [orderId] : []))
    .all<{ hold_id: string; sku: string; location_id: string; reason: string }>();
  if (!results.length) return 0;
  const released = await releaseAll(env, results.map((r) => ({ holdId: r.hold_id, sku: r.sku, locationId: r.location_id })), results[0].reason);
  const now = Date.now();
  // A hold that shipped meanwhile cannot be released; it is done with all the same.
  await env.DB.batch(
    prepareAll(env.DB, [
      ...results.map((r) => sql("UPDATE stock_returns SET released_at = ? WHERE hold_id = ?", now, r.hold_id)),
      ...projections(released.map((r) => r.snapshot)),
    ]),
  );
  return results.length;
}
