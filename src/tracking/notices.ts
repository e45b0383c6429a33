// Out for delivery and delivery exceptions, told to the customer and the merchant's webhooks once per shipment and
// status. The notice row and the outbox event are one D1 batch: the notice's primary key refuses a second one, and
// the failed batch takes its event with it, so two webhooks racing on the same status emit one event.
import type { Env } from "../env";
import { prepareAll, sql } from "../db/sql";
import { outboxSql } from "../events/emit";
import { trackingLink } from "./link";
import type { TrackedShipment, TrackingEvent, TrackingStatus } from "./record";

export const NOTICE_STATUSES = new Set<TrackingStatus>(["out_for_delivery", "exception"]);

const EVENT_OF = { out_for_delivery: "fulfillment.out_for_delivery", exception: "fulfillment.exception" } as const;

export async function tellOnce(env: Env, shipment: TrackedShipment, event: TrackingEvent) {
  const type = EVENT_OF[event.status as keyof typeof EVENT_OF];
  if (!type) return;
  const order = await env.DB.prepare(
    `SELECT o.id, o.number, o.email, f.location_id, f.tracking_token FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.id = ?`,
  )
    .bind(shipment.id)
    .first<{ id: string; number: number; email: string; location_id: string; tracking_token: string }>();
  if (!order) return;
  const now = Date.now();
  const data = {
    fulfillment_id: shipment.id,
    order_id: order.id,
    number: order.number,
    email: order.email,
    location_id: order.location_id,
    carrier: shipment.carrier,
    tracking_number: shipment.tracking_number,
    tracking_url: trackingLink(env.PUBLIC_URL, order.tracking_token),
    tracking_status: event.status,
    message: event.message,
    location: event.location,
    occurred_at: Math.trunc(event.at),
  };
  try {
    await env.DB.batch(
      prepareAll(env.DB, [
        sql("INSERT INTO tracking_notices (fulfillment_id, status, event_id, created_at) VALUES (?, ?, ?, ?)", shipment.id, event.status, event.id, now),
        outboxSql(type, data, order.id, now),
      ]),
    );
  } catch (err) {
    if (!String(err).includes("UNIQUE constraint failed: tracking_notices")) throw err;
  }
}
