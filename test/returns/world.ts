// Orders that have shipped, so their units can come back.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { fulfillmentsOf } from "../order-changes/world";
import { labelled, moves } from "../fulfillment/world";

export const path = (id: string) => ({ params: { path: { id } } });

/** A paid order of `qty` units of one new SKU, shipped whole from one new location. */
export async function shippedOrder(qty = 2, opts: { price?: number; email?: string; ship?: boolean } = {}) {
  const loc = await makeLocation("berlin");
  const price = opts.price ?? 1000;
  const [sku] = await makeProduct([price]);
  await receive(sku, loc, qty + 5);
  const email = opts.email ?? `r${Math.random().toString(36).slice(2, 8)}@example.com`;
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email, currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: `pi_${Math.random().toString(36).slice(2)}`, amount: price * qty, captured: true } },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  const order = res.data!;
  const [f] = await fulfillmentsOf(order.id, 1);
  if (opts.ship !== false) {
    const m = moves();
    await labelled(f.id);
    expect((await m.pack(f.id)).response.status).toBe(200);
    expect((await m.ship(f.id, { carrier: "dhl", service: "paket", tracking_number: key("JD") })).response.status).toBe(200);
  }
  return { order, sku, loc, email, fulfillmentId: f.id, lineId: order.lines[0].id };
}

export const returnable = async (orderId: string) => (await admin().GET("/v1/orders/{id}/returnable", path(orderId))).data!;

export const createReturn = (orderId: string, lines: { order_line_id: string; quantity: number; reason: "defective" | "changed_mind" | "size_too_small" }[], extra: { override_policy?: boolean; idempotencyKey?: string } = {}) =>
  admin().POST("/v1/orders/{id}/returns", {
    params: { path: { id: orderId }, header: extra.idempotencyKey ? { "idempotency-key": extra.idempotencyKey } : {} },
    body: { lines, ...(extra.override_policy ? { override_policy: true } : {}) },
  });

export const outboxTypes = async (orderId: string) =>
  (await env.DB.prepare("SELECT type FROM events WHERE order_id = ? AND type LIKE 'return.%' ORDER BY rowid").bind(orderId).all<{ type: string }>()).results.map((r) => r.type);
