// Fraud screening at capture: rules the merchant turns on hold risky orders for review; approve or cancel them.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { placeCheckout } from "../../src/checkout/service";
import { createFulfillments } from "../../src/fulfillment/create";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

const setRules = async (body: Record<string, unknown>) => {
  const res = await admin().PUT("/v1/fraud/rules", { body: body as never });
  expect(res.response.status).toBe(200);
  return res.data!;
};

async function checkout(opts: { email?: string; ship?: "berlin" | "lyon"; billingCountry?: string; ip?: string; qty?: number } = {}) {
  const [sku] = await makeProduct([1000]);
  await receive(sku, berlin, 5);
  const qty = opts.qty ?? 1;
  // Paid at checkout, so placed with a payments:write key (staff also see the screening in the answer).
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    headers: opts.ip ? { "cf-connecting-ip": opts.ip } : {},
    body: {
      email: opts.email ?? `s-${key()}@example.com`,
      currency: "EUR",
      lines: [{ sku, quantity: qty }],
      shipping_address: shipTo(opts.ship ?? "berlin"),
      ...(opts.billingCountry ? { billing_address: { ...shipTo("berlin"), country: opts.billingCountry } } : {}),
      payment: { provider: "psp", reference: `pi_${Math.random().toString(36).slice(2)}`, amount: 1000 * qty, captured: true },
    },
  });
  expect(res.error).toBeUndefined();
  return { sku, order: res.data! };
}

const cell = async (sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } })).data!;

describe("fraud screening", () => {
  it("screens nothing until the merchant turns a rule on", async () => {
    const rules = (await admin().GET("/v1/fraud/rules")).data!;
    expect(rules).toMatchObject({ threshold: 50, ship_countries: { enabled: false }, velocity: { enabled: false }, block_list: { enabled: false } });
    const { order } = await checkout({ ship: "lyon", billingCountry: "US" });
    expect(order).toMatchObject({ status: "open", risk: null, hold: null });
  });

  it("holds an order shipping to a country not allowed, keeps its stock, and ships it once approved", async () => {
    await setRules({ ship_countries: { enabled: true, allowed: ["DE"] }, country_mismatch: { enabled: true } });
    const { sku, order } = await checkout({ ship: "lyon", billingCountry: "DE", qty: 2 });
    expect(order).toMatchObject({ status: "on_hold", payment_status: "paid", hold: { kind: "fraud_review" }, risk: { score: 80, reasons: ["ship_country_FR_not_allowed", "billing_DE_shipping_FR"] } });
    expect(order.events.map((e) => e.type)).toContain("order.on_hold");
    expect(await cell(sku)).toMatchObject({ committed: 2, available: 3 });
    expect(await createFulfillments(env, { orderId: order.id })).toEqual([]);

    const approved = await admin().POST("/v1/orders/{id}/release", { params: { path: { id: order.id } }, body: { note: "called the shopper" } });
    expect(approved.data).toMatchObject({ status: "open", hold: null, risk: { score: 80 } });
    expect(approved.data!.events.at(-1)).toMatchObject({ type: "order.hold_released", data: { approved: true } });
    expect(await createFulfillments(env, { orderId: order.id })).toHaveLength(1);

    // Below the threshold: scored, not held.
    const { order: fine } = await checkout({ ship: "berlin", billingCountry: "AT" });
    expect(fine).toMatchObject({ status: "open", risk: { score: 20, reasons: ["billing_AT_shipping_DE"] }, hold: null });
  });

  it("holds the order after too many from one email or one IP, and a cancelled review gives the stock back", async () => {
    await setRules({ threshold: 40, velocity: { enabled: true, max_orders: 1, window_minutes: 10, by: ["email", "ip"] } });
    const first = await checkout({ email: "Same@Example.com", ip: "203.0.113.7" });
    expect(first.order).toMatchObject({ status: "open", risk: { score: 0, reasons: [] } });
    const byEmail = await checkout({ email: "same@example.com" });
    expect(byEmail.order).toMatchObject({ status: "on_hold", risk: { score: 40, reasons: ["velocity_email_over_1_in_10m"] } });
    const byIp = await checkout({ ip: "203.0.113.7" });
    expect(byIp.order).toMatchObject({ status: "on_hold", risk: { reasons: ["velocity_ip_over_1_in_10m"] } });

    const refused = await admin().POST("/v1/orders/{id}/cancel", { params: { path: { id: byIp.order.id } }, body: { reason: "fraud review refused" } });
    expect(refused.data).toMatchObject({ status: "cancelled", payment_status: "refunded", hold: null });
    expect(await cell(byIp.sku)).toMatchObject({ committed: 0, available: 5 });
  });

  it("holds orders from a blocked email or to a blocked address; entries can be listed and removed", async () => {
    await setRules({ block_list: { enabled: true } });
    const email = await admin().POST("/v1/fraud/blocklist", { body: { kind: "email", email: "mallory@example.com", note: "chargebacks" } });
    expect(email.response.status).toBe(201);
    const dup = await admin().POST("/v1/fraud/blocklist", { body: { kind: "email", email: "MALLORY@example.com" } });
    expect(dup.response.status).toBe(409);
    expect(dup.error).toMatchObject({ code: "blocklist_entry_exists", id: email.data!.id });
    const address = await admin().POST("/v1/fraud/blocklist", { body: { kind: "address", address: { line1: "2 side street", postal_code: "12345", country: "FR" } } });
    expect(address.response.status).toBe(201);

    expect((await checkout({ email: "mallory@example.com" })).order).toMatchObject({ status: "on_hold", risk: { score: 100, reasons: ["email_blocked"] } });
    expect((await checkout({ ship: "lyon" })).order).toMatchObject({ status: "on_hold", risk: { reasons: ["address_blocked"] } });

    const list = await admin().GET("/v1/fraud/blocklist", { params: { query: { kind: "email" } } });
    expect(list.data!.data).toEqual([expect.objectContaining({ id: email.data!.id, email: "mallory@example.com", note: "chargebacks" })]);
    const removed = await admin().DELETE("/v1/fraud/blocklist/{id}", { params: { path: { id: email.data!.id } } });
    expect(removed.response.status).toBe(204);
    expect((await checkout({ email: "mallory@example.com" })).order).toMatchObject({ status: "open" });
  });

  it("screens orders a channel sold through the same capture path", async () => {
    await setRules({ ship_countries: { enabled: true, allowed: ["DE"] } });
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 2);
    const order = await placeCheckout(
      { env, principal: { id: "test", kind: "secret", scopes: [] }, checkoutKey: key(), waitUntil: () => {}, channel: { id: "ch_web", externalId: key() } },
      { email: "m@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("lyon"), payment: { provider: "psp", reference: "pi_channel", amount: 1000 } },
    );
    expect(order).toMatchObject({ status: "on_hold", hold: { kind: "fraud_review" }, risk: { reasons: ["ship_country_FR_not_allowed"] } });
  });

  it("refuses rules that make no sense", async () => {
    const res = await admin().PUT("/v1/fraud/rules", { body: { threshold: 0, ship_countries: { allowed: ["germany"] } } as never });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "validation_failed" });
    expect(res.error!.errors!.map((e) => e.field)).toEqual(["body.threshold", "body.ship_countries.allowed.0"]);
  });
});
