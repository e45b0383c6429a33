// The store has the order at the counter: a new pickup code is issued, the customer gets it in a message, and
// `fulfillment.ready_for_pickup` goes out (without the code: subscribers never need it). Marking a ready pickup ready
// again issues a new code (the old one stops working, the wrong-code count starts over): that is how a locked code or
// a lost message is recovered. The date to collect by is set by the first ready and never moves.
import { insert, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import type { Parcel } from "../fulfillment/schemas";
import { fulfillmentOr404, updateFulfillment, writeFulfillmentBatch } from "../fulfillment/store";
import { pack } from "../fulfillment/transitions";
import { conflict } from "../http/problem";
import { render } from "../notifications/templates";
import { timelineEvent } from "../orders/timeline";
import { job } from "../queues/job";
import { hashPickupCode, newPickupCode, newSalt } from "./code";
import { holdDaysAt } from "./settings";
import { pickupShipmentOr404, rereadPickup } from "./store";
import type { z } from "@hono/zod-openapi";

const DAY_MS = 86_400_000;

export async function markReady(env: Env, actor: string, id: string, parcel?: z.infer<typeof Parcel>) {
  const s = await pickupShipmentOr404(env.DB, id);
  if (!s.pickup || (s.pickup.status !== "accepted" && s.pickup.status !== "ready"))
    throw conflict("pickup_not_accepted", s.pickup ? `This pickup is ${s.pickup.status}.` : "Accept the pickup first.", { status: s.pickup?.status ?? "awaiting_answer" });
  if (s.f.row.status !== "packed") {
    // Packed like any parcel (or through the scans at the bench); the parcel here saves the separate call.
    if (!parcel) throw conflict("not_packed", "Pack the order first (POST /v1/fulfillments/{id}/pack), or send its parcel with this call.", { status: s.f.row.status });
    await pack(env, actor, id, parcel);
  }
  const f = await fulfillmentOr404(env.DB, id);
  const now = Date.now();
  const collectBy = s.pickup.collect_by ?? now + (await holdDaysAt(env.DB, f.row.location_id)) * DAY_MS;
  const code = newPickupCode();
  const salt = newSalt();
  const { results: items } = await env.DB.prepare(
    `SELECT ol.title, ol.sku, fl.quantity FROM fulfillment_lines fl JOIN order_lines ol ON ol.id = fl.order_line_id WHERE fl.fulfillment_id = ? ORDER BY ol.position`,
  )
    .bind(id)
    .all<{ title: string; sku: string; quantity: number }>();
  const message = render("ready_for_pickup", {
    orderNumber: s.order.number,
    items,
    pickup: { code, place: placeOf(s.location), collectBy: new Date(collectBy).toISOString().slice(0, 10) },
  });
  const notificationId = newId("ntf", now);
  const data = { fulfillment_id: id, order_id: f.row.order_id, number: s.order.number, location_id: f.row.location_id, collect_by: collectBy };
  const statements: Sql[] = [
    // Versioned: two readies racing issue one code, and the message of the loser is never written.
    updateFulfillment(id, f.row.version, {}),
    sql(
      `UPDATE pickups SET status = 'ready', code_salt = ?, code_hash = ?, wrong_attempts = 0, ready_at = COALESCE(ready_at, ?), collect_by = ?, updated_at = ?
       WHERE fulfillment_id = ? AND status IN ('accepted', 'ready')`,
      salt,
      await hashPickupCode(salt, code),
      now,
      collectBy,
      now,
      id,
    ),
    insert("order_events", timelineEvent(f.row.order_id, "fulfillment.ready_for_pickup", actor, now, { fulfillment_id: id, location_id: f.row.location_id, collect_by: collectBy })),
    outboxSql("fulfillment.ready_for_pickup", data, f.row.order_id, now),
  ];
  // The message holds the code, so it is written here, rendered, rather than from the event (which does not).
  if (s.order.email)
    statements.push(
      sql(
        `INSERT INTO notifications (id, order_id, kind, dedupe_key, recipient, subject, body, channel, status, attempts, created_at)
         VALUES (?, ?, 'ready_for_pickup', ?, ?, ?, ?, 'webhook', 'pending', 0, ?)`,
        notificationId,
        f.row.order_id,
        `ready_for_pickup:${notificationId}`,
        s.order.email,
        message.subject,
        message.body,
        now,
      ),
    );
  await writeFulfillmentBatch(env.DB, statements);
  if (s.order.email) await env.NOTIFICATIONS.send(job("send_notification", notificationId, { notificationId }));
  return rereadPickup(env.DB, id);
}

function placeOf(location: { name: string; address: string }) {
  try {
    const a = JSON.parse(location.address) as { line1?: string; city?: string };
    return [location.name, a.line1, a.city].filter(Boolean).join(", ");
  } catch {
    return location.name;
  }
}
