// A paid order split over two locations, and its fulfillments once the real queue made them.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

export interface World {
  pk: string;
  berlin: string;
  lyon: string;
}

export async function makeWorld(): Promise<World> {
  return { pk: await publishableKey(), berlin: await makeLocation("berlin", { priority: 1 }), lyon: await makeLocation("lyon", { priority: 2 }) };
}

/** 5 units paid for: 3 ship from Berlin, 2 from Lyon. Returns once both fulfillments exist. */
export async function paidSplitOrder(w: World) {
  const [sku] = await makeProduct([1000]);
  await receive(sku, w.berlin, 3);
  await receive(sku, w.lyon, 2);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "f@example.com", currency: "EUR", lines: [{ sku, quantity: 5 }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: "r", amount: 5000 } },
  });
  expect(res.response.status).toBe(201);
  const order = res.data!;
  const ids = { berlin: fulfillmentIdOf(order.id, w.berlin), lyon: fulfillmentIdOf(order.id, w.lyon) };
  await vi.waitFor(
    async () => {
      const { results } = await env.DB.prepare("SELECT id FROM fulfillments WHERE order_id = ?").bind(order.id).all();
      expect(results).toHaveLength(2);
    },
    { timeout: 20_000, interval: 50 },
  );
  return { order, sku, ids };
}

const path = (id: string) => ({ params: { path: { id } } });
export const parcel = { weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 };
export const shipment = { carrier: "dhl", service: "paket", tracking_number: "JD0001" };

export const moves = (apiKey?: string) => {
  const c = apiKey ? client(apiKey) : admin();
  return {
    picking: (id: string) => c.POST("/v1/fulfillments/{id}/picking", path(id)),
    pack: (id: string, body = parcel) => c.POST("/v1/fulfillments/{id}/pack", { ...path(id), body }),
    ship: (id: string, body: { carrier?: string; service?: string; tracking_number: string } = shipment) => c.POST("/v1/fulfillments/{id}/ship", { ...path(id), body }),
    deliver: (id: string) => c.POST("/v1/fulfillments/{id}/deliver", path(id)),
    cancel: (id: string, reason?: string) => c.POST("/v1/fulfillments/{id}/cancel", { ...path(id), body: reason ? { reason } : {} }),
    get: (id: string) => c.GET("/v1/fulfillments/{id}", path(id)),
  };
};

export const cell = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: locationId, sku } } })).data!;

export const ledgerOps = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id: locationId, sku }, query: {} } })).data!.data.map((e) => e.op);

export const orderOf = async (id: string) => (await admin().GET("/v1/orders/{id}", path(id))).data!;

export const outbox = async (orderId: string, type: string) =>
  (await env.DB.prepare("SELECT data FROM events WHERE order_id = ? AND type = ?").bind(orderId, type).all<{ data: string }>()).results.map((r) => JSON.parse(r.data));

/**
 * Waits until the label job has drawn the shipment's label. The job bumps the fulfillment's version, so a pack or ship
 * read before it and written after it is a stale write (409 fulfillment_changed, as a person would see it); tests that
 * only need a shipment to move wait for the label first.
 */
export const labelled = (fulfillmentId: string) =>
  vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT label_key FROM fulfillments WHERE id = ?").bind(fulfillmentId).first<{ label_key: string | null }>();
      expect(row?.label_key).toBeTruthy();
    },
    { timeout: 20_000, interval: 50 },
  );
