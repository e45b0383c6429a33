// Orders for the order desk tests (search, detail, tags and notes, customers, lookup), placed through the API.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

export interface Desk {
  pk: string;
  berlin: string;
  lyon: string;
}

export const makeDesk = async (): Promise<Desk> => ({
  pk: await publishableKey(),
  berlin: await makeLocation("berlin", { priority: 1 }),
  lyon: await makeLocation("lyon", { priority: 2 }),
});

export interface OrderOpts {
  email: string;
  price?: number;
  quantity?: number;
  paid?: boolean;
  /** Where the stock is and where it ships to. */
  from?: "berlin" | "lyon";
  name?: string;
  phone?: string;
  billing?: boolean;
  street?: string;
  sku?: string;
}

export async function placeOrder(d: Desk, o: OrderOpts) {
  const price = o.price ?? 1000;
  const quantity = o.quantity ?? 1;
  const from = o.from ?? "berlin";
  const sku = o.sku ?? (await makeProduct([price]))[0];
  await receive(sku, d[from], quantity);
  const address = { ...shipTo(from), name: o.name ?? "Ada Shopper", ...(o.street ? { line1: o.street } : {}), ...(o.phone ? { phone: o.phone } : {}) };
  // Paid orders are placed by the merchant's server: only a payments:write key may bring a payment along.
  const res = await (o.paid ? admin() : client(d.pk)).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("desk") } },
    body: {
      email: o.email,
      currency: "EUR",
      lines: [{ sku, quantity }],
      shipping_address: address,
      ...(o.billing ? { billing_address: { ...address, line1: `9 Billing Road ${address.line1}` } } : {}),
      ...(o.paid ? { payment: { provider: "psp", reference: `pi_${Math.random().toString(36).replace(/[^a-z]/g, "")}`, amount: price * quantity } } : {}),
    },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return { order: res.data!, sku };
}

/** A paid order whose one shipment left with a tracking number. */
export async function shippedOrder(d: Desk, o: OrderOpts) {
  const { order, sku } = await placeOrder(d, { ...o, paid: true });
  const fulfillmentId = await vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT id FROM fulfillments WHERE order_id = ?").bind(order.id).first<{ id: string }>();
      expect(row).not.toBeNull();
      return row!.id;
    },
    { timeout: 20_000, interval: 50 },
  );
  const path = { params: { path: { id: fulfillmentId } } };
  expect((await admin().POST("/v1/fulfillments/{id}/picking", path)).response.status).toBe(200);
  const parcel = { weight_grams: 900, length_cm: 20, width_cm: 15, height_cm: 10 };
  expect((await admin().POST("/v1/fulfillments/{id}/pack", { ...path, body: parcel })).response.status).toBe(200);
  const shipped = await admin().POST("/v1/fulfillments/{id}/ship", { ...path, body: { carrier: "dhl", service: "Paket", tracking_number: `JD${Date.now()}` } });
  expect(shipped.response.status).toBe(200);
  return { order, sku, fulfillmentId, tracking: shipped.data!.tracking_number! };
}

export const detail = async (id: string) => {
  const res = await admin().GET("/v1/orders/{id}", { params: { path: { id } } });
  expect(res.response.status).toBe(200);
  return res.data!;
};

let n = 0;
export const email = (label = "shopper") => `${label}-${++n}-${Math.random().toString(36).slice(2, 7)}@example.com`;
