// The one recovery path (src/stock-changes) on the paths the code review found broken: a D1 write that fails after the
// cells moved, a worker that dies in between, a ship racing a cancel, shipping past a short count. Each ends with the
// stock audit reporting nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { placeCheckout } from "../../src/checkout/service";
import { cancelOrder } from "../../src/order-changes/cancel";
import { sweep } from "../../src/orders/sweep";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { fulfillmentsOf, orderOf } from "../order-changes/world";
import { cell, moves } from "../fulfillment/world";
import { downAfter, refusing } from "./faults";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

const ADMIN = { id: "bootstrap", kind: "secret" as const, scopes: ["orders:write"] };
const LEASE_OVER = 61_000;

async function expectAuditClean() {
  const audit = await auditStock(env as never);
  expect(audit.discrepancies.filter((d) => d.severity === "error")).toEqual([]);
}

/** A paid order of `qty` units at Berlin, with its shipment made by the real queue. */
async function paidOrder(qty: number, stock = qty) {
  const [sku] = await makeProduct([1000]);
  await receive(sku, berlin, stock);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("rec") } },
    body: { email: "r@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: `pi_${Math.random().toString(36).slice(2)}`, amount: 1000 * qty } },
  });
  expect(res.response.status).toBe(201);
  const [f] = await fulfillmentsOf(res.data!.id, 1);
  return { sku, order: res.data!, fulfillmentId: f.id };
}

const checkoutInput = (sku: string, quantity: number) => ({
  email: "c@example.com",
  currency: "EUR",
  lines: [{ sku, quantity }],
  shipping_address: shipTo("berlin"),
});

describe("checkout", () => {
  it("retried with the same key after a failed write places the order (the failed try gave back only its own holds)", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 2);
    const ctx = (e: typeof env) => ({ env: e as never, principal: ADMIN, checkoutKey: "scope:retry-after-5xx", waitUntil: () => {} });
    await expect(placeCheckout(ctx(refusing(/^\s*INSERT INTO orders/) as never), checkoutInput(sku, 2) as never)).rejects.toThrow();
    expect(await cell(berlin, sku)).toMatchObject({ held: 0, available: 2 });
    // Before: the retry found the first try's holds released (same ids) and answered 409 insufficient_stock for 24 h.
    const order = await placeCheckout(ctx(env), checkoutInput(sku, 2) as never);
    expect(order).toMatchObject({ status: "open", payment_status: "pending" });
    expect(await cell(berlin, sku)).toMatchObject({ held: 2, available: 0 });
    await expectAuditClean();
  });

  it("whose worker died between the cells and D1 leaves holds the sweep gives back once the lease is over", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 3);
    const dead = downAfter(/INSERT INTO stock_changes/);
    await expect(placeCheckout({ env: dead as never, principal: ADMIN, checkoutKey: "scope:dies", waitUntil: () => {} }, checkoutInput(sku, 3) as never)).rejects.toThrow();
    expect(await cell(berlin, sku)).toMatchObject({ held: 3, available: 0 });
    const { results } = await env.DB.prepare("SELECT state FROM stock_changes WHERE kind = 'checkout' AND reserves LIKE ?").bind(`%${sku}%`).all();
    expect(results).toEqual([{ state: "open" }]);
    await sweep(env as never, Date.now() + LEASE_OVER);
    expect(await cell(berlin, sku)).toMatchObject({ held: 0, available: 3 });
    await expectAuditClean();
  });
});

describe("order changes", () => {
  it("a partial cancel whose write fails changes nothing, and the retry at the same version works", async () => {
    const { sku, order } = await paidOrder(5);
    const line = order.lines[0].id;
    const req = { reason: "customer asked", actor: "test", expectedVersion: (await orderOf(order.id)).version, lines: [{ line_id: line, quantity: 2 }] };
    await expect(cancelOrder(refusing(/^\s*UPDATE orders SET/) as never, order.id, req)).rejects.toThrow();
    expect(await cell(berlin, sku)).toMatchObject({ committed: 5, available: 0 });
    expect((await orderOf(order.id)).lines[0]).toMatchObject({ quantity: 5, cancelled_quantity: 0 });
    // Before: the replacement hold was released too, and this retry was refused hold_not_active and put the order on hold.
    const after = await cancelOrder(env as never, order.id, req);
    expect(after).toMatchObject({ status: "open", lines: [{ cancelled_quantity: 2 }] });
    expect(await cell(berlin, sku)).toMatchObject({ committed: 3, available: 2 });
    await expectAuditClean();
  });

  it("a cancel whose worker died after writing is finished by the sweep", async () => {
    const { sku, order } = await paidOrder(4);
    const dead = downAfter(/INSERT INTO stock_changes/, { cellsToo: true });
    await expect(cancelOrder(dead as never, order.id, { reason: "fraud", actor: "test" })).rejects.toThrow();
    expect(await orderOf(order.id)).toMatchObject({ status: "cancelled" });
    expect(await cell(berlin, sku)).toMatchObject({ committed: 4 });
    await sweep(env as never, Date.now() + LEASE_OVER);
    expect(await cell(berlin, sku)).toMatchObject({ committed: 0, available: 4 });
    await expectAuditClean();
  });
});

describe("shipping", () => {
  it("racing a cancel either ships or cancels, and on-hand moves only if it shipped", async () => {
    for (let round = 0; round < 3; round++) {
      const { sku, order, fulfillmentId } = await paidOrder(3);
      const m = moves();
      await m.pack(fulfillmentId);
      const [shipped, cancelled] = await Promise.all([
        m.ship(fulfillmentId, { carrier: "dhl", service: "paket", tracking_number: `JD${round}` }),
        admin().POST("/v1/orders/{id}/cancel", { params: { path: { id: order.id } }, body: { reason: "changed mind" } }),
      ]);
      const won = shipped.response.status === 200 ? "ship" : "cancel";
      expect(won === "ship" ? cancelled.response.status : shipped.response.status).toBe(409);
      // Before: the cell fulfilled first and the lost batch never gave it back: on-hand went down for a cancelled order.
      expect(await cell(berlin, sku)).toMatchObject(won === "ship" ? { on_hand: 0, committed: 0 } : { on_hand: 3, committed: 0, available: 3 });
    }
    await expectAuditClean();
  });

  it("racing a partial cancel takes off on-hand exactly what shipped", async () => {
    const { sku, order, fulfillmentId } = await paidOrder(9);
    const m = moves();
    await m.pack(fulfillmentId);
    const [shipped, cancelled] = await Promise.all([
      m.ship(fulfillmentId, { carrier: "dhl", service: "paket", tracking_number: "JD9" }),
      admin().POST("/v1/orders/{id}/cancel", { params: { path: { id: order.id } }, body: { reason: "less", lines: [{ line_id: order.lines[0].id, quantity: 5 }] } }),
    ]);
    const after = await cell(berlin, sku);
    if (shipped.response.status === 200) expect([cancelled.response.status, after]).toMatchObject([409, { on_hand: 0, committed: 0 }]);
    else expect([cancelled.response.status, after]).toMatchObject([200, { on_hand: 9, committed: 4 }]);
    await expectAuditClean();
  });

  it("past a count that found fewer units is a 409 naming what is missing, not a 500", async () => {
    const { sku, fulfillmentId } = await paidOrder(4, 5);
    await admin().POST("/v1/inventory/movements", {
      params: { header: { "idempotency-key": key("count") } },
      body: { location_id: berlin, sku, kind: "count", quantity: 2, reason: "cycle_count" },
    });
    const m = moves();
    await m.pack(fulfillmentId);
    const res = await m.ship(fulfillmentId, { carrier: "dhl", service: "paket", tracking_number: "JDC" });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "insufficient_on_hand", shortages: [{ sku, requested: 4, on_hand: 2 }] });
    await receive(sku, berlin, 2);
    expect((await m.ship(fulfillmentId, { carrier: "dhl", service: "paket", tracking_number: "JDC" })).response.status).toBe(200);
    expect(await cell(berlin, sku)).toMatchObject({ on_hand: 0, committed: 0 });
  });
});
