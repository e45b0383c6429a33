import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let pk: string;
let berlin: string;
let lyon: string;
let munichStore: string;

beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
  munichStore = await makeLocation("munich", { kind: "store", can_ship: false, can_pickup: true, priority: 3 });
});

// A checkout carrying a payment comes from the merchant's server: only a payments:write key may assert payment.
const checkout = (body: Record<string, unknown>, idem = key("co")) =>
  (body.payment ? admin() : client(pk)).POST("/v1/checkouts", { params: { header: { "idempotency-key": idem } }, body: body as never });

const cell = (sku: string, loc: string) => cellOf(env, sku, loc).snapshot();

describe("checkout", () => {
  it("places a paid order: 201, numbered, priced in minor units, stock committed at the chosen location", async () => {
    const [sku] = await makeProduct([1999]);
    await receive(sku, berlin, 5);
    const res = await checkout({
      email: "Ada@Example.com",
      currency: "EUR",
      lines: [{ sku, quantity: 2 }],
      shipping_address: shipTo("berlin"),
      payment: { provider: "stripe", reference: "pi_123", amount: 3998 },
    });
    expect(res.response.status).toBe(201);
    const order = res.data!;
    expect(order).toMatchObject({
      status: "open",
      payment_status: "authorized",
      fulfillment_status: "unfulfilled",
      email: "ada@example.com",
      subtotal: 3998,
      total: 3998,
      currency: "EUR",
      payment_due_by: null,
    });
    expect(order.number).toBeGreaterThan(1000);
    expect(order.lines[0]).toMatchObject({ sku, quantity: 2, unit_price: 1999, total: 3998, allocations: [{ location_id: berlin, quantity: 2 }] });
    expect(order.events.map((e) => e.type)).toEqual(["order.created", "payment.confirmed"]);
    expect(await cell(sku, berlin)).toMatchObject({ onHand: 5, held: 0, committed: 2, available: 3 });

    const stored = await admin().GET("/v1/orders/{id}", { params: { path: { id: order.id } } });
    expect(stored.data).toMatchObject({ id: order.id, number: order.number, payment_status: "authorized" });
    expect(stored.data!.payments).toMatchObject([{ kind: "authorization", provider: "stripe", reference: "pi_123", amount: 3998 }]);
  });

  it("gives every order its own number", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 10);
    const body = { email: "a@b.co", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") };
    const numbers = await Promise.all([1, 2, 3, 4].map(() => checkout(body).then((r) => r.data!.number)));
    expect(new Set(numbers).size).toBe(4);
  });

  it("holds stock for an unpaid order until payment is confirmed", async () => {
    const [sku] = await makeProduct([500]);
    await receive(sku, lyon, 3);
    const res = await checkout({ email: "b@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("lyon") });
    expect(res.data).toMatchObject({ payment_status: "pending" });
    expect(res.data!.payment_due_by).toBeGreaterThan(Date.now());
    expect(await cell(sku, lyon)).toMatchObject({ held: 3, available: 0 });

    const confirmed = await admin().POST("/v1/orders/{id}/confirm-payment", {
      params: { path: { id: res.data!.id } },
      body: { provider: "adyen", reference: "psp_1", amount: 1500 },
    });
    expect(confirmed.response.status).toBe(200);
    expect(confirmed.data).toMatchObject({ payment_status: "authorized", payment_due_by: null });
    expect(await cell(sku, lyon)).toMatchObject({ held: 0, committed: 3 });

    const again = await admin().POST("/v1/orders/{id}/confirm-payment", {
      params: { path: { id: res.data!.id } },
      body: { provider: "adyen", reference: "psp_1", amount: 1500 },
    });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "invalid_transition", transition: "payment_confirmed", from: { payment_status: "authorized" } });
  });

  it("ships from the nearest location that has everything", async () => {
    const [a, b] = await makeProduct([100, 200]);
    for (const loc of [berlin, lyon]) for (const sku of [a, b]) await receive(sku, loc, 5);
    const res = await checkout({ email: "c@example.com", currency: "EUR", lines: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }], shipping_address: shipTo("lyon") });
    expect(res.data!.lines.flatMap((l) => l.allocations.map((x) => x.location_id))).toEqual([lyon, lyon]);
  });

  it("splits a line across locations by priority when no location has it all", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 3);
    await receive(sku, lyon, 2);
    const res = await checkout({ email: "d@example.com", currency: "EUR", lines: [{ sku, quantity: 5 }], shipping_address: shipTo("lyon") });
    expect(res.response.status).toBe(201);
    expect(res.data!.lines[0].allocations).toEqual([
      { location_id: berlin, quantity: 3 },
      { location_id: lyon, quantity: 2 },
    ]);
  });

  it("reserves pickup orders at the pickup store only", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 50);
    await receive(sku, munichStore, 1);
    const ok = await checkout({ email: "e@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], pickup_location_id: munichStore });
    expect(ok.data!.lines[0].allocations).toEqual([{ location_id: munichStore, quantity: 1 }]);
    const short = await checkout({ email: "e@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], pickup_location_id: munichStore });
    expect(short.response.status).toBe(409);
    expect(await cell(sku, berlin)).toMatchObject({ held: 0, available: 50 });
    const notPickup = await checkout({ email: "e@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], pickup_location_id: berlin });
    expect(notPickup.error).toMatchObject({ code: "invalid_pickup_location", errors: [{ field: "body.pickup_location_id" }] });
  });

  it("answers 409 with asked and available per SKU, and holds nothing, when stock is short; two lines of one SKU share its stock", async () => {
    const [a, b] = await makeProduct([100, 100]);
    await receive(a, berlin, 3);
    await receive(b, berlin, 9);
    const res = await checkout({
      email: "f@example.com",
      currency: "EUR",
      lines: [{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }, { sku: a, quantity: 2 }],
      shipping_address: shipTo("berlin"),
    });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "insufficient_stock", shortages: [{ sku: a, requested: 4, available: 3 }] });
    expect(await cell(a, berlin)).toMatchObject({ held: 0, available: 3 });
    expect(await cell(b, berlin)).toMatchObject({ held: 0, available: 9 });
  });

  it("re-plans with the cells' own figures when the read model is stale", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, lyon, 4);
    // The read model claims Berlin has stock it does not have.
    await env.DB.prepare(
      "INSERT INTO inventory_levels (sku, location_id, on_hand, held, committed, safety_stock, available, allow_backorder, version, updated_at) VALUES (?, ?, 10, 0, 0, 0, 10, 0, 0, 0)",
    )
      .bind(sku, berlin)
      .run();
    const res = await checkout({ email: "g@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("berlin") });
    expect(res.response.status).toBe(201);
    expect(res.data!.lines[0].allocations).toEqual([{ location_id: lyon, quantity: 3 }]);
    expect(await cell(sku, berlin)).toMatchObject({ held: 0 });
  });
});

describe("checkout input", () => {
  let sku: string;
  beforeAll(async () => {
    [sku] = await makeProduct([100]);
    await receive(sku, berlin, 100);
  });
  const base = () => ({ email: "h@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") });

  it.each([
    ["zero quantity", { lines: [{ sku: "X", quantity: 0 }] }, "body.lines.0.quantity"],
    ["negative quantity", { lines: [{ sku: "X", quantity: -2 }] }, "body.lines.0.quantity"],
    ["huge quantity", { lines: [{ sku: "X", quantity: 1e12 }] }, "body.lines.0.quantity"],
    ["fractional quantity", { lines: [{ sku: "X", quantity: 1.5 }] }, "body.lines.0.quantity"],
    ["no lines", { lines: [] }, "body.lines"],
    ["bad email", { email: "not-an-email" }, "body.email"],
    ["bad currency", { currency: "euro" }, "body.currency"],
    ["country as a name", { shipping_address: { ...shipTo("berlin"), country: "Germany" } }, "body.shipping_address.country"],
    ["no destination", { shipping_address: undefined }, "body.shipping_address"],
    ["card number as the reference", { payment: { provider: "x", reference: "4242 4242 4242 4242", amount: 100 } }, "body.payment.reference"],
    ["card number field", { payment: { provider: "x", reference: "r", amount: 100, card_number: "4242424242424242" } }, "body.payment.card_number"],
    ["unknown field", { coupon: "FREE" }, "body.coupon"],
  ])("refuses %s with 400 naming the field", async (_name, change, field) => {
    const res = await checkout({ ...base(), ...change });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "validation_failed" });
    expect((res.error as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
  });

  it("refuses unknown SKUs, other currencies and a payment that does not match the total with 422", async () => {
    const unknown = await checkout({ ...base(), lines: [{ sku, quantity: 1 }, { sku: "NOPE-1", quantity: 1 }] });
    expect(unknown.response.status).toBe(422);
    expect(unknown.error).toMatchObject({ code: "unknown_sku", errors: [{ field: "body.lines.1.sku" }] });
    const usd = await checkout({ ...base(), currency: "USD" });
    expect(usd.error).toMatchObject({ code: "currency_mismatch" });
    const wrong = await checkout({ ...base(), payment: { provider: "x", reference: "r", amount: 1 } });
    expect(wrong.error).toMatchObject({ code: "payment_amount_mismatch", errors: [{ field: "body.payment.amount" }] });
    expect(await cell(sku, berlin)).toMatchObject({ held: 0, available: 100 });
  });

  it("refuses inactive products", async () => {
    const [off] = await makeProduct([100]);
    await receive(off, berlin, 1);
    const variant = await admin().GET("/v1/variants", { params: { query: { sku: [off] } as never } });
    const productId = (variant.data as { data: { product_id: string }[] }).data[0].product_id;
    await admin().PATCH("/v1/products/{id}", { params: { path: { id: productId } }, body: { active: false } });
    const res = await checkout({ ...base(), lines: [{ sku: off, quantity: 1 }] });
    expect(res.error).toMatchObject({ code: "sku_not_sellable" });
  });

  it("needs an Idempotency-Key and a storefront key", async () => {
    const res = await client(pk).POST("/v1/checkouts", { body: base() as never, params: { header: {} as never } });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "idempotency_key_required" });
    const anon = await client().POST("/v1/checkouts", { body: base() as never, params: { header: { "idempotency-key": key() } } });
    expect(anon.response.status).toBe(401);
  });
});
