// Cancellations from the channel: ours is cancelled and its stock released unless it shipped (then it is flagged);
// one that arrives before its order is remembered and the late create is refused.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { SHIPPED_CANCEL_TAG } from "../../src/ingest/apply";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { moves } from "../fulfillment/world";
import { delivered, makeChannel, ordersOf, sendShopify, sendWoo, shopifyOrder, wooOrder } from "../channels/helpers";

let berlin: string;
let shopify: string;
let woo: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  [shopify, woo] = await Promise.all([makeChannel("shopify"), makeChannel("woocommerce")]);
});

async function stocked(): Promise<[string, string]> {
  const [tee, tote] = await makeProduct([2500, 1990]);
  await receive(tee, berlin, 10);
  await receive(tote, berlin, 10);
  return [tee, tote];
}
const order = async (id: string) => (await admin().GET("/v1/orders/{id}", { params: { path: { id } } })).data!;
const level = async (sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } })).data!;
const cancelled = (o: object) => ({ ...o, cancelled_at: "2025-03-04T11:00:00+01:00", cancel_reason: "customer", updated_at: "2025-03-04T11:00:00+01:00" });

describe("a cancellation from the channel", () => {
  it("that arrives before its order creates nothing, and the late create is refused", async () => {
    const payload = shopifyOrder(await stocked());
    const cancel = await delivered(await sendShopify(shopify, "orders/cancelled", cancelled(payload)));
    expect(cancel).toMatchObject({ status: "processed", outcome: "cancel_remembered", order_id: null });
    const create = await delivered(await sendShopify(shopify, "orders/create", payload));
    expect(create).toMatchObject({ status: "processed", outcome: "refused_cancelled", order_id: null });
    expect(await ordersOf(shopify, String(payload.id))).toEqual([]);
  });

  it("cancels our order and gives its stock back", async () => {
    const skus = await stocked();
    const payload = wooOrder(skus);
    const created = await delivered(await sendWoo(woo, "order.created", payload));
    expect((await level(skus[0])).held).toBe(1);
    const cancel = await delivered(await sendWoo(woo, "order.updated", { ...payload, status: "cancelled", date_modified_gmt: "2025-03-04T12:00:00" }));
    expect(cancel).toMatchObject({ outcome: "cancelled", order_id: created.order_id });
    const o = await order(created.order_id!);
    expect(o.status).toBe("cancelled");
    await vi.waitFor(async () => expect((await level(skus[0])).held).toBe(0), { timeout: 10_000, interval: 50 });
    expect((await level(skus[0])).available).toBe(10);
  });

  it("of an order that has shipped flags it for staff instead", async () => {
    const skus = await stocked();
    const payload = shopifyOrder(skus);
    const created = await delivered(await sendShopify(shopify, "orders/create", payload));
    const fulfillmentId = fulfillmentIdOf(created.order_id!, berlin);
    await vi.waitFor(async () => expect(await env.DB.prepare("SELECT 1 FROM fulfillments WHERE id = ?").bind(fulfillmentId).first()).not.toBeNull(), {
      timeout: 20_000,
      interval: 50,
    });
    const m = moves();
    expect((await m.pack(fulfillmentId)).response.status).toBe(200);
    expect((await m.ship(fulfillmentId)).response.status).toBe(200);

    const cancel = await delivered(await sendShopify(shopify, "orders/cancelled", cancelled(payload)));
    expect(cancel.outcome).toBe("flagged");
    const o = await order(created.order_id!);
    expect(o.status).not.toBe("cancelled");
    expect(o.tags).toContain(SHIPPED_CANCEL_TAG);
    expect(o.events.map((e) => e.type)).toContain("channel.cancelled_after_shipping");
  });
});
