// Stripe's signed webhooks are how an order becomes paid without the merchant's server asserting it: verified over
// the raw body, each event id applied once, the amount and currency checked against the order.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { cell, orderOf, pendingOrder, postStripe, stripeEvent, stripeSignature } from "./world";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

const storedEvent = (id: string) => env.DB.prepare("SELECT * FROM payment_events WHERE provider = 'stripe' AND event_id = ?").bind(id).first();

describe("Stripe webhooks", () => {
  it("authorizes a pending order from a signed amount_capturable_updated and commits its stock; succeeded then captures it", async () => {
    const { sku, order } = await pendingOrder(pk, berlin);
    const pi = { id: `pi_${order.id}`, orderId: order.id, amount: 2000, capturable: 2000 };
    const body = stripeEvent("payment_intent.amount_capturable_updated", pi);
    const res = await postStripe(body, await stripeSignature(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "applied", order_id: order.id, duplicate: false });
    const authorized = await orderOf(order.id);
    expect(authorized).toMatchObject({ payment_status: "authorized", payment_due_by: null, payments: [{ kind: "authorization", provider: "stripe", reference: pi.id, amount: 2000 }] });
    expect(authorized.events.at(-1)).toMatchObject({ type: "payment.confirmed", actor: "payment_provider:stripe" });
    expect(await cell(sku, berlin)).toMatchObject({ held: 0, committed: 2, available: 3 });

    // Found by its PaymentIntent id this time (no metadata).
    const captured = stripeEvent("payment_intent.succeeded", { id: pi.id, amount: 2000, received: 2000 });
    const second = await postStripe(captured, await stripeSignature(captured));
    expect(await second.json()).toMatchObject({ outcome: "applied", order_id: order.id });
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "paid" });
  });

  it("marks a pending order paid from payment_intent.succeeded alone", async () => {
    const { order } = await pendingOrder(pk, berlin, 1);
    const body = stripeEvent("payment_intent.succeeded", { id: `pi_auto_${order.id}`, orderId: order.id, amount: 1000, received: 1000 });
    expect(await (await postStripe(body, await stripeSignature(body))).json()).toMatchObject({ outcome: "applied" });
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "paid", payments: [{ kind: "authorization", amount: 1000 }] });
  });

  it("refuses a bad signature, a missing one, another secret's and a stale timestamp, changing nothing", async () => {
    const { sku, order } = await pendingOrder(pk, berlin);
    const body = stripeEvent("payment_intent.succeeded", { id: "pi_forged", orderId: order.id, amount: 2000, received: 2000 });
    const good = await stripeSignature(body);
    const cases: [string | null, string][] = [
      [good.replace(/v1=./, (m) => (m.endsWith("0") ? "v1=1" : "v1=0")), "invalid_signature"],
      [null, "invalid_signature"],
      [await stripeSignature(body, { secret: "whsec_someone_else" }), "invalid_signature"],
      [await stripeSignature(body, { t: Math.floor(Date.now() / 1000) - 301 }), "stale_signature"],
    ];
    for (const [signature, code] of cases) {
      const res = await postStripe(body, signature);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code });
    }
    // The same body, signed right but with a byte changed afterwards.
    const tampered = body.replace('"amount_received":2000', '"amount_received":2001');
    expect((await postStripe(tampered, good)).status).toBe(400);
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "pending" });
    expect(await cell(sku, berlin)).toMatchObject({ held: 2, committed: 0 });
    expect(await storedEvent(JSON.parse(body).id)).toBeNull();
  });

  it("accepts a signature header listing several v1 values when one matches (secret rotation)", async () => {
    const { order } = await pendingOrder(pk, berlin, 1);
    const body = stripeEvent("payment_intent.amount_capturable_updated", { id: `pi_rot_${order.id}`, orderId: order.id, amount: 1000, capturable: 1000 });
    const sig = await stripeSignature(body);
    const [t, v1] = sig.split(",");
    const res = await postStripe(body, `${t},v1=${"0".repeat(64)},${v1}`);
    expect(await res.json()).toMatchObject({ outcome: "applied" });
  });

  it("acknowledges a replayed event id without applying it twice", async () => {
    const { order } = await pendingOrder(pk, berlin);
    const pi = { id: `pi_replay_${order.id}`, orderId: order.id, amount: 2000, capturable: 2000 };
    const auth = stripeEvent("payment_intent.amount_capturable_updated", pi, "evt_replayed_once");
    const first = await postStripe(auth, await stripeSignature(auth));
    expect(await first.json()).toMatchObject({ outcome: "applied", duplicate: false });
    const before = await orderOf(order.id);
    const again = await postStripe(auth, await stripeSignature(auth));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ event_id: "evt_replayed_once", outcome: "applied", duplicate: true });
    const after = await orderOf(order.id);
    expect(after.version).toBe(before.version);
    expect(after.events.length).toBe(before.events.length);
    expect(after.payments).toHaveLength(1);
  });

  it("refuses an amount or currency that is not the order's: recorded, the order left pending", async () => {
    const { sku, order } = await pendingOrder(pk, berlin);
    const short = stripeEvent("payment_intent.succeeded", { id: `pi_short_${order.id}`, orderId: order.id, amount: 1999, received: 1999 });
    const res = await postStripe(short, await stripeSignature(short));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "amount_mismatch", order_id: order.id });
    const dollars = stripeEvent("payment_intent.succeeded", { id: `pi_usd_${order.id}`, orderId: order.id, amount: 2000, received: 2000, currency: "usd" });
    expect(await (await postStripe(dollars, await stripeSignature(dollars))).json()).toMatchObject({ outcome: "currency_mismatch" });

    const o = await orderOf(order.id);
    expect(o).toMatchObject({ payment_status: "pending", status: "open", payments: [] });
    expect(o.events.filter((e) => e.type === "payment.refused").map((e) => e.data!.reason)).toEqual(["amount_mismatch", "currency_mismatch"]);
    expect(await cell(sku, berlin)).toMatchObject({ held: 2, committed: 0 });
    expect(await storedEvent(JSON.parse(short).id)).toMatchObject({ outcome: "amount_mismatch", order_id: order.id });
  });

  it("acknowledges events for unknown orders and types it does not act on", async () => {
    const unknown = stripeEvent("payment_intent.succeeded", { id: "pi_nobody", orderId: "ord_missing", amount: 100, received: 100 });
    expect(await (await postStripe(unknown, await stripeSignature(unknown))).json()).toMatchObject({ outcome: "unmatched" });
    const other = JSON.stringify({ id: "evt_customer", object: "event", type: "customer.created", data: { object: { id: "cus_1", object: "customer" } } });
    expect(await (await postStripe(other, await stripeSignature(other))).json()).toMatchObject({ outcome: "ignored" });
  });
});
