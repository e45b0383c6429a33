// Refunds without a return, store credit, and a refund the provider refuses.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { prepareAll } from "../../src/db/sql";
import { isStoreCreditShort, redeemStoreCreditSql, storeCreditBalance } from "../../src/store-credit/ledger";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { createReturn, creditNotesOf, expectMoneyClean, orderOf, orderRefund, paidShipped, path, processRefund, received, returnOf, settledRefunds } from "./world";

const storeCredit = async (customerId: string) => (await admin().GET("/v1/customers/{id}/store-credit", path(customerId))).data!;

describe("refunds without a return", () => {
  it("a goodwill refund goes to the original payment, once per key, up to what was captured", async () => {
    const { order } = await paidShipped({ qty: 2, price: 1000 });
    const k = key("goodwill");
    const a = await orderRefund(order.id, { kind: "goodwill", amount: 700, reason: "late delivery" }, k);
    expect(a.response.status, JSON.stringify(a.error)).toBe(201);
    expect(a.data).toMatchObject({ kind: "goodwill", return_id: null, total: 700, original_amount: 700, store_credit_amount: 0, reason: "late delivery" });
    expect((await orderRefund(order.id, { kind: "goodwill", amount: 700, reason: "late delivery" }, k)).data!.id).toBe(a.data!.id);
    expect((await orderOf(order.id)).payment_status).toBe("partially_refunded");
    await settledRefunds(order.id);
    expect((await admin().GET("/v1/refunds/{id}", path(a.data!.id))).data).toMatchObject({ status: "refunded" });

    const over = await orderRefund(order.id, { kind: "price_adjustment", amount: 1301 });
    expect(over.response.status).toBe(422);
    expect(over.error).toMatchObject({ code: "refund_exceeds_captured", max_refundable: 1300 });
    expect((await orderRefund(order.id, { kind: "price_adjustment", amount: 1300 })).response.status).toBe(201);
    expect((await orderOf(order.id)).payment_status).toBe("refunded");
    expect((await orderRefund(order.id, { kind: "goodwill", amount: 1 })).error).toMatchObject({ code: "refund_exceeds_captured", max_refundable: 0 });
    await settledRefunds(order.id);
    await expectMoneyClean(order.id);
  });

  it("an order nobody paid has nothing to refund", async () => {
    const loc = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, loc, 2);
    const placed = await admin().POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: { email: "unpaid@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") },
    });
    const refused = await orderRefund(placed.data!.id, { kind: "goodwill", amount: 100 });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: "refund_exceeds_captured" });
    expect((await orderRefund("ord_missing", { kind: "goodwill", amount: 100 })).response.status).toBe(404);
    expect((await orderRefund(placed.data!.id, { kind: "goodwill" })).error).toMatchObject({ code: "refund_not_possible" });
    await expectMoneyClean(placed.data!.id);
  });
});

describe("store credit", () => {
  it("a split refund: part to the payment, part as store credit, each with its credit note; the balance is spendable once", async () => {
    const { order, lineId } = await paidShipped({ qty: 3, price: 1000 });
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 3 }]);
    await received(ret.lines[0].id, 3);
    const soon = Date.now() + 3_600_000;
    const r = await processRefund(ret.id, { store_credit_amount: 1200, store_credit_expires_at: soon });
    expect(r.response.status, JSON.stringify(r.error)).toBe(201);
    expect(r.data).toMatchObject({ total: 3000, original_amount: 1800, store_credit_amount: 1200 });
    const o = await orderOf(order.id);
    expect(o.payment_status).toBe("refunded");
    const refunds = o.payments.filter((p) => p.kind === "refund");
    expect(refunds.map((p) => [p.provider, p.amount])).toEqual(expect.arrayContaining([["test", 1800], ["store_credit", 1200]]));
    const notes = await creditNotesOf(order.id);
    expect(notes.map((n) => n.total).sort()).toEqual([1200, 1800]);
    expect(notes.reduce((t, n) => t + n.total, 0)).toBe(r.data!.total);
    expect(new Set(notes.map((n) => n.payment_id))).toEqual(new Set(refunds.map((p) => p.id)));

    const customerId = o.customer_id!;
    expect(await storeCredit(customerId)).toMatchObject({ balances: [{ currency: "EUR", balance: 1200, next_expiry: soon }], entries: [{ amount: 1200, reason: "refund", ref: r.data!.id, expires_at: soon }] });
    expect(await storeCreditBalance(env.DB, customerId, "EUR", soon + 1)).toBe(0);

    // Spending it: checked by the statement that writes it, so two spends of the same credit cannot both pass.
    const spend = (amount: number) => redeemStoreCreditSql(env.DB, { customerId, currency: "EUR", amount, orderId: order.id, at: Date.now() });
    const [a, b] = await Promise.all([spend(1000), spend(1000)]);
    await env.DB.batch(prepareAll(env.DB, a));
    const second = await env.DB.batch(prepareAll(env.DB, b)).catch((e) => e);
    expect(isStoreCreditShort(second)).toBe(true);
    expect(await storeCreditBalance(env.DB, customerId, "EUR")).toBe(200);
    await expect(spend(300)).rejects.toMatchObject({ code: "store_credit_insufficient" });
    expect((await storeCredit(customerId)).entries.map((e) => e.amount)).toEqual([-1000, 1200]);
    expect((await admin().GET("/v1/customers/{id}/store-credit", path("cus_missing"))).response.status).toBe(404);

    await settledRefunds(order.id);
    expect((await returnOf(ret.id)).refund_status).toBe("refunded");
    await expectMoneyClean(order.id);
  });

  it("store credit beyond the refund is refused", async () => {
    const { order } = await paidShipped({ qty: 1, price: 1000 });
    const refused = await orderRefund(order.id, { kind: "goodwill", amount: 500, store_credit_amount: 600 });
    expect(refused.error).toMatchObject({ code: "refund_not_possible", errors: [{ field: "body.store_credit_amount" }] });
    const all = await orderRefund(order.id, { kind: "goodwill", amount: 500, store_credit_amount: 500 });
    expect(all.data).toMatchObject({ original_amount: 0, store_credit_amount: 500, status: "refunded" });
    await expectMoneyClean(order.id);
  });
});

describe("a refund the provider refuses", () => {
  it("leaves the return refund_failed for staff, who give it as store credit instead", async () => {
    const { order, lineId } = await paidShipped({ qty: 2, price: 1000, provider: "stripe", reference: `pi_declined_${Math.random().toString(36).slice(2)}` });
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 2 }]);
    await received(ret.lines[0].id, 2);
    const r = await processRefund(ret.id, {});
    expect(r.response.status, JSON.stringify(r.error)).toBe(201);
    expect(r.data!.status).toBe("pending");
    await vi.waitFor(async () => expect((await returnOf(ret.id)).refund_status).toBe("refund_failed"), { timeout: 20_000, interval: 200 });
    expect((await admin().GET("/v1/refunds/{id}", path(r.data!.id))).data!.status).toBe("refund_failed");
    expect((await orderOf(order.id)).events.map((e) => e.type)).toContain("payment.refund_failed");
    // Until staff settle it, the money audit shows the credit note of money that never went back.
    expect((await auditMoney(env, { orderId: order.id })).discrepancies.map((d) => d.kind)).toContain("credit_notes_mismatch");

    // Staff settle it: as store credit. The credit note now names the store-credit payment.
    const again = await admin().POST("/v1/refunds/{id}/retry", { ...path(r.data!.id), body: { to: "store_credit" } });
    expect(again.response.status, JSON.stringify(again.error)).toBe(200);
    expect(again.data).toMatchObject({ status: "refunded", original_amount: 0, store_credit_amount: 2000 });
    expect((await returnOf(ret.id)).refund_status).toBe("refunded");
    expect((await admin().POST("/v1/refunds/{id}/retry", { ...path(r.data!.id), body: {} })).error).toMatchObject({ code: "refund_not_failed" });
    const o = await orderOf(order.id);
    expect(o.payment_status).toBe("refunded");
    expect((await storeCredit(o.customer_id!)).balances).toEqual([{ currency: "EUR", balance: 2000, next_expiry: null }]);
    expect(await creditNotesOf(order.id)).toHaveLength(1);
    await expectMoneyClean(order.id);
  });

  it("or send it to the original payment again", async () => {
    const { order } = await paidShipped({ qty: 1, price: 1000 });
    const r = (await orderRefund(order.id, { kind: "goodwill", amount: 400 })).data!;
    await settledRefunds(order.id);
    // As if the provider had refused it.
    await env.DB.prepare("UPDATE payments SET status = 'failed' WHERE id = ?").bind(r.payment_id).run();
    expect((await admin().GET("/v1/refunds/{id}", path(r.id))).data!.status).toBe("refund_failed");
    const [a, b] = await Promise.all([0, 1].map(() => admin().POST("/v1/refunds/{id}/retry", { ...path(r.id), body: { to: "original" } })));
    expect([a.response.status, b.response.status].sort()).toEqual([200, 409]);
    await settledRefunds(order.id);
    const again = (await admin().GET("/v1/refunds/{id}", path(r.id))).data!;
    expect(again).toMatchObject({ status: "refunded", original_amount: 400 });
    expect(again.payment_id).not.toBe(r.payment_id);
    expect((await orderOf(order.id)).payment_status).toBe("partially_refunded");
    await expectMoneyClean(order.id);
  });
});
