// Allocation of backorders and preorders at one cell (sku@location): run when stock arrives there, when a preorder's
// release date comes, when the merchant changes a preorder, or on request. Safe to run twice or side by side: each
// hold moves from waiting to allocated once (a guarded update), and a run that saw less stock only covers fewer
// holds of the same queue.
import { type AllocationDecision, allocateWaiting, type Waiting } from "../domain/backorder";
import { prepareAll, sql } from "../db/sql";
import type { Env } from "../env";
import { cellOf } from "../inventory/cells";
import { job } from "../queues/job";

// Queues delay a message by at most 12 hours; a release further away is looked at again every 12 hours.
const MAX_DELAY_S = 12 * 3600;

export const allocationJob = (sku: string, locationId: string, key: string) =>
  job("allocate_backorders", `${locationId}/${sku}:${key}`, { sku, locationId });

export async function allocateBackorders(env: Env, data: Record<string, unknown>) {
  await allocateAt(env, String(data.sku), String(data.locationId), Date.now());
}

export async function allocateAt(env: Env, sku: string, locationId: string, now: number): Promise<AllocationDecision> {
  // D1 first, then the cell: a checkout reserves on the cell before it writes its order, so every hold read here is
  // already in the cell's figures, and an order still being written only makes the units on hand look fewer.
  // Cancelled orders, unpaid ones past their payment window, and holds an order change replaced gave (or are giving)
  // their units back.
  const { results } = await env.DB.prepare(
    `SELECT b.hold_id, b.order_id, b.quantity, b.supply, b.available_on, b.ordered_at
     FROM backorders b JOIN orders o ON o.id = b.order_id
     WHERE b.sku = ?1 AND b.location_id = ?2 AND b.state = 'waiting' AND o.status != 'cancelled'
       AND NOT (o.payment_status = 'pending' AND COALESCE(o.hold_expires_at, 0) <= ?3)
       AND EXISTS (SELECT 1 FROM allocations a WHERE a.hold_id = b.hold_id)`,
  )
    .bind(sku, locationId, now)
    .all<{ hold_id: string; order_id: string; quantity: number; supply: Waiting["supply"]; available_on: number | null; ordered_at: number }>();
  if (!results.length) return { allocate: [], nextRelease: null };
  const snapshot = await cellOf(env, sku, locationId).snapshot();
  const decision = allocateWaiting(
    snapshot.available,
    results.map((r) => ({ holdId: r.hold_id, orderId: r.order_id, quantity: r.quantity, supply: r.supply, availableOn: r.available_on, orderedAt: r.ordered_at })),
    now,
  );
  if (decision.allocate.length) {
    await env.DB.batch(
      prepareAll(
        env.DB,
        decision.allocate.flatMap((w) => [
          sql("UPDATE backorders SET state = 'allocated', allocated_at = ? WHERE hold_id = ? AND state = 'waiting'", now, w.holdId),
          sql(
            `INSERT OR IGNORE INTO order_events (id, order_id, type, actor, data, created_at) VALUES (?, ?, 'backorder.allocated', 'system', ?, ?)`,
            `evt_bo_${w.holdId}`,
            w.orderId,
            JSON.stringify({ sku, location_id: locationId, quantity: w.quantity, supply: w.supply }),
            now,
          ),
        ]),
      ),
    );
    // Each allocation is its own fulfillment run (the first run of the order skipped these units).
    await env.FULFILLMENT.sendBatch(
      decision.allocate.map((w) => ({ body: job("create_fulfillments", `${w.orderId}:bo:${w.holdId}`, { orderId: w.orderId }) })),
    );
  }
  if (decision.nextRelease !== null) {
    const delay = Math.ceil((decision.nextRelease - now) / 1000) + 1;
    // Keyed by the date (or the 12-hour window) so that every run waiting for the same moment sends the same job.
    const key = delay <= MAX_DELAY_S ? `release:${decision.nextRelease}` : `wait:${Math.floor(now / (MAX_DELAY_S * 1000))}`;
    await env.FULFILLMENT.send(allocationJob(sku, locationId, key), { delaySeconds: Math.min(delay, MAX_DELAY_S) });
  }
  return decision;
}

/**
 * Stock arrived at a cell (on-hand went up): if orders wait there, allocate. Called by the cell after the movement;
 * the job key is the movement's ledger entry, so each arrival is looked at once, however often it is replayed.
 */
export async function stockArrived(env: Env, sku: string, locationId: string, ledgerSeq: number) {
  const waiting = await env.DB.prepare("SELECT 1 AS one FROM backorders WHERE sku = ? AND location_id = ? AND state = 'waiting' LIMIT 1")
    .bind(sku, locationId)
    .first();
  if (waiting) await env.FULFILLMENT.send(allocationJob(sku, locationId, `in:${ledgerSeq}`));
}

/** After a preorder change: every cell where the SKU has orders waiting looks again. */
export async function reconsiderSku(env: Env, sku: string, now: number) {
  const { results } = await env.DB.prepare("SELECT DISTINCT location_id FROM backorders WHERE sku = ? AND state = 'waiting'").bind(sku).all<{ location_id: string }>();
  if (results.length) await env.FULFILLMENT.sendBatch(results.map((r) => ({ body: allocationJob(sku, r.location_id, `changed:${now}`) })));
}
