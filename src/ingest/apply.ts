// What a channel's event does to our order: place it, apply a later update, or cancel it. Per channel order we keep
// the channel's last-modified time of the last update applied (an older one arrives late and is ignored) and
// whether the channel cancelled it. A cancellation that arrives before its order creates nothing and is remembered:
// the order's later create is then refused, so no stock is held and no customer is told of an order that is gone.
import type { ChannelRow } from "../channels/store";
import type { ChannelOrder } from "../domain/channel-order";
import { InvalidTransition } from "../domain/order-status";
import type { Env } from "../env";
import { insert } from "../db/sql";
import { Problem } from "../http/problem";
import { cancelOrder } from "../order-changes/cancel";
import { capturePayment, confirmPayment } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { loadOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder, writeOrderBatch } from "../orders/write";
import { findChannelOrder, paymentOf, placeChannelOrder } from "./place";

export const SHIPPED_CANCEL_TAG = "channel-cancelled-after-shipping";

export interface Applied {
  outcome: string;
  orderId: string | null;
  /** Why nothing (or less) was done, for the event list. */
  note?: string;
}

interface Known {
  order_id: string | null;
  applied_updated_at: number;
  cancelled_at: number | null;
}

const knownOf = (db: D1Database, channelId: string, externalId: string) =>
  db.prepare("SELECT order_id, applied_updated_at, cancelled_at FROM channel_orders WHERE channel_id = ? AND external_id = ?").bind(channelId, externalId).first<Known>();

function remember(db: D1Database, channelId: string, externalId: string, set: { orderId?: string; updatedAt?: number; cancelledAt?: number }) {
  return db
    .prepare(
      `INSERT INTO channel_orders (channel_id, external_id, order_id, applied_updated_at, cancelled_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (channel_id, external_id) DO UPDATE SET
         order_id = COALESCE(channel_orders.order_id, excluded.order_id),
         applied_updated_at = MAX(channel_orders.applied_updated_at, excluded.applied_updated_at),
         cancelled_at = COALESCE(channel_orders.cancelled_at, excluded.cancelled_at),
         updated_at = excluded.updated_at`,
    )
    .bind(channelId, externalId, set.orderId ?? null, set.updatedAt ?? 0, set.cancelledAt ?? null, Date.now())
    .run();
}

/** orders/create, orders/updated and the like: place the order, or bring the one we have up to date. */
export async function applyOrder(env: Env, channel: ChannelRow, order: ChannelOrder, waitUntil: (p: Promise<unknown>) => void): Promise<Applied> {
  const known = await knownOf(env.DB, channel.id, order.externalId);
  if (known?.cancelled_at) return { outcome: "refused_cancelled", orderId: known.order_id, note: "The channel cancelled this order before." };
  if (known && order.updatedAt < known.applied_updated_at)
    return { outcome: "stale", orderId: known.order_id, note: "Older than the last update applied." };

  const placed = await placeChannelOrder(env, channel, order, waitUntil);
  let result: Applied = placed.outcome === "exists" ? await applyUpdate(env, channel, order, placed.view) : { outcome: placed.outcome, orderId: placed.view.id };
  // The capture path answers a checkout key already taken with the order that took it, as if placed: the payment this
  // delivery carries is applied to it all the same. For an order this run did place it is already there: no change.
  if (placed.outcome === "created") {
    const update = await applyUpdate(env, channel, order, placed.view);
    if (update.outcome !== "unchanged") result = update;
  }
  await remember(env.DB, channel.id, order.externalId, { orderId: placed.view.id, updatedAt: order.updatedAt });

  // A cancellation handled while this order was being placed found no order to cancel; it is ours to finish.
  const after = await knownOf(env.DB, channel.id, order.externalId);
  if (after?.cancelled_at && placed.view.status !== "cancelled") {
    const cancelled = await cancelOrFlag(env, channel, placed.view.id, "cancelled at the channel");
    return { ...cancelled, orderId: placed.view.id };
  }
  return result;
}

/** The channel's later word on an order we have: payment it took since. Line edits belong to order changes. */
async function applyUpdate(env: Env, channel: ChannelRow, order: ChannelOrder, view: OrderView): Promise<Applied> {
  const actor = `channel:${channel.id}`;
  const payment = paymentOf(channel, order);
  const refused = (err: unknown): Applied => {
    if (err instanceof Problem && err.status < 500) return { outcome: "update_refused", orderId: view.id, note: `${err.code}: ${err.detail ?? err.title}` };
    throw err;
  };
  if (!payment || view.status === "cancelled") return { outcome: "unchanged", orderId: view.id };
  if (view.status === "on_hold")
    return { outcome: "unchanged", orderId: view.id, note: view.payment_status === "pending" ? "The order is on hold: the channel's payment is not applied to it." : undefined };
  if (view.payment_status === "pending")
    return confirmPayment(env, actor, view.id, payment).then(() => ({ outcome: "updated", orderId: view.id }), refused);
  if (view.payment_status === "authorized" && payment.captured)
    return capturePayment(env, actor, view.id, { reference: order.externalId }).then(() => ({ outcome: "updated", orderId: view.id }), refused);
  return { outcome: "unchanged", orderId: view.id };
}

/** orders/cancelled (or an update saying cancelled). */
export async function applyCancellation(env: Env, channel: ChannelRow, order: ChannelOrder): Promise<Applied> {
  await remember(env.DB, channel.id, order.externalId, { cancelledAt: Date.now() });
  const existing = await findChannelOrder(env.DB, channel.id, order.externalId);
  if (!existing) return { outcome: "cancel_remembered", orderId: null, note: "No order yet: its create will be refused." };
  const reason = order.cancelReason ? `cancelled at the channel: ${order.cancelReason}` : "cancelled at the channel";
  return { ...(await cancelOrFlag(env, channel, existing.row.id, reason)), orderId: existing.row.id };
}

/** Cancels our order and gives its stock back; one that has shipped cannot be, so staff are shown it instead. */
async function cancelOrFlag(env: Env, channel: ChannelRow, orderId: string, reason: string): Promise<Omit<Applied, "orderId">> {
  const actor = `channel:${channel.id}`;
  const current = await loadOrder(env.DB, { id: orderId });
  if (!current || current.row.status === "cancelled") return { outcome: "already_cancelled" };
  try {
    await cancelOrder(env, orderId, { reason, actor });
    return { outcome: "cancelled" };
  } catch (err) {
    if (!(err instanceof InvalidTransition)) throw err;
    await flagShipped(env, orderId, actor, reason);
    return { outcome: "flagged", note: "The order has shipped: tagged for staff instead of cancelled." };
  }
}

async function flagShipped(env: Env, orderId: string, actor: string, reason: string) {
  for (let attempt = 0; ; attempt++) {
    const order = await loadOrder(env.DB, { id: orderId });
    if (!order) return;
    const tags = JSON.parse(order.row.tags) as string[];
    if (tags.includes(SHIPPED_CANCEL_TAG)) return;
    const now = Date.now();
    try {
      await writeOrderBatch(env.DB, [
        updateOrder(orderId, order.row.version, { tags: JSON.stringify([...tags, SHIPPED_CANCEL_TAG]) }),
        insert("order_events", timelineEvent(orderId, "channel.cancelled_after_shipping", actor, now, { reason, tag: SHIPPED_CANCEL_TAG })),
      ]);
      return;
    } catch (err) {
      // Someone changed the order meanwhile: read it again, a few times.
      if (attempt >= 3 || !(err instanceof Problem && err.code === "order_changed")) throw err;
    }
  }
}
