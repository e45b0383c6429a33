// The notifications outbox: every customer message is rendered once per event, stored, then sent by its own job.
import type { Env } from "../env";
import type { EventRow } from "../events/dispatch";
import { newId } from "../domain/ids";
import { job } from "../queues/job";
import { KIND_OF_EVENT, type MessageContext, render } from "./templates";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

async function itemsOf(db: D1Database, orderId: string, fulfillmentId?: string) {
  // A shipment tells about its own lines; anything else about the whole order.
  const query = fulfillmentId
    ? db
        .prepare(
          `SELECT ol.title, ol.sku, fl.quantity FROM fulfillment_lines fl JOIN order_lines ol ON ol.id = fl.order_line_id
           WHERE fl.fulfillment_id = ? ORDER BY ol.position`,
        )
        .bind(fulfillmentId)
    : db.prepare("SELECT title, sku, quantity FROM order_lines WHERE order_id = ? ORDER BY position").bind(orderId);
  return (await query.all<MessageContext["items"][number]>()).results;
}

/** Renders and stores the message an event calls for, if any, and enqueues its sending. Safe to run again. */
export async function queueNotification(env: Env, event: EventRow) {
  const kind = KIND_OF_EVENT[event.type];
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const orderId = event.order_id ?? str(data.order_id);
  if (!kind || !orderId) return;
  const order = await env.DB.prepare("SELECT number, email FROM orders WHERE id = ?").bind(orderId).first<{ number: number; email: string }>();
  if (!order?.email) return;

  const fulfillmentId = str(data.fulfillment_id);
  let items = await itemsOf(env.DB, orderId, fulfillmentId);
  if (!items.length && fulfillmentId) items = await itemsOf(env.DB, orderId);
  const tracking = { url: str(data.tracking_url), number: str(data.tracking_number), carrier: str(data.carrier) };
  const message = render(kind, { orderNumber: order.number, items, tracking });

  const dedupeKey = `${kind}:${event.id}`;
  await env.DB.prepare(
    `INSERT OR IGNORE INTO notifications (id, order_id, kind, dedupe_key, recipient, subject, body, channel, status, attempts, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'webhook', 'pending', 0, ?)`,
  )
    .bind(newId("ntf"), orderId, kind, dedupeKey, order.email, message.subject, message.body, Date.now())
    .run();
  const stored = await env.DB.prepare("SELECT id, status FROM notifications WHERE dedupe_key = ?").bind(dedupeKey).first<{ id: string; status: string }>();
  if (stored && stored.status === "pending") await env.NOTIFICATIONS.send(job("send_notification", stored.id, { notificationId: stored.id }));
}
