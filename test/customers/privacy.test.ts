// Export everything held about a customer; erase it everywhere it is kept while the accounting stays.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { admin, client, raw } from "../helpers/client";
import { delivered, makeChannel, sendShopify, shopifyOrder } from "../channels/helpers";
import { type Desk, detail, email, makeDesk, placeOrder, shippedOrder } from "../orders/desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

// Tests of this file share one database: each customer gets personal data no other one has.
const letters = () => Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 6);
const person = () => {
  const tag = letters();
  return { name: `Grete ${tag}`, phone: `+49 170 ${Math.floor(Math.random() * 9e6 + 1e6)}`, street: `${tag} Gasse 7`, email: email(`grete${tag}`) };
};
const NAME = "Grete Someone";

const exportOf = async (id: string) => {
  const res = await admin().GET("/v1/customers/{id}/export", { params: { path: { id } } });
  expect(res.response.status).toBe(200);
  return res.data!;
};
const erase = (id: string) => admin().POST("/v1/customers/{id}/erase", { params: { path: { id } } });

/** Every stored text that mentions `needle`, as "table.column". */
async function whereStored(needle: string) {
  const places: [string, string][] = [
    ["customers", "email"], ["customers", "name"], ["orders", "email"], ["orders", "shipping_address"], ["orders", "billing_address"],
    ["order_events", "data"], ["events", "data"], ["order_notes", "body"], ["notifications", "recipient"], ["notifications", "body"],
    ["idempotency_keys", "response_body"], ["order_risk_facts", "email"], ["channel_events", "body"],
  ];
  const found: string[] = [];
  for (const [table, column] of places) {
    const hit = await env.DB.prepare(`SELECT 1 FROM ${table} WHERE instr(lower(${column}), lower(?)) > 0 LIMIT 1`).bind(needle).first();
    if (hit) found.push(`${table}.${column}`);
  }
  return found;
}

/** A customer with a shipped order (label in R2, a note naming them, a confirmation message) and a cancelled one. */
async function customerWithHistory() {
  const p = person();
  const who = p.email;
  const shipped = await shippedOrder(d, { email: who, name: p.name, phone: p.phone, street: p.street, billing: true, price: 2500 });
  const voided = await placeOrder(d, { email: who, name: p.name, street: p.street, price: 800, paid: true });
  const v = await admin().POST("/v1/orders/{id}/void", { params: { path: { id: voided.order.id } }, body: { reason: "changed mind" } });
  expect(v.data!.status).toBe("cancelled");
  const noted = await detail(shipped.order.id);
  await admin().POST("/v1/orders/{id}/notes", {
    params: { path: { id: shipped.order.id } },
    body: { body: `${p.name} called from ${p.phone}, wants it left with the neighbour`, expected_version: noted.version },
  });
  // The confirmation message reaches the outbox through the real queues.
  await vi.waitFor(
    async () => expect(await env.DB.prepare("SELECT 1 FROM notifications WHERE order_id = ?").bind(shipped.order.id).first()).not.toBeNull(),
    { timeout: 20_000, interval: 50 },
  );
  return { who, p, id: noted.customer_id!, shipped, voided };
}

describe("export", () => {
  it("holds the customer, every order with lines, payments, shipments, notes and timeline, and every message", async () => {
    const { who, p, id, shipped, voided } = await customerWithHistory();
    const x = await exportOf(id);
    expect(x.customer).toMatchObject({ id, email: who, name: p.name, phone: p.phone, orders_count: 2 });
    expect(x.customer.addresses.length).toBeGreaterThanOrEqual(2);
    expect(x.orders.map((o) => o.number)).toEqual([shipped.order.number, voided.order.number]);
    const o = x.orders[0];
    expect(o.lines).toHaveLength(1);
    expect(o.payments.length).toBeGreaterThan(0);
    expect(o.fulfillments[0].tracking_number).toBe(shipped.tracking);
    expect(o.notes[0].body).toContain(p.phone);
    expect(o.events.length).toBeGreaterThan(2);
    expect(x.notifications.length).toBeGreaterThan(0);
    expect(x.notifications.every((n) => n.recipient === who)).toBe(true);
  });

  it("answers 404 for an unknown customer", async () => {
    const res = await admin().GET("/v1/customers/{id}/export", { params: { path: { id: "cus_nope" } } });
    expect(res.response.status).toBe(404);
  });
});

describe("erasure", () => {
  it("removes the personal data from every copy, keeps amounts, lines, SKUs, numbers and countries, and export shows only the pseudonym", async () => {
    const { who, p, id, shipped, voided } = await customerWithHistory();
    const before = await exportOf(id);
    expect(await whereStored(who)).not.toEqual([]);
    const labelKeys = (await env.DB.prepare("SELECT label_key, packing_slip_key FROM fulfillments WHERE order_id = ?").bind(shipped.order.id).first<Record<string, string | null>>())!;

    const res = await erase(id);
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    expect(res.data).toMatchObject({ id, email: `erased-${id}@invalid`, name: null, phone: null });
    expect(res.data!.erased_at).toBeGreaterThan(0);

    for (const secret of [who, p.name, p.phone, p.street]) expect(await whereStored(secret), secret).toEqual([]);
    const after = await exportOf(id);
    const text = JSON.stringify(after);
    for (const secret of [who, p.name, p.phone, p.street, "Grete", "Billing Road"]) expect(text).not.toContain(secret);

    // What accounting needs stays as it was.
    expect(after.orders.map((o) => [o.number, o.total, o.subtotal, o.currency, o.status, o.payment_status, o.created_at])).toEqual(
      before.orders.map((o) => [o.number, o.total, o.subtotal, o.currency, o.status, o.payment_status, o.created_at]),
    );
    expect(after.orders.map((o) => o.lines.map((l) => [l.sku, l.quantity, l.unit_price, l.total]))).toEqual(
      before.orders.map((o) => o.lines.map((l) => [l.sku, l.quantity, l.unit_price, l.total])),
    );
    expect(after.orders.map((o) => o.payments)).toEqual(before.orders.map((o) => o.payments));
    expect(after.orders[0].shipping_address).toEqual({ name: "[erased]", line1: "[erased]", city: "[erased]", postal_code: "[erased]", country: "DE" });
    expect(after.orders[0].fulfillments[0].tracking_number).toBe(shipped.tracking);
    expect(after.orders[0].notes[0].body).toBe("[erased] called from [erased], wants it left with the neighbour");
    expect(after.orders.every((o) => o.events.at(-1)!.type === "order.personal_data_erased")).toBe(true);
    expect(after.notifications.every((n) => n.recipient === `erased-${id}@invalid` && n.status !== "pending")).toBe(true);
    for (const k of Object.values(labelKeys)) if (k) expect(await env.DOCUMENTS.get(k)).toBeNull();

    // The shopper lookup no longer finds the orders by the old email.
    const lookup = await client(d.pk).POST("/v1/order-lookup", { body: { number: voided.order.number, email: who } });
    expect(lookup.response.status).toBe(404);
  });

  it("twice changes nothing more, and the same email ordering again becomes a new customer", async () => {
    const who = email("again");
    const { order } = await shippedOrder(d, { email: who, name: NAME });
    const id = (await detail(order.id)).customer_id!;
    const first = await erase(id);
    const second = await erase(id);
    expect(second.response.status).toBe(200);
    expect(second.data).toEqual(first.data);

    const { order: later } = await placeOrder(d, { email: who, name: NAME });
    const newId = (await detail(later.id)).customer_id!;
    expect(newId).not.toBe(id);
    expect((await admin().GET("/v1/customers/{id}", { params: { path: { id: newId } } })).data).toMatchObject({ email: who, orders_count: 1 });
    expect((await exportOf(id)).orders.map((o) => o.number)).toEqual([order.number]);
  });

  it("is refused while an order still has to ship, and changes nothing then", async () => {
    const who = email("open");
    const { order } = await placeOrder(d, { email: who, name: NAME, paid: true });
    const id = (await detail(order.id)).customer_id!;
    const res = await erase(id);
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "customer_has_open_orders", orders: [order.number] });
    expect((await detail(order.id)).email).toBe(who);
    expect((await exportOf(id)).customer.email).toBe(who);
  });

  it("answers 404 for an unknown customer and 400 for a malformed request", async () => {
    expect((await erase("cus_nope")).response.status).toBe(404);
    const res = await raw(`/v1/customers/${"x".repeat(65)}/erase`, { method: "POST" });
    expect(res.status).toBe(400);
  });

  it("also scrubs the stored answer of the checkout's Idempotency-Key", async () => {
    const who = email("idem");
    const { order } = await shippedOrder(d, { email: who, name: NAME });
    expect(await whereStored(who)).toContain("idempotency_keys.response_body");
    await erase((await detail(order.id)).customer_id!);
    expect(await whereStored(who)).toEqual([]);
  });
});

describe("erasure of channel orders held without a customer link", () => {
  it("finds them by the customer's email (any case), refuses while they wait, then scrubs them and what the channel sent", async () => {
    const p = person();
    const now = Date.now();
    const customerId = `cus_held${letters()}`;
    // The customer as an earlier order made them.
    await env.DB.prepare("INSERT INTO customers (id, email, name, phone, orders_count, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
      .bind(customerId, p.email, p.name, p.phone, now, now)
      .run();
    // A Shopify order for SKUs we cannot read: written on hold by the ingest, with no customer, and the raw delivery kept.
    const shop = await makeChannel("shopify");
    const [first, last] = p.name.split(" ");
    const address = { first_name: first, last_name: last, name: p.name, address1: p.street, address2: null, city: "Berlin", zip: "10119", country: "Germany", country_code: "DE", phone: p.phone };
    const shouted = p.email.toUpperCase();
    const payload = shopifyOrder(["NO SUCH SKU!", "NOR THIS?"], {
      email: shouted,
      contact_email: shouted,
      customer: { id: 1, email: shouted, first_name: first, last_name: last },
      shipping_address: address,
      billing_address: address,
    });
    const ev = await delivered(await sendShopify(shop, "orders/create", payload));
    expect(ev).toMatchObject({ status: "processed", outcome: "held" });
    const held = await env.DB.prepare("SELECT id, number, customer_id FROM orders WHERE id = ?").bind(ev.order_id).first<{ id: string; number: number; customer_id: string | null }>();
    expect(held).toMatchObject({ customer_id: null });
    expect(await whereStored(p.email)).toEqual(expect.arrayContaining(["orders.email", "channel_events.body"]));

    // Still to be shipped: its address is needed.
    const refused = await erase(customerId);
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: "customer_has_open_orders", orders: [held!.number] });

    // Staff cancel it (as the cancel route leaves it: cancelled, nothing to ship); then erasure goes through.
    await env.DB.prepare("UPDATE orders SET status = 'cancelled', cancel_reason = 'unknown SKUs' WHERE id = ?").bind(held!.id).run();
    const res = await erase(customerId);
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    for (const secret of [p.email, p.name, p.phone, p.street]) expect(await whereStored(secret), secret).toEqual([]);
    const body = (await env.DB.prepare("SELECT body FROM channel_events WHERE id = ?").bind(ev.id).first<{ body: string }>())!.body;
    expect(body).not.toContain("203.0.113.7"); // the shopper's IP as Shopify sent it
    expect(JSON.parse(body)).toMatchObject({ id: payload.id, total_price: payload.total_price, email: `erased-${customerId}@invalid` });
    const order = await detail(held!.id);
    expect(order).toMatchObject({ number: held!.number, total: 8213, email: `erased-${customerId}@invalid` });
    expect(order.shipping_address).toMatchObject({ name: "[erased]", line1: "[erased]", country: "DE" });
  });
});
