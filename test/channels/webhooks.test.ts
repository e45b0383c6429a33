// The webhook edge: each channel's own signature over the raw body, the delivery stored as sent, duplicates
// acknowledged once, WooCommerce's unsigned ping answered.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkedRaw, raw } from "../helpers/client";
import { makeChannel, sendMarket, sendShopify, sendWoo, settled, shopifyOrder, wooOrder } from "./helpers";

let shopify: string;
let woo: string;
let market: string;
beforeAll(async () => {
  [shopify, woo, market] = await Promise.all([makeChannel("shopify"), makeChannel("woocommerce"), makeChannel("marketplace")]);
});

const storedCount = (channelId: string) =>
  env.DB.prepare("SELECT COUNT(*) AS n FROM channel_events WHERE channel_id = ?").bind(channelId).first<{ n: number }>().then((r) => r!.n);

const marketOrder = () => ({
  id: `MKT-${crypto.randomUUID()}`,
  currency: "EUR",
  email: "buyer@example.com",
  lines: [{ sku: "NOPE-1", quantity: 1, unit_price: 1000 }],
  shipping_address: { name: "B", line1: "1 Road", city: "Berlin", postal_code: "10115", country: "DE" },
});

async function expectRefused(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(((await res.json()) as { code: string }).code).toBe("invalid_signature");
}

describe("Shopify signatures", () => {
  it("accepts X-Shopify-Hmac-Sha256 over the raw body and stores the delivery as sent", async () => {
    const eventId = crypto.randomUUID();
    const res = await sendShopify(shopify, "orders/create", shopifyOrder(["A-1", "B-1"]), { eventId });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { event_id: string; status: string };
    expect(body.status).toBe("received");
    const row = await env.DB.prepare("SELECT delivery_id, topic, body, headers FROM channel_events WHERE id = ?").bind(body.event_id).first<Record<string, string>>();
    expect(row).toMatchObject({ delivery_id: eventId, topic: "orders/create" });
    expect(JSON.parse(row!.headers)).not.toHaveProperty("x-shopify-hmac-sha256");
    await settled(body.event_id);
  });

  it("refuses a wrong secret, an altered body and a missing header, storing nothing", async () => {
    const before = await storedCount(shopify);
    const order = shopifyOrder(["A-1", "B-1"]);
    await expectRefused(await sendShopify(shopify, "orders/create", order, { secret: "not-the-secret" }));
    await expectRefused(await sendShopify(shopify, "orders/create", order, { body: JSON.stringify({ ...order, total_price: "0.01" }) }));
    await expectRefused(await sendShopify(shopify, "orders/create", order, { signature: null }));
    await expectRefused(await sendShopify(shopify, "orders/create", order, { signature: "%%%not base64" }));
    expect(await storedCount(shopify)).toBe(before);
  });

  it("acknowledges a delivery seen before without storing or processing it again", async () => {
    const eventId = crypto.randomUUID();
    const order = shopifyOrder(["A-1", "B-1"]);
    const first = await sendShopify(shopify, "orders/create", order, { eventId });
    expect(first.status).toBe(202);
    const { event_id } = (await first.json()) as { event_id: string };
    await settled(event_id);
    const again = await sendShopify(shopify, "orders/create", order, { eventId });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ event_id, duplicate: true, status: "processed" });
    const rows = await env.DB.prepare("SELECT attempts FROM channel_events WHERE channel_id = ? AND delivery_id = ?").bind(shopify, eventId).all<{ attempts: number }>();
    expect(rows.results).toEqual([{ attempts: 1 }]);
  });

  it("acknowledges topics it does not handle without storing them", async () => {
    const before = await storedCount(shopify);
    const res = await sendShopify(shopify, "products/update", { id: 1, title: "Tee" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ignored" });
    expect(await storedCount(shopify)).toBe(before);
  });
});

describe("WooCommerce signatures", () => {
  it("answers the unsigned creation ping with 200 and stores nothing", async () => {
    const res = await raw(`/v1/channels/${woo}/webhooks`, { method: "POST", body: "webhook_id=17", headers: { "content-type": "application/x-www-form-urlencoded" } }, null);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ping" });
    expect(await storedCount(woo)).toBe(0);
  });

  it("accepts X-WC-Webhook-Signature and refuses a wrong secret or a missing signature", async () => {
    const order = wooOrder(["A-1", "B-1"]);
    const ok = await sendWoo(woo, "order.created", order);
    expect(ok.status).toBe(202);
    await settled(((await ok.json()) as { event_id: string }).event_id);
    await expectRefused(await sendWoo(woo, "order.created", order, { secret: "wrong" }));
    const unsigned = await raw(`/v1/channels/${woo}/webhooks`, { method: "POST", body: JSON.stringify(order), headers: { "content-type": "application/json", "x-wc-webhook-topic": "order.created" } }, null);
    await expectRefused(unsigned);
    expect(await storedCount(woo)).toBe(1);
  });
});

describe("Standard Webhooks (marketplaces)", () => {
  it("accepts a fresh signature and refuses a stale timestamp, a wrong secret, an altered body and missing headers", async () => {
    expect((await sendMarket(market, "order.created", marketOrder())).status).toBe(202);
    const before = await storedCount(market);
    await expectRefused(await sendMarket(market, "order.created", marketOrder(), { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    await expectRefused(await sendMarket(market, "order.created", marketOrder(), { secret: "whsec_" + btoa("another-secret-of-24-bytes!") }));
    const signedBody = JSON.stringify({ type: "order.created", data: marketOrder() });
    const { signatureHeaders } = await import("../../src/webhooks/signature");
    const headers = await signatureHeaders({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_altered", timestamp: Math.floor(Date.now() / 1000), body: signedBody });
    const altered = await raw(`/v1/channels/${market}/webhooks`, { method: "POST", body: signedBody.replace("1000", "1"), headers: { "content-type": "application/json", ...headers } }, null);
    await expectRefused(altered);
    await expectRefused(await raw(`/v1/channels/${market}/webhooks`, { method: "POST", body: signedBody, headers: { "content-type": "application/json" } }, null));
    expect(await storedCount(market)).toBe(before);
  });

  it("dedupes on webhook-id", async () => {
    const data = marketOrder();
    const first = await sendMarket(market, "order.created", data, { id: "msg_same_one" });
    expect(first.status).toBe(202);
    const second = await sendMarket(market, "order.created", data, { id: "msg_same_one" });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true });
  });
});

describe("the channel", () => {
  it("is 404 when unknown and refuses webhooks while it has no secret", async () => {
    const res = await checkedRaw("/v1/channels/ch_nope/webhooks", { method: "POST", body: "{}" }, null);
    expect(res.status).toBe(404);
    const bare = await makeChannel("shopify", { secret: null });
    await expectRefused(await sendShopify(bare, "orders/create", shopifyOrder(["A", "B"])));
  });
});
