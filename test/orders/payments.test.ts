// The payment life of an order and what it does to stock: confirm, capture, void, and holds running out.
import { createExecutionContext, createScheduledController, runDurableObjectAlarm, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { placeCheckout } from "../../src/checkout/service";
import { cellOf } from "../../src/inventory/cells";
import { sweep } from "../../src/orders/sweep";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
});

const cell = (sku: string, loc = berlin) => cellOf(env, sku, loc).snapshot();
const order = (id: string) => admin().GET("/v1/orders/{id}", { params: { path: { id } } }).then((r) => r.data!);

async function pendingOrder(qty = 2, price = 1000) {
  const [sku] = await makeProduct([price]);
  await receive(sku, berlin, 5);
  const res = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "p@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin") },
  });
  expect(res.response.status).toBe(201);
  return { sku, order: res.data! };
}

/** An order whose holds were made with no time at all: due the moment they exist. */
async function orderWithExpiredHolds() {
  const [sku] = await makeProduct([700]);
  await receive(sku, berlin, 4);
  const placed = await placeCheckout(
    { env: { ...env, PAYMENT_HOLD_SECONDS: "0" }, principal: { id: "test", kind: "publishable", scopes: ["storefront"] }, checkoutKey: key(), waitUntil: () => {} },
    { email: "late@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("berlin") },
  );
  return { sku, order: placed };
}

const confirm = (id: string, amount: number) =>
  admin().POST("/v1/orders/{id}/confirm-payment", { params: { path: { id } }, body: { provider: "stripe", reference: `pi_${id}`, amount } });

describe("payments", () => {
  it("captures an authorization in parts until the order is paid, and refuses capturing more", async () => {
    const { order: o } = await pendingOrder(2, 1000);
    await confirm(o.id, 2000);
    const part = await admin().POST("/v1/orders/{id}/capture", { params: { path: { id: o.id } }, body: { reference: "ch_1", amount: 500 } });
    expect(part.data).toMatchObject({ payment_status: "partially_paid" });
    const over = await admin().POST("/v1/orders/{id}/capture", { params: { path: { id: o.id } }, body: { reference: "ch_2", amount: 1600 } });
    expect(over.response.status).toBe(422);
    expect(over.error).toMatchObject({ code: "capture_exceeds_authorization" });
    const rest = await admin().POST("/v1/orders/{id}/capture", { params: { path: { id: o.id } }, body: { reference: "ch_3" } });
    expect(rest.data).toMatchObject({ payment_status: "paid" });
    expect(rest.data!.payments.map((p) => [p.kind, p.amount])).toEqual([["authorization", 2000], ["capture", 500], ["capture", 1500]]);
    expect(rest.data!.events.map((e) => e.type)).toEqual(["order.created", "payment.confirmed", "payment.captured", "payment.captured"]);
  });

  it("refuses to capture a pending order, naming the transition and the state", async () => {
    const { order: o } = await pendingOrder();
    const res = await admin().POST("/v1/orders/{id}/capture", { params: { path: { id: o.id } }, body: { reference: "ch" } });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "invalid_transition", transition: "payment_captured", from: { status: "open", payment_status: "pending" } });
  });

  it("cancels the order and gives its stock back when the authorization is voided", async () => {
    const { sku, order: o } = await pendingOrder(2);
    await confirm(o.id, 2000);
    expect(await cell(sku)).toMatchObject({ committed: 2, available: 3 });
    const res = await admin().POST("/v1/orders/{id}/void", { params: { path: { id: o.id } }, body: { reason: "customer changed mind" } });
    expect(res.data).toMatchObject({ status: "cancelled", payment_status: "voided", cancel_reason: "customer changed mind" });
    expect(await cell(sku)).toMatchObject({ committed: 0, held: 0, available: 5 });
    const twice = await admin().POST("/v1/orders/{id}/void", { params: { path: { id: o.id } }, body: {} });
    expect(twice.response.status).toBe(409);
    expect(await cell(sku)).toMatchObject({ available: 5 });
  });

  it("refuses a payment that does not match the total", async () => {
    const { order: o } = await pendingOrder(1, 1000);
    const res = await confirm(o.id, 999);
    expect(res.response.status).toBe(422);
    expect((await order(o.id)).payment_status).toBe("pending");
  });

  it("answers 404 for an unknown order", async () => {
    const res = await confirm("ord_nope", 1);
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "order_not_found" });
  });
});

describe("when the payment window closes", () => {
  it("the cell's alarm gives the stock back, and a late payment is refused and cancels the order", async () => {
    const { sku, order: o } = await orderWithExpiredHolds();
    // Due at once, the alarm may even have fired by itself already; running it again changes nothing.
    await runDurableObjectAlarm(cellOf(env, sku, berlin));
    expect(await cell(sku)).toMatchObject({ held: 0, available: 4 });

    const late = await confirm(o.id, 2100);
    expect(late.response.status).toBe(409);
    expect(late.error).toMatchObject({ code: "payment_window_expired" });
    expect(await order(o.id)).toMatchObject({ status: "cancelled", payment_status: "expired" });
    expect(await cell(sku)).toMatchObject({ held: 0, committed: 0, available: 4 });
  });

  it("the cron sweep cancels unpaid orders and releases their stock, and running it twice changes nothing more", async () => {
    const { sku, order: o } = await orderWithExpiredHolds();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const after = await order(o.id);
    expect(after).toMatchObject({ status: "cancelled", payment_status: "expired", cancel_reason: "payment window expired" });
    expect(await cell(sku)).toMatchObject({ held: 0, available: 4 });

    expect(await sweep(env)).toMatchObject({ expired: 0 });
    expect((await order(o.id)).version).toBe(after.version);
    const ledger = await admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id: berlin, sku }, query: {} } });
    // The cell saw the hold was overdue and expired it itself before the sweep's release arrived.
    expect(ledger.data!.data.map((e) => e.op)).toEqual(["receive", "reserve", "expire"]);
  });

  it("the sweep leaves an order alone while its payment is being confirmed (its holds are committed)", async () => {
    const { sku, order: o } = await pendingOrder(1);
    const holdId = (await cellOf(env, sku, berlin).holds())[0].id;
    await cellOf(env, sku, berlin).commit(holdId); // a confirmation is half way through
    await sweep(env, Date.now() + 16 * 60_000);
    expect(await cell(sku)).toMatchObject({ committed: 1 });
    expect((await order(o.id)).status).toBe("open");
    // …but not forever: once the confirmation must have died, the stock goes back.
    await sweep(env, Date.now() + 60 * 60_000);
    expect(await cell(sku)).toMatchObject({ committed: 0, available: 5 });
    expect(await order(o.id)).toMatchObject({ status: "cancelled", payment_status: "expired" });
  });

  it("the sweep finishes the release of a cancelled order whose worker died half way", async () => {
    const { sku, order: o } = await pendingOrder(2);
    await confirm(o.id, 2000);
    await env.DB.prepare("UPDATE orders SET status = 'cancelled', payment_status = 'voided', stock_state = 'releasing' WHERE id = ?").bind(o.id).run();
    expect(await sweep(env)).toMatchObject({ released: 1 });
    expect(await cell(sku)).toMatchObject({ committed: 0, available: 5 });
    expect(await sweep(env)).toMatchObject({ released: 0 });
  });
});
