// The fulfillment job: a confirmed order gets one fulfillment (shipment) per location its stock is allocated at.
// Ids come from the order and location, so running the job twice creates nothing twice.
import { timelineEvent } from "../orders/timeline";
import { prepareAll, sql, type Sql } from "../db/sql";
import type { Env } from "../env";
import { loadOrder } from "../orders/store";
import { relayEvents } from "../events/relay";
import { job } from "../queues/job";
import { shipmentsOf } from "../backorders/shipments";

// partially_refunded: some lines were cancelled and refunded, the rest is paid for and ships.
const CONFIRMED = new Set(["authorized", "partially_paid", "paid", "partially_refunded"]);

export const fulfillmentIdOf = (orderId: string, locationId: string) => `ful_${orderId.replace(/^ord_/, "")}_${locationId.replace(/^loc_/, "")}`;

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
      ...allocations.map((a) =>
        sql(
          "INSERT OR IGNORE INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id) VALUES (?, ?, ?, ?, ?, ?)",
          `fl_${a.id.replace(/^alloc_/, "")}`,
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
  // Each shipment gets its label; the job id is the fulfillment's, so a re-run of this job labels nothing twice.
  if (ids.length) await env.LABELS.sendBatch(ids.map((id) => ({ body: job("make_label", id, { fulfillmentId: id }) })));
  // The checkout's own events (order.created, order.confirmed) go out now rather than with the next cron.
  await relayEvents(env).catch((err) => console.warn("relay failed; the sweep will retry", { error: String(err) }));
  return ids;
}
