// Holds: an order on hold keeps its stock reserved and is never sent to fulfillment until someone releases it
// (for a fraud review, releasing is the approval; refusing is a cancellation).
import { insert } from "../db/sql";
import { applyChange, type HoldKind } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { orderEventData } from "../orders/event-data";
import { orderOr404 } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { columnsOf, stateOf } from "../orders/state";
import { timelineEvent } from "../orders/timeline";
import { updateOrder, writeOrderBatch } from "../orders/write";
import { job } from "../queues/job";
import { checkVersion } from "./load";

const CONFIRMED = new Set(["authorized", "partially_paid", "paid", "partially_refunded"]);

export async function placeHold(env: Env, id: string, req: { kind: HoldKind; reason?: string; actor: string; expectedVersion?: number }): Promise<OrderView> {
  const order = await orderOr404(env.DB, id);
  checkVersion(order, req.expectedVersion);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "hold_placed", kind: req.kind });
  const now = Date.now();
  const hold = { kind: req.kind, reason: req.reason ?? null };
  await writeOrderBatch(env.DB, [
    updateOrder(id, row.version, { ...columnsOf(next), hold_kind: req.kind, hold_reason: hold.reason }),
    insert("order_events", timelineEvent(id, "order.on_hold", req.actor, now, hold)),
    outboxSql("order.on_hold", { ...orderEventData({ ...order.view, ...columnsOf(next) }), hold }, id, now),
  ]);
  return (await orderOr404(env.DB, id)).view;
}

/** Releases the hold; a confirmed order then goes on to fulfillment. */
export async function releaseHold(env: Env, id: string, req: { actor: string; note?: string; expectedVersion?: number }): Promise<OrderView> {
  const order = await orderOr404(env.DB, id);
  checkVersion(order, req.expectedVersion);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "hold_released" });
  const now = Date.now();
  const released = { kind: row.hold_kind, reason: row.hold_reason, note: req.note ?? null, approved: row.hold_kind === "fraud_review" };
  await writeOrderBatch(env.DB, [
    updateOrder(id, row.version, { ...columnsOf(next), hold_kind: null, hold_reason: null }),
    insert("order_events", timelineEvent(id, "order.hold_released", req.actor, now, released)),
    outboxSql("order.hold_released", { ...orderEventData({ ...order.view, ...columnsOf(next) }), released }, id, now),
  ]);
  // Job ids are deduplicated and the order's first fulfillment job may have run already (and waited): this one is
  // named by the release. An order held at checkout was never sent, so if this send fails the sweep sends it.
  if (CONFIRMED.has(row.payment_status))
    await env.FULFILLMENT.send(job("create_fulfillments", `${id}:release:${row.version}`, { orderId: id })).catch((err) =>
      console.warn("could not enqueue fulfillment after a release", { id, error: String(err) }),
    );
  return (await orderOr404(env.DB, id)).view;
}
