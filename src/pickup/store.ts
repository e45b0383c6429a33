// Pickup rows in D1, and the pickup shipment they belong to: a fulfillment of a pickup order, at its pickup store.
import { conflict, notFound } from "../http/problem";
import { fulfillmentOr404, type LoadedFulfillment, presentFulfillment } from "../fulfillment/store";
import type { PickupView } from "./schemas";

export type PickupStatus = "accepted" | "rejected" | "ready" | "collected" | "expired";

export interface PickupRow {
  fulfillment_id: string;
  order_id: string;
  location_id: string;
  status: PickupStatus;
  code_salt: string | null;
  code_hash: string | null;
  wrong_attempts: number;
  reason: string | null;
  ready_at: number | null;
  collect_by: number | null;
  collected_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PickupShipment {
  f: LoadedFulfillment;
  pickup: PickupRow | null;
  order: { number: number; email: string };
  location: { name: string; address: string };
}

/** The fulfillment, refused (409 not_a_pickup) unless it is the pickup order's shipment at its pickup store. */
export async function pickupShipmentOr404(db: D1Database, fulfillmentId: string): Promise<PickupShipment> {
  const f = await fulfillmentOr404(db, fulfillmentId);
  const [orders, pickups, locations] = await db.batch([
    db.prepare("SELECT number, email, shipping_speed, pickup_location_id FROM orders WHERE id = ?").bind(f.row.order_id),
    db.prepare("SELECT * FROM pickups WHERE fulfillment_id = ?").bind(fulfillmentId),
    db.prepare("SELECT name, address FROM locations WHERE id = ?").bind(f.row.location_id),
  ]);
  const order = orders.results[0] as { number: number; email: string; shipping_speed: string; pickup_location_id: string | null } | undefined;
  if (!order) throw notFound("fulfillment_not_found", `No fulfillment has the id ${fulfillmentId}.`);
  if (order.shipping_speed !== "pickup" || order.pickup_location_id !== f.row.location_id)
    throw conflict("not_a_pickup", "This shipment is not picked up in a store: it ships.");
  return {
    f,
    pickup: (pickups.results[0] as PickupRow | undefined) ?? null,
    order,
    location: locations.results[0] as { name: string; address: string },
  };
}

export const presentPickup = (s: { f: LoadedFulfillment; pickup: PickupRow | null }): PickupView => ({
  fulfillment_id: s.f.row.id,
  order_id: s.f.row.order_id,
  location_id: s.f.row.location_id,
  status: s.pickup?.status ?? "awaiting_answer",
  reason: s.pickup?.reason ?? null,
  wrong_attempts: s.pickup?.wrong_attempts ?? 0,
  ready_at: s.pickup?.ready_at ?? null,
  collect_by: s.pickup?.collect_by ?? null,
  collected_at: s.pickup?.collected_at ?? null,
  fulfillment: presentFulfillment(s.f),
});

export const rereadPickup = async (db: D1Database, id: string) => presentPickup(await pickupShipmentOr404(db, id));
