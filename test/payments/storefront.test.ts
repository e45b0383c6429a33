// The storefront's key is public, so it may never assert money: payment comes from the merchant's server
// (payments:write) or the provider's webhook. And a shopper's answer does not show what fraud screening found.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { cell, orderOf, pendingOrder, secretKey } from "./world";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

const checkoutBody = (sku: string, payment?: Record<string, unknown>) => ({
  email: "s@example.com",
  currency: "EUR",
  lines: [{ sku, quantity: 2 }],
  shipping_address: shipTo("berlin"),
  ...(payment ? { payment: payment as never } : {}),
});

describe("payment is verified, never asserted", () => {
  it("refuses a publishable key's checkout carrying payment, and reserves nothing", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const before = await cell(sku, berlin);
    const res = await client(pk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: checkoutBody(sku, { provider: "stripe", reference: "anything", amount: 2000, captured: true }),
    });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "payment_requires_secret_key", status: 403 });
    expect(await cell(sku, berlin)).toMatchObject({ onHand: before.onHand, held: 0, committed: 0, available: before.available });
    const orders = await admin().GET("/v1/orders", { params: { query: { email: "s@example.com" } as never } });
    expect(orders.data!.data).toEqual([]);
  });

  it("refuses a secret key without payments:write the same way", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const sk = await secretKey(["storefront", "orders:write"]);
    const res = await client(sk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: checkoutBody(sku, { provider: "stripe", reference: "pi_x", amount: 2000 }),
    });
    expect(res.error).toMatchObject({ code: "payment_requires_secret_key" });
    expect(await cell(sku, berlin)).toMatchObject({ held: 0, committed: 0, available: 5 });
  });

  it("accepts payment at checkout from a secret key with payments:write", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const sk = await secretKey(["storefront", "payments:write"]);
    const res = await client(sk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: checkoutBody(sku, { provider: "stripe", reference: "pi_server", amount: 2000, captured: true }),
    });
    expect(res.response.status).toBe(201);
    expect(res.data).toMatchObject({ payment_status: "paid", payments: [{ kind: "authorization", reference: "pi_server", status: "succeeded" }] });
    expect(await cell(sku, berlin)).toMatchObject({ committed: 2, available: 3 });
  });

  it("lets only payments:write confirm, capture or void", async () => {
    const { sku, order } = await pendingOrder(pk, berlin);
    const path = { params: { path: { id: order.id } } };
    const asShop = await client(pk).POST("/v1/orders/{id}/confirm-payment", { ...path, body: { provider: "stripe", reference: "pi_1", amount: 2000 } });
    expect(asShop.response.status).toBe(403);
    expect(asShop.error).toMatchObject({ code: "secret_key_required" });
    const ordersOnly = await secretKey(["orders:write"]);
    for (const res of [
      await client(ordersOnly).POST("/v1/orders/{id}/confirm-payment", { ...path, body: { provider: "stripe", reference: "pi_1", amount: 2000 } }),
      await client(ordersOnly).POST("/v1/orders/{id}/capture", { ...path, body: { reference: "ch_1" } }),
      await client(ordersOnly).POST("/v1/orders/{id}/void", { ...path, body: {} }),
    ]) {
      expect(res.response.status).toBe(403);
      expect(res.error).toMatchObject({ code: "insufficient_scope" });
    }
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "pending", status: "open" });
    expect(await cell(sku, berlin)).toMatchObject({ held: 2, committed: 0 });

    const server = await secretKey(["payments:write"]);
    const ok = await client(server).POST("/v1/orders/{id}/confirm-payment", { ...path, body: { provider: "stripe", reference: "pi_1", amount: 2000 } });
    expect(ok.response.status).toBe(200);
    expect(ok.data).toMatchObject({ payment_status: "authorized" });
    expect(await cell(sku, berlin)).toMatchObject({ held: 0, committed: 2 });
  });

  it("shows a shopper neither the fraud score nor why the order is held, fresh or replayed; staff see both", async () => {
    await admin().PUT("/v1/fraud/rules", { body: { ship_countries: { enabled: true, allowed: ["FR"] } } as never });
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const idem = key();
    const place = () => client(pk).POST("/v1/checkouts", { params: { header: { "idempotency-key": idem } }, body: checkoutBody(sku) });
    const fresh = await place();
    expect(fresh.response.status).toBe(201);
    const replay = await place();
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    for (const answer of [fresh.data!, replay.data!]) {
      expect(answer).toMatchObject({ status: "on_hold", risk: null, hold: null });
      expect(JSON.stringify(answer)).not.toMatch(/risk score|ship_country_DE_not_allowed/);
      expect(answer.events.map((e) => e.type)).not.toContain("order.on_hold");
    }
    const staff = await orderOf(fresh.data!.id);
    expect(staff).toMatchObject({ status: "on_hold", hold: { kind: "fraud_review" }, risk: { reasons: ["ship_country_DE_not_allowed"] } });
    await admin().PUT("/v1/fraud/rules", { body: { ship_countries: { enabled: false } } as never });
  });
});
