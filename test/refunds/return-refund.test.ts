// A return's refund: the items as paid (the order-level discount as Shopify allocated it over the lines), the order's
// tax in proportion, the shipping once, fees, issued once however often or however concurrently it is asked for.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { delivered, makeChannel, sendShopify, shopifyOrder } from "../channels/helpers";
import { calculate, createReturn, creditNotesOf, expectMoneyClean, orderOf, orderRefund, paidShipped, path, processRefund, received, returnOf, settledRefunds, shipAll } from "./world";

let shopify: string;
let berlin: string;
beforeAll(async () => {
  shopify = await makeChannel("shopify");
  berlin = await makeLocation("berlin");
});

/**
 * A paid Shopify order: 3 tees at 25.00 with a 5.00 order discount allocated to them (70.00: two lines here, 2 at
 * 23.33 and 1 at 23.34), a tote at 19.90, shipping 4.90, tax 17.08 on top: 111.88. Shipped whole.
 */
async function shopifyShipped() {
  const [tee, tote] = await makeProduct([2500, 1990]);
  await receive(tee, berlin, 3);
  await receive(tote, berlin, 1);
  const payload = shopifyOrder([tee, tote], { total_tax: "17.08", total_price: "111.88", financial_status: "paid" }) as Record<string, any>;
  payload.line_items[0].quantity = 3;
  const event = await delivered(await sendShopify(shopify, "orders/create", payload));
  expect(event.status).toBe("processed");
  const order = await orderOf(event.order_id!);
  expect(order).toMatchObject({ subtotal: 8990, shipping_total: 490, tax_total: 1708, total: 11188, payment_status: "paid" });
  await shipAll(order.id);
  return { order, tee, tote };
}

describe("refunding a return", () => {
  it("refunds items as paid after the discount, tax in proportion and shipping once; everything refunded is exactly the total", async () => {
    const { order, tee } = await shopifyShipped();
    const teeLines = order.lines.filter((l) => l.sku === tee);
    expect(teeLines.map((l) => [l.quantity, l.unit_price])).toEqual([
      [2, 2333],
      [1, 2334],
    ]);
    const [two, one] = teeLines;
    const tote = order.lines.find((l) => l.sku !== tee)!;

    // First one tee comes back.
    const first = await createReturn(order.id, [{ order_line_id: two.id, quantity: 1 }]);
    await received(first.lines[0].id, 1);
    const preview = await calculate(first.id);
    expect(preview.response.status).toBe(200);
    expect(preview.data).toMatchObject({ items_amount: 2333, tax_amount: 443, shipping_amount: 0, fee_amount: 0, total: 2776, original_amount: 2776, store_credit_amount: 0, max_refundable: 11188, shipping_refundable: 490, within_captured: true });
    // A preview writes nothing.
    expect((await returnOf(first.id)).lines[0].refunded).toBe(0);
    const r1 = await processRefund(first.id, {});
    expect(r1.response.status, JSON.stringify(r1.error)).toBe(201);
    expect(r1.data).toMatchObject({ kind: "return", return_id: first.id, total: 2776, items_amount: 2333, tax_amount: 443 });
    expect(await orderOf(order.id)).toMatchObject({ payment_status: "partially_refunded" });

    // Then everything else, with the shipping.
    const rest = await createReturn(order.id, [
      { order_line_id: two.id, quantity: 1 },
      { order_line_id: one.id, quantity: 1 },
      { order_line_id: tote.id, quantity: 1 },
    ]);
    for (const l of rest.lines) await received(l.id, 0, 1); // damaged units are refunded too
    const r2 = await processRefund(rest.id, { refund_shipping: true });
    expect(r2.response.status, JSON.stringify(r2.error)).toBe(201);
    expect(r2.data).toMatchObject({ items_amount: 2333 + 2334 + 1990, tax_amount: 1708 - 443, shipping_amount: 490, total: 11188 - 2776 });
    const after = await orderOf(order.id);
    expect(after.payment_status).toBe("refunded");
    expect(after.payments.filter((p) => p.kind === "refund").reduce((t, p) => t + p.amount, 0)).toBe(11188);
    // A channel's money is refunded at the channel: manual, not sent anywhere.
    expect(after.payments.filter((p) => p.kind === "refund").map((p) => p.status)).toEqual(["manual", "manual"]);
    const notes = await creditNotesOf(order.id);
    expect(notes.map((n) => n.total)).toEqual([2776, 8412]);
    expect(notes.reduce((t, n) => t + n.tax_total, 0)).toBe(1708);

    // Nothing is left: neither more units nor more shipping.
    expect((await processRefund(rest.id, {})).error).toMatchObject({ code: "nothing_to_refund" });
    expect((await orderRefund(order.id, { kind: "shipping" })).error).toMatchObject({ code: "nothing_to_refund" });
    const listed = (await admin().GET("/v1/orders/{id}/refunds", path(order.id))).data!.data;
    expect(listed.map((r) => r.total)).toEqual([2776, 8412]);
    const events = (await env.DB.prepare("SELECT type FROM events WHERE order_id = ? AND type = 'refund.created'").bind(order.id).all()).results;
    expect(events).toHaveLength(2);
    expect(after.events.filter((e) => e.type === "refund.created")).toHaveLength(2);
    await expectMoneyClean(order.id);
  });

  it("a retry with the same key answers the first refund; a new key finds nothing left", async () => {
    const { order, lineId } = await paidShipped({ qty: 3, price: 1000 });
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 3 }]);
    await received(ret.lines[0].id, 2);
    const k = key("refund");
    const a = await processRefund(ret.id, {}, k);
    const b = await processRefund(ret.id, {}, k);
    expect(a.response.status).toBe(201);
    expect(b.response.status).toBe(201);
    expect(b.data!.id).toBe(a.data!.id);
    expect(a.data).toMatchObject({ total: 2000, lines: [{ quantity: 2, amount: 2000 }] });
    const c = await processRefund(ret.id, {}, key("refund"));
    expect(c.response.status).toBe(422);
    expect(c.error).toMatchObject({ code: "nothing_to_refund" });
    // Naming the units again does not refund them again either.
    const d = await processRefund(ret.id, { lines: [{ return_line_id: ret.lines[0].id, quantity: 1 }] });
    expect(d.error).toMatchObject({ code: "refund_not_possible" });
    expect((await returnOf(ret.id)).lines[0].refunded).toBe(2);
    await settledRefunds(order.id);
    expect((await returnOf(ret.id)).refund_status).toBe("refunded");
    expect((await orderOf(order.id)).payments.filter((p) => p.kind === "refund")).toEqual([expect.objectContaining({ amount: 2000, status: "succeeded" })]);
    await expectMoneyClean(order.id);
  });

  it("two processes at once refund once", async () => {
    const { order, lineId } = await paidShipped({ qty: 2, price: 1500 });
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 2 }]);
    await received(ret.lines[0].id, 2);
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => processRefund(ret.id, { refund_shipping: i % 2 === 0 }, key("race"))));
    expect(answers.filter((a) => a.response.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.response.status !== 201)) expect(["refund_changed", "nothing_to_refund"]).toContain(a.error!.code);
    const o = await orderOf(order.id);
    expect(o.payments.filter((p) => p.kind === "refund").map((p) => p.amount)).toEqual([3000]);
    expect(o.payment_status).toBe("refunded");
    expect((await returnOf(ret.id)).lines[0].refunded).toBe(2);
    expect((await admin().GET("/v1/orders/{id}/refunds", path(order.id))).data!.data).toHaveLength(1);
    await settledRefunds(order.id);
    await expectMoneyClean(order.id);
  });

  it("keeps restocking and return shipping fees unless the merchant is at fault; inspected units only when named", async () => {
    const saved = await admin().PUT("/v1/settings/returns", {
      body: { window_days: 30, channel_window_days: {}, final_sale_skus: [], restocking_fee_percent: 10, return_shipping_fee: 300, auto_approve_reasons: [], advance_exchange: false },
    });
    expect(saved.response.status).toBe(200);
    try {
      const { order, lineId } = await paidShipped({ qty: 4, price: 1000 });
      const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 3 }]);
      await received(ret.lines[0].id, 1, 0, 2);
      const only = await calculate(ret.id);
      expect(only.data).toMatchObject({ lines: [{ quantity: 1, amount: 1000, restocking_fee: 100 }], restocking_fee: 100, return_shipping_fee: 300, total: 600 });
      const named = await calculate(ret.id, { lines: [{ return_line_id: ret.lines[0].id, quantity: 3 }] });
      expect(named.data).toMatchObject({ items_amount: 3000, restocking_fee: 300, return_shipping_fee: 300, total: 2400 });
      expect((await processRefund(ret.id, {})).data).toMatchObject({ total: 600, fee_amount: 400 });
      // The return shipping fee is kept once per return.
      expect((await calculate(ret.id, { lines: [{ return_line_id: ret.lines[0].id, quantity: 2 }] })).data).toMatchObject({ total: 1800, return_shipping_fee: 0 });

      const defective = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }]);
      await received(defective.lines[0].id, 0, 1);
      expect((await calculate(defective.id)).data).toMatchObject({ total: 1000, fee_amount: 0 });
      await expectMoneyClean(order.id);
    } finally {
      await env.DB.prepare("DELETE FROM return_policy").run();
    }
  });

  it("refuses a refund beyond what was captured minus refunded", async () => {
    const { order, lineId } = await paidShipped({ qty: 2, price: 1000 });
    expect((await orderRefund(order.id, { kind: "goodwill", amount: 1500 })).response.status).toBe(201);
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1 }]);
    await received(ret.lines[0].id, 1);
    expect((await calculate(ret.id)).data).toMatchObject({ total: 1000, max_refundable: 500, within_captured: false });
    const refused = await processRefund(ret.id, {});
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: "refund_exceeds_captured", max_refundable: 500 });
    // The refused refund wrote nothing.
    expect((await returnOf(ret.id)).lines[0].refunded).toBe(0);
    expect((await orderOf(order.id)).payment_status).toBe("partially_refunded");
    await settledRefunds(order.id);
    await expectMoneyClean(order.id);
  });

  it("nothing is refunded for a return with nothing received", async () => {
    const { order, lineId } = await paidShipped({ qty: 1 });
    const ret = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1 }]);
    expect((await processRefund(ret.id, {})).error).toMatchObject({ code: "nothing_to_refund" });
    expect((await processRefund("ret_missing", {})).response.status).toBe(404);
    await expectMoneyClean(order.id);
  });
});
