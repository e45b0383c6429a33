// The customer is at the counter with the code. A matching code hands the order over: the shipment ships with the
// pickup "carrier" and is delivered at once, through the fulfillment's own ship and deliver moves (so stock leaves the
// cell and the order's statuses follow as for any parcel). A wrong code is refused and counted; after
// MAX_WRONG_CODES wrong tries the code is locked until the store issues a new one (ready.ts).
import type { Env } from "../env";
import { deliver, ship } from "../fulfillment/transitions";
import { fulfillmentOr404 } from "../fulfillment/store";
import { conflict, unprocessable } from "../http/problem";
import { PICKUP_CARRIER } from "../notifications/templates";
import { hashPickupCode, MAX_WRONG_CODES, sameDigest } from "./code";
import { pickupShipmentOr404, rereadPickup } from "./store";

export async function handOver(env: Env, actor: string, id: string, code: string) {
  const s = await pickupShipmentOr404(env.DB, id);
  if (s.pickup?.status !== "ready" || !s.pickup.code_salt || !s.pickup.code_hash)
    throw conflict("pickup_not_ready", `This pickup is ${s.pickup?.status ?? "awaiting_answer"}, not ready.`, { status: s.pickup?.status ?? "awaiting_answer" });
  // A try is taken before the code is compared, so tries sent together cannot all slip under the limit.
  const taken = await env.DB.prepare(
    `UPDATE pickups SET wrong_attempts = wrong_attempts + 1, updated_at = ? WHERE fulfillment_id = ? AND status = 'ready' AND code_hash = ? AND wrong_attempts < ?
     RETURNING wrong_attempts`,
  )
    .bind(Date.now(), id, s.pickup.code_hash, MAX_WRONG_CODES)
    .first<{ wrong_attempts: number }>();
  if (!taken) throw conflict("pickup_code_locked", "Too many wrong codes: mark the pickup ready again to send the customer a new code.", { wrong_attempts: MAX_WRONG_CODES });
  if (!sameDigest(await hashPickupCode(s.pickup.code_salt, code), s.pickup.code_hash))
    throw unprocessable("pickup_code_wrong", "That is not this order's pickup code.", { attempts_left: MAX_WRONG_CODES - taken.wrong_attempts });
  // The right code was not a wrong try.
  await env.DB.prepare("UPDATE pickups SET wrong_attempts = wrong_attempts - 1 WHERE fulfillment_id = ? AND wrong_attempts > 0").bind(id).run();

  // Each step is where a retry picks up if one before it died.
  let status = s.f.row.status;
  if (status === "packed")
    status = (await ship(env, actor, id, { carrier: PICKUP_CARRIER, service: "in_store", tracking_number: `PICKUP-${s.order.number}` })).status;
  if (status === "shipped") status = (await deliver(env, actor, id)).status;
  if (status !== "delivered") throw conflict("invalid_transition", `A ${status} shipment cannot be handed over.`, { from: status, to: "delivered" });
  const f = await fulfillmentOr404(env.DB, id);
  await env.DB.prepare("UPDATE pickups SET status = 'collected', collected_at = ?, updated_at = ? WHERE fulfillment_id = ? AND status = 'ready'")
    .bind(f.row.delivered_at ?? Date.now(), Date.now(), id)
    .run();
  return rereadPickup(env.DB, id);
}
