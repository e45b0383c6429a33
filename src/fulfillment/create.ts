// The fulfillment job: a confirmed order gets one live fulfillment (shipment) per location its stock is allocated at.
// Ids come from the order, the location and how many shipments that location had before (see shipmentsOf), so
// running the job twice creates nothing twice, and units allocated after a shipment was cancelled get a new one.
import { timelineEvent } from "../orders/timeline";
import { prepareAll, sql, type Sql } from "../db/sql";
import type { Env } from "../env";
import { loadOrder } from "../orders/store";
import { relayEvents } from "../events/relay";
import { job } from "../queues/job";
import { shipmentsOf } from "../backorders/shipments";
import { fulfillmentLineIdOf } from "../order-changes/load";
import { requestThirdParty } from "../third-party/request";

// partially_refunded: some lines were cancelled and refunded, the rest is paid for and ships.
const CONFIRMED = new Set(["authorized", "partially_paid", "paid", "partially_refunded"]);

/**
 * The order's `nth` shipment from a location (1: the first; it keeps the plain id). A later one exists only once the
 * earlier were cancelled: at most one per order and location is live (migrations/0019).
 */
export const fulfillmentIdOf = (orderId: string, locationId: string, nth = 1) =>
  `ful_${orderId.replace(/^ord_/, "")}_${locationId.replace(/^loc_/, "")}${nth > 1 ? `_${nth}` : ""}`;

export async function createFulfillments(env: Env, data: Record<string, unknown>): Promise<string[]> {
  const order = await loadOrder(env.DB, { id: String(data.orderId) });
  // Nothing to ship: unknown, unpaid, cancelled or held orders wait (a later confirmation enqueues again).
  if (!order || order.row.status !== "open" || !CONFIRMED.has(order.row.payment_status)) return [];
  const now = Date.now();
  // One per location; a location where units still wait for stock ships once they are allocated (this job runs again).
  const shipments = await shipmentsOf(env.DB, order);
  const statements: Sql[] = [];
  for (const [id, { locationId, allocations }] of shipments) {
    statements.push(
      sql(
        `INSERT OR IGNORE INTO fulfillments (id, order_id, location_id, status, version, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', 1, ?, ?)`,
        id,
        order.row.id,
        locationId,
        now,
        now,
      ),
      // Only into a shipment still live: one cancelled meanwhile (after shipmentsOf read it) takes no more units.
      ...allocations.map((a) =>
        sql(
          `INSERT OR IGNORE INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM fulfillments WHERE id = ?2 AND status <> 'cancelled')`,
          fulfillmentLineIdOf(a.id),
          id,
          a.line_id,
          a.sku,
          a.quantity,
          a.hold_id,
        ),
      ),
    );
    const e = timelineEvent(order.row.id, "fulfillment.created", "system", now, { fulfillment_id: id, location_id: locationId });
    statements.push(sql("INSERT OR IGNORE INTO order_events (id, order_id, type, actor, data, created_at) VALUES (?, ?, ?, ?, ?, ?)", `evt_${id}`, e.order_id, e.type, e.actor, e.data, e.created_at));
  }
  if (statements.length) await env.DB.batch(prepareAll(env.DB, statements));
  const ids = [...shipments.keys()];
  // Shipments at a 3PL go to it as a signed request; it prints their labels.
  const handedOff = await requestThirdParty(env, ids);
  const ours = ids.filter((id) => !handedOff.has(id));
  // Each shipment gets its label; the job id is the fulfillment's, so a re-run of this job labels nothing twice.
  if (ours.length) await env.LABELS.sendBatch(ours.map((id) => ({ body: job("make_label", id, { fulfillmentId: id }) })));
  // The checkout's own events (order.created, order.confirmed) go out now rather than with the next cron.
  await relayEvents(env).catch((err) => console.warn("relay failed; the sweep will retry", { error: String(err) }));
  return ids;
}
