// Refunds and voids go out through the provider's adapter as queue jobs, the row id as the idempotency key, and count
// once the provider confirms (its answer, or its webhook).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prepareAll } from "../../src/db/sql";
import { placeCheckout } from "../../src/checkout/service";
import { refundSql, voidSql } from "../../src/order-changes/money";
import { sendRequestedMoney, settlePayment } from "../../src/payments/settle";
import { key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { orderOf, pendingOrder, postStripe, postTestProvider, stripeEvent, stripeSignature } from "./world";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

/** A pending order paid (or only authorized) through Stripe's webhook, with the PaymentIntent id given. */
async function paidByStripe(piId: string, captured = true) {
  const { order } = await pendingOrder(pk, berlin);
  const body = captured
    ? stripeEvent("payment_intent.succeeded", { id: piId, orderId: order.id, amount: 2000, received: 2000 })
    : stripeEvent("payment_intent.amount_capturable_updated", { id: piId, orderId: order.id, amount: 2000, capturable: 2000 });
  expect(await (await postStripe(body, await stripeSignature(body))).json()).toMatchObject({ outcome: "applied" });
  return order.id;
}

/**
 * What a cancel or an edit writes for the money (src/order-changes/money.ts) and sends after its batch: a refund of
 * what was captured, or a void of an uncaptured authorization. (Written here directly, not through POST …/cancel,
 * so these tests do not depend on the stock side of a cancel.)
 */
async function cancel(id: string) {
  const o = await orderOf(id);
  const statements = o.payment_status === "authorized" ? voidSql(id, o.payments as never, o.total, o.currency, Date.now()) : refundSql(id, o.payments as never, o.total, o.currency, "shopper changed their mind", Date.now());
  await env.DB.batch(prepareAll(env.DB, statements));
  await sendRequestedMoney(env, id);
  return orderOf(id);
}
const moneyRow = async (id: string, kind: "refund" | "void") => (await orderOf(id)).payments.find((p) => p.kind === kind)!;
const stripeRefunds = async (pi: string) => (await (await fetch(`https://api.stripe.com/__fake/refunds?payment_intent=${pi}`)).json()) as { id: string; amount: number; metadata: Record<string, string> }[];

describe("refunds and voids through the adapter", () => {
  it("refunds a cancelled Stripe order once: requested, sent with its id as Idempotency-Key, confirmed by Stripe's answer", async () => {
    const pi = `pi_refund_${Math.random().toString(36).slice(2)}`;
    const id = await paidByStripe(pi);
    const cancelled = await cancel(id);
    expect(cancelled.payments.find((p) => p.kind === "refund")).toMatchObject({ amount: 2000, reference: pi });

    await vi.waitFor(async () => expect(await moneyRow(id, "refund")).toMatchObject({ status: "succeeded", provider_id: expect.stringMatching(/^re_/) }), { timeout: 20_000, interval: 200 });
    const refund = await moneyRow(id, "refund");
    // The job again (a redelivery): Stripe sees the same key, nothing moves twice.
    await settlePayment(env, { paymentId: refund.id });
    await env.DB.prepare("UPDATE payments SET status = 'requested', provider_id = NULL WHERE id = ?").bind(refund.id).run();
    await settlePayment(env, { paymentId: refund.id });
    const made = await stripeRefunds(pi);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amount: 2000, metadata: { refund_id: refund.id, order_id: id } });
    const o = await orderOf(id);
    expect(o.payments.find((p) => p.kind === "refund")).toMatchObject({ status: "succeeded", provider_id: made[0].id });
    expect(o.events.filter((e) => e.type === "payment.refund_confirmed")).toHaveLength(2); // once per time it was requested
  });

  it("keeps a refund Stripe accepted as pending requested until charge.refunded confirms it", async () => {
    const pi = `pi_pending_${Math.random().toString(36).slice(2)}`;
    const id = await paidByStripe(pi);
    await cancel(id);
    await vi.waitFor(async () => expect((await moneyRow(id, "refund")).provider_id).toMatch(/^re_/), { timeout: 20_000, interval: 200 });
    const refund = await moneyRow(id, "refund");
    expect(refund.status).toBe("requested");

    const body = JSON.stringify({
      id: `evt_refunded_${Date.now()}`,
      object: "event",
      type: "charge.refunded",
      data: {
        object: {
          id: "ch_1",
          object: "charge",
          payment_intent: pi,
          amount: 2000,
          amount_refunded: 2000,
          currency: "eur",
          metadata: {},
          refunds: { object: "list", data: [{ id: refund.provider_id, object: "refund", amount: 2000, status: "succeeded", metadata: { refund_id: refund.id } }] },
        },
      },
    });
    const res = await postStripe(body, await stripeSignature(body));
    expect(await res.json()).toMatchObject({ outcome: "refunds_recorded", order_id: id });
    expect(await moneyRow(id, "refund")).toMatchObject({ status: "succeeded", provider_id: refund.provider_id });
  });

  it("voids the authorization of a cancelled, uncaptured Stripe order", async () => {
    const id = await paidByStripe(`pi_void_${Math.random().toString(36).slice(2)}`, false);
    await cancel(id);
    await vi.waitFor(async () => expect(await moneyRow(id, "void")).toMatchObject({ status: "succeeded" }), { timeout: 20_000, interval: 200 });
    expect((await orderOf(id)).events.map((e) => e.type)).toContain("payment.void_confirmed");
  });

  it("records a refund Stripe refuses as failed, on the timeline for staff", async () => {
    const id = await paidByStripe(`pi_declined_${Math.random().toString(36).slice(2)}`);
    await cancel(id);
    await vi.waitFor(async () => expect(await moneyRow(id, "refund")).toMatchObject({ status: "failed" }), { timeout: 20_000, interval: 200 });
    expect((await orderOf(id)).events.find((e) => e.type === "payment.refund_failed")?.data).toMatchObject({ detail: expect.stringContaining("already been refunded") });
  });

  it("pays and refunds through the test provider, as npm run dev does", async () => {
    const { order } = await pendingOrder(pk, berlin);
    const paid = await postTestProvider("payment.captured", { reference: `tp_${order.id}`, order_id: order.id, amount: 2000, currency: "EUR" });
    expect(await paid.json()).toMatchObject({ outcome: "applied" });
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "paid" });
    await cancel(order.id);
    await vi.waitFor(async () => expect(await moneyRow(order.id, "refund")).toMatchObject({ status: "succeeded", provider_id: expect.stringMatching(/^test_re_/) }), { timeout: 20_000, interval: 200 });
  });

  it("gives back money that arrives after the payment window closed", async () => {
    const [sku] = await makeProduct([700]);
    await receive(sku, berlin, 4);
    // Holds made with no time at all: due the moment they exist.
    const order = await placeCheckout(
      { env: { ...env, PAYMENT_HOLD_SECONDS: "0" }, principal: { id: "test", kind: "publishable", scopes: ["storefront"] }, checkoutKey: key(), waitUntil: () => {} },
      { email: "late@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("berlin") },
    );
    const late = await postTestProvider("payment.captured", { reference: `tp_late_${order.id}`, order_id: order.id, amount: 2100, currency: "EUR" });
    expect(await late.json()).toMatchObject({ outcome: "order_not_payable", order_id: order.id });
    await vi.waitFor(async () => expect(await moneyRow(order.id, "refund")).toMatchObject({ status: "succeeded", reference: `tp_late_${order.id}`, amount: 2100 }), { timeout: 20_000, interval: 200 });
    const o = await orderOf(order.id);
    expect(o).toMatchObject({ status: "cancelled" });
    expect(o.payments.filter((p) => p.kind === "authorization")).toEqual([]);
    expect(o.events.map((e) => e.type)).toContain("payment.returned");
  });
});
