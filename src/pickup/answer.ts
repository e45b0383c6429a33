// The store's answer to a pickup order: accept (it starts gathering the units: the shipment moves to picking) or
// reject (the units are cancelled and go back on sale: give-back.ts).
import type { Env } from "../env";
import { startPicking } from "../fulfillment/transitions";
import { conflict } from "../http/problem";
import { cancelPickupUnits } from "./give-back";
import { pickupShipmentOr404, rereadPickup } from "./store";

export async function acceptPickup(env: Env, actor: string, id: string) {
  const s = await pickupShipmentOr404(env.DB, id);
  if (s.pickup && s.pickup.status !== "accepted") throw conflict("pickup_answered", `This pickup is already ${s.pickup.status}.`, { status: s.pickup.status });
  if (!["pending", "picking", "packed"].includes(s.f.row.status))
    throw conflict("invalid_transition", `A ${s.f.row.status} shipment cannot be accepted for pickup.`, { from: s.f.row.status, to: "picking" });
  const now = Date.now();
  await env.DB.prepare(
    `INSERT OR IGNORE INTO pickups (fulfillment_id, order_id, location_id, status, created_at, updated_at) VALUES (?, ?, ?, 'accepted', ?, ?)`,
  )
    .bind(id, s.f.row.order_id, s.f.row.location_id, now, now)
    .run();
  // After the row: a retry of an accept that died here finds it accepted and moves the shipment on.
  if (s.f.row.status === "pending") await startPicking(env, actor, id);
  return rereadPickup(env.DB, id);
}

export async function rejectPickup(env: Env, actor: string, id: string, reason: string) {
  const s = await pickupShipmentOr404(env.DB, id);
  const status = s.pickup?.status;
  if (status === "rejected") return rereadPickup(env.DB, id);
  if (status === "collected" || status === "expired") throw conflict("pickup_answered", `This pickup is already ${status}.`, { status });
  // Units first: if the cancel is refused (the order changed meanwhile), the pickup stays as it was.
  await cancelPickupUnits(env, s.f, actor, `pickup rejected by the store: ${reason}`);
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO pickups (fulfillment_id, order_id, location_id, status, reason, created_at, updated_at) VALUES (?, ?, ?, 'rejected', ?, ?, ?)
     ON CONFLICT (fulfillment_id) DO UPDATE SET status = 'rejected', reason = excluded.reason, code_hash = NULL, updated_at = excluded.updated_at`,
  )
    .bind(id, s.f.row.order_id, s.f.row.location_id, reason, now, now)
    .run();
  return rereadPickup(env.DB, id);
}
