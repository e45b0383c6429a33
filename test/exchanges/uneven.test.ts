// Uneven exchanges: the shopper pays what the new items cost beyond the returned ones before anything is sent; what
// the returned ones were worth beyond the new ones is refunded with the replacement. Advance exchanges go at approval.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeProduct, receive } from "../helpers/fixtures";
import { createReturn, path, shippedOrder } from "../returns/world";
import { cell, exchange, exchangeOf, expectAuditsClean, receiveAll, requestedReturn } from "./world";

const pay = (returnId: string, amount: number, reference = "pi_diff") =>
  admin().POST("/v1/returns/{id}/exchange/payment", { ...path(returnId), body: { provider: "psp", reference, amount } });

describe("uneven exchange", () => {
  it("the shopper owes the difference: the replacement waits for the payment, which is invoiced", async () => {
    const { order, loc, lineId } = await shippedOrder(2);
    const [dearer] = await makeProduct([1500]);
    await receive(dearer, loc, 2);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "size_too_small" }])).data!;
    const made = await exchange(ret.id, [{ sku: dearer, quantity: 1 }]);
    expect(made.data).toMatchObject({ state: "reserved", returned_value: 1000, new_value: 1500, difference: 500 });
    expect((await pay(ret.id, 500)).error).toMatchObject({ code: "exchange_not_awaiting_payment" });

    await receiveAll(ret);
    expect(await exchangeOf(ret.id)).toMatchObject({ state: "awaiting_payment", fulfillment_ids: [] });
    expect((await pay(ret.id, 400)).error).toMatchObject({ code: "payment_amount_mismatch" });
    const paid = await pay(ret.id, 500);
    expect(paid.response.status, JSON.stringify(paid.error)).toBe(200);
    expect(paid.data).toMatchObject({ state: "shipped", payment_id: expect.any(String), fulfillment_ids: [expect.any(String)] });
    // The same payment again answers the exchange as it stands.
    expect((await pay(ret.id, 500)).data!.state).toBe("shipped");
    const after = (await admin().GET("/v1/orders/{id}", path(order.id))).data!;
    expect(after).toMatchObject({ subtotal: 3500, total: 3500 });
    const invoiced = (await env.DB.prepare("SELECT COALESCE(SUM(total), 0) AS n FROM invoices WHERE order_id = ? AND kind = 'invoice'").bind(order.id).first<{ n: number }>())!;
    expect(invoiced.n).toBe(2000 + 1000 + 500);
    await expectAuditsClean(order.id);
  });

  it("the shop owes the difference: it is refunded to the original payment when the replacement is sent", async () => {
    const { order, loc, lineId } = await shippedOrder(1);
    const [cheaper] = await makeProduct([600]);
    await receive(cheaper, loc, 1);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }])).data!;
    expect((await exchange(ret.id, [{ sku: cheaper, quantity: 1 }])).data).toMatchObject({ difference: -400 });
    await receiveAll(ret);
    expect((await exchangeOf(ret.id)).state).toBe("shipped");
    const refunds = (await env.DB.prepare("SELECT provider, amount FROM payments WHERE order_id = ? AND kind = 'refund' ORDER BY amount").bind(order.id).all()).results;
    expect(refunds).toEqual([
      { provider: "psp", amount: 400 },
      { provider: "exchange", amount: 600 },
    ]);
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!).toMatchObject({ total: 1600, payment_status: "partially_refunded" });
    expect(await cell(loc, cheaper)).toMatchObject({ committed: 1, available: 0 });
    await expectAuditsClean(order.id);
  });

  it("an advance exchange is sent at approval, before anything comes back", async () => {
    const policy = (await admin().GET("/v1/settings/returns")).data!;
    const { version: _v, updated_at: _u, ...rest } = policy;
    expect((await admin().PUT("/v1/settings/returns", { body: { ...rest, advance_exchange: true } })).response.status).toBe(200);
    const { order, loc, email, lineId } = await shippedOrder(1);
    const [other] = await makeProduct([1000]);
    await receive(other, loc, 1);
    const ret = await requestedReturn(order, email, lineId);
    expect((await exchange(ret.id, [{ sku: other, quantity: 1 }])).data!.state).toBe("pending");
    expect((await admin().POST("/v1/returns/{id}/approve", { ...path(ret.id), body: {} })).response.status).toBe(200);
    expect(await exchangeOf(ret.id)).toMatchObject({ state: "shipped", fulfillment_ids: [expect.any(String)] });
    // Sent: the return can no longer be cancelled (its units paid for the replacement).
    expect((await admin().POST("/v1/returns/{id}/cancel", { ...path(ret.id), body: {} })).error).toMatchObject({ code: "return_in_progress" });
    await expectAuditsClean(order.id);
  });
});
