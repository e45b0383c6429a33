// The INGEST job: a channel's order through the capture path, or on hold with the reason; updates in order; payloads
// that cannot be read kept as failed and replayable.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, raw, checkedRaw } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { delivered, makeChannel, ordersOf, sendMarket, sendShopify, sendWoo, settled, shopifyOrder, wooOrder } from "../channels/helpers";

let berlin: string;
let shopify: string;
let woo: string;
let market: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  [shopify, woo, market] = await Promise.all([makeChannel("shopify"), makeChannel("woocommerce"), makeChannel("marketplace")]);
});

/** Two SKUs with stock in Berlin. */
async function stocked(units = 10): Promise<[string, string]> {
  const [tee, tote] = await makeProduct([2500, 1990]);
  await receive(tee, berlin, units);
  await receive(tote, berlin, units);
  return [tee, tote];
}

const order = async (id: string) => (await admin().GET("/v1/orders/{id}", { params: { path: { id } } })).data!;
const level = async (sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } })).data!;

describe("a Shopify order", () => {
  it("whose id passes the Luhn check is placed, not refused as a card number", async () => {
    const skus = await stocked();
    const id = 5_000_000_000_005; // 13 digits, Luhn-valid: shaped like a card number, but it is the channel's order id
    const payload = shopifyOrder(skus, { id, admin_graphql_api_id: `gid://shopify/Order/${id}` });
    const ev = await delivered(await sendShopify(shopify, "orders/create", payload));
    expect(ev).toMatchObject({ status: "processed", outcome: "created" });
    expect(await order(ev.order_id!)).toMatchObject({ status: "open", payment_status: "paid", external_id: String(id) });
  });

  it("is placed through the capture path with the channel's prices, shipping, tax and payment", async () => {
    const skus = await stocked();
    const payload = shopifyOrder(skus);
    const ev = await delivered(await sendShopify(shopify, "orders/create", payload));
    expect(ev).toMatchObject({ status: "processed", outcome: "created" });
    const o = await order(ev.order_id!);
    expect(o).toMatchObject({
      channel_id: shopify,
      external_id: String(payload.id),
      status: "open",
      payment_status: "paid",
      currency: "EUR",
      subtotal: 6490,
      shipping_total: 490,
      tax_total: 1233,
      total: 8213,
      email: "ada.shopper@example.com",
    });
    expect(o.lines.map((l) => [l.sku, l.quantity, l.unit_price])).toEqual([[skus[0], 2, 2250], [skus[1], 1, 1990]]);
    expect(o.payments[0]).toMatchObject({ provider: "shopify", reference: String(payload.id), amount: 8213 });
    expect(o.shipping_address).toMatchObject({ name: "Ada Shopper", line1: "Torstraße 1", postal_code: "10119", country: "DE" });
    expect((await level(skus[0])).committed).toBe(2);
  });

  it("arriving twice (a retry with a new event id, then an update) makes one order", async () => {
    const skus = await stocked();
    const payload = shopifyOrder(skus);
    await delivered(await sendShopify(shopify, "orders/create", payload));
    const again = await delivered(await sendShopify(shopify, "orders/create", payload));
    const updated = await delivered(await sendShopify(shopify, "orders/updated", { ...payload, updated_at: "2025-03-04T10:30:00+01:00" }));
    expect(again.outcome).toBe("unchanged");
    expect(updated.outcome).toBe("unchanged");
    expect(await ordersOf(shopify, String(payload.id))).toHaveLength(1);
    expect((await level(skus[0])).committed).toBe(2);
  });

  it("whose update arrives before its create is placed once; the late create is ignored as older", async () => {
    const skus = await stocked();
    const payload = shopifyOrder(skus);
    const update = await delivered(await sendShopify(shopify, "orders/updated", { ...payload, updated_at: "2025-03-04T10:40:00+01:00" }));
    expect(update.outcome).toBe("created");
    const create = await delivered(await sendShopify(shopify, "orders/create", payload));
    expect(create).toMatchObject({ status: "processed", outcome: "stale", order_id: update.order_id });
    expect(await ordersOf(shopify, String(payload.id))).toHaveLength(1);
  });
});

describe("a WooCommerce order", () => {
  it("created pending is paid by its later update; an older update arriving late changes nothing", async () => {
    const skus = await stocked();
    const payload = wooOrder(skus);
    const created = await delivered(await sendWoo(woo, "order.created", payload));
    expect(created.outcome).toBe("created");
    expect(await order(created.order_id!)).toMatchObject({ status: "open", payment_status: "pending", total: 5462, tax_total: 872, shipping_total: 490 });
    const paid = { ...payload, status: "processing", date_paid_gmt: "2025-03-04T10:22:00", date_modified_gmt: "2025-03-04T10:22:00" };
    expect((await delivered(await sendWoo(woo, "order.updated", paid))).outcome).toBe("updated");
    const late = { ...payload, status: "pending", date_modified_gmt: "2025-03-04T10:21:00" };
    expect((await delivered(await sendWoo(woo, "order.updated", late))).outcome).toBe("stale");
    const o = await order(created.order_id!);
    expect(o).toMatchObject({ payment_status: "paid" });
    expect(o.payments.map((p) => [p.provider, p.amount])).toEqual([["woocommerce", 5462]]);
    expect((await level(skus[0])).committed).toBe(1);
  });

  it("reads the channel's SKUs through the channel's mapping", async () => {
    const skus = await stocked();
    await admin().PUT("/v1/channels/{id}/skus", {
      params: { path: { id: woo } },
      body: { mappings: [{ external_sku: "WOO-TEE", sku: skus[0] }, { external_sku: "product:302", sku: skus[1] }] },
    });
    const payload = wooOrder(["WOO-TEE", ""]);
    const ev = await delivered(await sendWoo(woo, "order.created", payload));
    expect(ev.outcome).toBe("created");
    expect((await order(ev.order_id!)).lines.map((l) => l.sku)).toEqual(skus);
  });
});

describe("an order that cannot be placed as it is", () => {
  it("with an unknown SKU is created on hold with the reason, nothing reserved, its lines as sent", async () => {
    const [tee] = await stocked();
    const payload = shopifyOrder([tee, "NOT-IN-CATALOG"]);
    const ev = await delivered(await sendShopify(shopify, "orders/create", payload));
    expect(ev.outcome).toBe("held");
    const o = await order(ev.order_id!);
    expect(o).toMatchObject({ status: "on_hold", hold: { kind: "channel_issue" }, payment_status: "paid", total: 8213, external_id: String(payload.id) });
    expect(o.hold!.reason).toMatch(/^unknown_sku: .*NOT-IN-CATALOG/);
    expect(o.lines.map((l) => [l.sku, l.quantity, l.allocations])).toEqual([[tee, 2, []], ["NOT-IN-CATALOG", 1, []]]);
    expect(o.events.map((e) => e.type)).toEqual(expect.arrayContaining(["order.created", "order.held"]));
    expect(o.number).toBeGreaterThan(1000);
    expect((await level(tee)).committed + (await level(tee)).held).toBe(0);
    const outbox = await env.DB.prepare("SELECT COUNT(*) AS n FROM events WHERE order_id = ? AND type = 'order.created'").bind(o.id).first<{ n: number }>();
    expect(outbox!.n).toBe(1);
  });

  it("without enough stock, or with an address we cannot ship to, is held with that reason", async () => {
    const short = await stocked(1);
    const ev = await delivered(await sendShopify(shopify, "orders/create", shopifyOrder(short)));
    expect(ev.outcome).toBe("held");
    expect((await order(ev.order_id!)).hold!.reason).toMatch(/^insufficient_stock: .*2 wanted, 1 available/);
    expect((await level(short[0])).available).toBe(1);

    const skus = await stocked();
    const noZip = shopifyOrder(skus);
    noZip.shipping_address = { ...noZip.shipping_address, zip: null };
    const bad = await delivered(await sendShopify(shopify, "orders/create", noZip));
    expect(bad.outcome).toBe("held");
    expect((await order(bad.order_id!)).hold!.reason).toMatch(/^invalid_address: shipping_address.postal_code/);
  });
});

describe("a payload that cannot be read", () => {
  it("is kept as failed with the error, listed, and can be replayed", async () => {
    const res = await sendShopify(shopify, "orders/create", { id: 1, line_items: "none" });
    const ev = await delivered(res);
    expect(ev).toMatchObject({ status: "failed", order_id: null });
    expect(ev.error).toMatch(/^Not a Shopify order: /);
    const list = await admin().GET("/v1/channels/{id}/events", { params: { path: { id: shopify }, query: { status: "failed" } } });
    expect(list.data!.data.map((e) => e.id)).toContain(ev.id);
    const one = await admin().GET("/v1/channels/{id}/events/{event_id}", { params: { path: { id: shopify, event_id: ev.id } } });
    expect(one.data!.payload).toBe(JSON.stringify({ id: 1, line_items: "none" }));

    const replay = await checkedRaw(`/v1/channels/${shopify}/events/${ev.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const again = await settled(ev.id);
    expect(again).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("that is not JSON at all (a marketplace's) fails the same way; a processed one is not replayed", async () => {
    const ev = await delivered(await sendMarket(market, "", null, { body: "{oops" }));
    expect(ev.status).toBe("failed");
    expect(ev.error).toMatch(/^The body is not JSON/);
    const skus = await stocked();
    const ok = await delivered(await sendMarket(market, "order.created", { id: "M-1", currency: "EUR", email: "m@example.com", lines: [{ sku: skus[0], quantity: 1, unit_price: 999 }], shipping_address: { name: "M", line1: "1 Road", city: "Berlin", postal_code: "10115", country: "DE" } }));
    expect(ok.outcome).toBe("created");
    const replay = await raw(`/v1/channels/${market}/events/${ok.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(409);
  });
});
