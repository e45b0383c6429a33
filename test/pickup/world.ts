// A store that offers pickup, and paid pickup orders there, with their shipment once the real queue made it.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";

export const path = (id: string) => ({ params: { path: { id } } });
export const wait = { timeout: 20_000, interval: 50 };

export const makeStore = () => makeLocation("munich", { kind: "store", can_pickup: true, can_ship: true });

/** `qty` units of a new SKU with `stock` at the store, paid and to be picked up there. */
export async function pickupOrder(store: string, stock: number, qty: number, email = `p${Math.random().toString(36).slice(2, 8)}@example.com`) {
  const [sku] = await makeProduct([1500]);
  await receive(sku, store, stock);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("pickup") } },
    body: {
      email,
      currency: "EUR",
      lines: [{ sku, quantity: qty }],
      pickup_location_id: store,
      payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 1500 * qty, captured: true },
    },
  });
  expect(res.response.status).toBe(201);
  const order = res.data!;
  const id = fulfillmentIdOf(order.id, store);
  // The label job prints the packing slip and bumps the version: wait for it, as a store would for its printout.
  await vi.waitFor(async () => {
    const row = await env.DB.prepare("SELECT packing_slip_key FROM fulfillments WHERE id = ?").bind(id).first<{ packing_slip_key: string | null }>();
    expect(row?.packing_slip_key).toBeTruthy();
  }, wait);
  return { order, sku, id };
}

export const pickup = {
  accept: (id: string) => admin().POST("/v1/fulfillments/{id}/pickup/accept", path(id)),
  reject: (id: string, reason: string) => admin().POST("/v1/fulfillments/{id}/pickup/reject", { ...path(id), body: { reason } }),
  ready: (id: string, parcel?: { weight_grams: number; length_cm: number; width_cm: number; height_cm: number }) =>
    admin().POST("/v1/fulfillments/{id}/pickup/ready", { ...path(id), body: parcel ? { parcel } : {} }),
  handover: (id: string, code: string) => admin().POST("/v1/fulfillments/{id}/pickup/handover", { ...path(id), body: { code } }),
};

export const bag = { weight_grams: 800, length_cm: 30, width_cm: 25, height_cm: 10 };

export const cell = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: locationId, sku } } })).data!;

export const messages = async (orderId: string) => (await admin().GET("/v1/notifications", { params: { query: { order_id: orderId } } })).data!.data;

/** The code in the newest ready-for-pickup message of the order. */
export async function codeFromMessage(orderId: string) {
  const ready = (await messages(orderId)).filter((m) => m.kind === "ready_for_pickup");
  expect(ready.length).toBeGreaterThan(0);
  // Newest first: the outbox lists by id, and ids sort by time.
  const code = ready[0].body.match(/Your pickup code: (\d{6})/)?.[1];
  expect(code).toBeDefined();
  return code!;
}
