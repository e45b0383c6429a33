// The notifications outbox: every customer message is rendered once per event, stored, then sent by its own job.
import type { Env } from "../env";
import type { EventRow } from "../events/dispatch";
import { newId } from "../domain/ids";
import { job } from "../queues/job";
import { returnContextOf } from "./return-context";
import { KIND_OF_EVENT, type MessageContext, PICKUP_CARRIER, render, RETURN_KINDS } from "./templates";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

const itemsOfOrder = (db: D1Database, orderId: string) =>
  db.prepare("SELECT title, sku, quantity FROM order_lines WHERE order_id = ? ORDER BY position").bind(orderId);

/** Renders and stores the message an event calls for, if any, and enqueues its sending. Safe to run again. */
export async function queueNotification(env: Env, event: EventRow) {
  const kind = KIND_OF_EVENT[event.type];
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const orderId = event.order_id ?? str(data.order_id);
  if (!kind || !orderId) return;
  // A pickup handed over at the counter ships and is delivered in one moment: the delivered message says it.
  if (kind === "order_shipped" && data.carrier === PICKUP_CARRIER) return;
  // A shipment tells about its own lines; anything else about the whole order. Order and items in one round trip.
  const fulfillmentId = str(data.fulfillment_id);
  const [found, shipped, all] = await env.DB.batch([
    env.DB.prepare("SELECT number, email FROM orders WHERE id = ?").bind(orderId),
    env.DB.prepare(
      `SELECT ol.title, ol.sku, fl.quantity FROM fulfillment_lines fl JOIN order_lines ol ON ol.id = fl.order_line_id
       WHERE fl.fulfillment_id = ? ORDER BY ol.position`,
    ).bind(fulfillmentId ?? ""),
    itemsOfOrder(env.DB, orderId),
  ]);
  const order = found.results[0] as { number: number; email: string } | undefined;
  if (!order?.email) return;
  // A return's messages name its RMA and its own items; some are not sent at all (null).
  const about = RETURN_KINDS.includes(kind) ? await returnContextOf(env.DB, kind, data) : undefined;
  if (about === null) return;
  type Item = MessageContext["items"][number];
  const items = about?.items ?? (fulfillmentId && shipped.results.length ? (shipped.results as Item[]) : (all.results as Item[]));
  const tracking = { url: str(data.tracking_url), number: str(data.tracking_number), carrier: str(data.carrier) };
  const message = render(kind, { orderNumber: order.number, items, tracking, ret: about?.ret });

  const dedupeKey = `${kind}:${event.id}`;
  const [, storedRows] = await env.DB.batch([
    env.DB.prepare(
      `INSERT OR IGNORE INTO notifications (id, order_id, kind, dedupe_key, recipient, subject, body, channel, status, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'webhook', 'pending', 0, ?)`,
    ).bind(newId("ntf"), orderId, kind, dedupeKey, order.email, message.subject, message.body, Date.now()),
    env.DB.prepare("SELECT id, status FROM notifications WHERE dedupe_key = ?").bind(dedupeKey),
  ]);
  const stored = storedRows.results[0] as { id: string; status: string } | undefined;
  if (stored && stored.status === "pending") await env.NOTIFICATIONS.send(job("send_notification", stored.id, { notificationId: stored.id }));
}
