// Shopify refunds/create: a return (source channel, named by Shopify's refund id) and a refund recorded here (the
// money moved at Shopify: a payments row of provider shopify, 'manual', with its credit note), the units Shopify
// restocked received as restocked; none of it twice, whether the refund is delivered again or the order updated after.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { delivered, makeChannel, sendShopify, shopifyOrder } from "../channels/helpers";
import { creditNotesOf, expectMoneyClean, orderOf, shipAll } from "../refunds/world";
import { expectAuditsClean, returnEntries } from "../returns-receiving/world";
import { receiveReturn } from "../../src/returns-receiving/receive";
import { requestReturn } from "../../src/returns/request";

let shopify: string;
let berlin: string;
beforeAll(async () => {
  shopify = await makeChannel("shopify");
  berlin = await makeLocation("berlin");
});

/** A paid Shopify order of 3 tees and a tote (111.88 with shipping and tax), shipped whole from Berlin. */
async function shopifyShipped() {
  const [tee, tote] = await makeProduct([2500, 1990]);
  await receive(tee, berlin, 3);
  await receive(tote, berlin, 1);
  const payload = shopifyOrder([tee, tote], { total_tax: "17.08", total_price: "111.88", financial_status: "paid" }) as Record<string, any>;
  payload.line_items[0].quantity = 3;
  const event = await delivered(await sendShopify(shopify, "orders/create", payload));
  expect(event.status).toBe("processed");
  await shipAll(event.order_id!);
  return { orderId: event.order_id!, payload, tee, tote };
}

let refundSeq = 0;
function shopifyRefund(order: Record<string, any>, lines: { sku: string; quantity: number; restock_type: string }[], amount: string) {
  const id = 880_000_000_000 + ++refundSeq * 1000 + Math.floor(Math.random() * 999);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Refund/${id}`,
    order_id: order.id,
    created_at: "2025-03-10T09:00:00+01:00",
    processed_at: "2025-03-10T09:00:00+01:00",
    note: "Customer sent it back",
    restock: lines.some((l) => l.restock_type === "return"),
    refund_line_items: lines.map((l, i) => {
      const item = order.line_items.find((x: { sku: string }) => x.sku === l.sku);
      return { id: id + i + 1, line_item_id: item.id, quantity: l.quantity, restock_type: l.restock_type, location_id: 655441491, subtotal: "0.00", total_tax: "0.00", line_item: { id: item.id, sku: l.sku, variant_id: item.variant_id } };
    }),
    transactions: [{ id: id + 100, order_id: order.id, kind: "refund", gateway: "shopify_payments", status: "success", amount, currency: "EUR" }],
    order_adjustments: [],
  };
}

const returnsOf = async (orderId: string) => (await admin().GET("/v1/returns", { params: { query: { order_id: orderId } } })).data!.data;
const refundsOf = (orderId: string) =>
  env.DB.prepare("SELECT f.id, f.kind, f.total, f.return_id, p.provider, p.status FROM refunds f LEFT JOIN payments p ON p.id = f.payment_id WHERE f.order_id = ?")
    .bind(orderId)
    .all<{ id: string; kind: string; total: number; return_id: string | null; provider: string; status: string }>()
    .then((r) => r.results);
const restockedUnits = async (sku: string) => (await returnEntries(berlin, sku)).reduce((n, e) => n + e.on_hand_delta, 0);

describe("Shopify refunds/create", () => {
  it("becomes a channel return, restocks what Shopify restocked and records the refund; never twice", async () => {
    const { orderId, payload, tee, tote } = await shopifyShipped();
    const refund = shopifyRefund(payload, [{ sku: tee, quantity: 2, restock_type: "return" }, { sku: tote, quantity: 1, restock_type: "no_restock" }], "66.00");
    const event = await delivered(await sendShopify(shopify, "refunds/create", refund));
    expect(event).toMatchObject({ status: "processed", outcome: "refund_recorded", order_id: orderId });

    const [ret] = await returnsOf(orderId);
    expect(ret).toMatchObject({ source: "channel", status: "open", external_id: `shopify:${refund.id}`, note: "Customer sent it back" });
    const bySku = (sku: string) => ret.lines.filter((l) => l.sku === sku);
    expect(bySku(tee).reduce((n, l) => n + l.quantity, 0)).toBe(2);
    expect(bySku(tee).reduce((n, l) => n + l.restocked, 0)).toBe(2);
    expect(bySku(tote)).toMatchObject([{ quantity: 1, restocked: 0, damaged: 0 }]);
    expect(await restockedUnits(tee)).toBe(2);
    expect(await restockedUnits(tote)).toBe(0);

    expect(await refundsOf(orderId)).toEqual([{ id: expect.any(String), kind: "channel", total: 6600, return_id: ret.id, provider: "shopify", status: "manual" }]);
    const [payment] = (await orderOf(orderId)).payments.filter((p) => p.kind === "refund");
    expect(await creditNotesOf(orderId)).toMatchObject([{ payment_id: payment.id, total: 6600 }]);
    expect((await orderOf(orderId)).payment_status).toBe("partially_refunded");
    await expectMoneyClean(orderId);

    // The same refund again (a retry of Shopify's delivery with a new event id), and the order updated after it.
    const again = await delivered(await sendShopify(shopify, "refunds/create", refund));
    expect(again).toMatchObject({ status: "processed", outcome: "refund_recorded" });
    const updated = await delivered(
      await sendShopify(shopify, "orders/updated", { ...payload, financial_status: "partially_refunded", updated_at: "2025-03-10T09:00:05+01:00", refunds: [refund] }),
    );
    expect(updated.status).toBe("processed");
    expect(await returnsOf(orderId)).toHaveLength(1);
    expect((await returnsOf(orderId))[0].lines.reduce((n, l) => n + l.restocked, 0)).toBe(2);
    expect(await refundsOf(orderId)).toHaveLength(1);
    expect(await restockedUnits(tee)).toBe(2);
    await expectAuditsClean();
  });

  it("a run that died after the return, or after the restock, is finished by the next delivery: nothing twice", async () => {
    const { orderId, payload, tee } = await shopifyShipped();
    const refund = shopifyRefund(payload, [{ sku: tee, quantity: 1, restock_type: "return" }], "27.76");
    const teeLine = (await orderOf(orderId)).lines.find((l) => l.sku === tee)!;
    // The first run recorded the return and the restock (as record.ts does, keyed by the refund), then died.
    const ret = await requestReturn(env, orderId, { lines: [{ order_line_id: teeLine.id, quantity: 1, reason: "other" }] }, { source: "channel", actor: `channel:${shopify}`, externalId: `shopify:${refund.id}` });
    await receiveReturn(env, ret.id, { lines: [{ return_line_id: ret.lines[0].id, quantity: 1, disposition: "restock" }] }, { actor: `channel:${shopify}`, key: `channel-refund:shopify:${refund.id}` });
    expect(await restockedUnits(tee)).toBe(1);

    expect(await delivered(await sendShopify(shopify, "refunds/create", refund))).toMatchObject({ status: "processed", outcome: "refund_recorded" });
    expect((await returnsOf(orderId)).map((r) => r.id)).toEqual([ret.id]);
    expect(await restockedUnits(tee)).toBe(1);
    expect(await refundsOf(orderId)).toMatchObject([{ kind: "channel", total: 2776, return_id: ret.id }]);
    // The refunded unit is the one received.
    expect((await returnsOf(orderId))[0].lines[0]).toMatchObject({ restocked: 1, refunded: 1 });
    await expectAuditsClean();
  });

  it("a refund of money only (shipping, an adjustment) is a refund without a return", async () => {
    const { orderId, payload } = await shopifyShipped();
    const refund = shopifyRefund(payload, [], "4.90");
    expect(await delivered(await sendShopify(shopify, "refunds/create", refund))).toMatchObject({ status: "processed", outcome: "refund_recorded" });
    expect(await returnsOf(orderId)).toEqual([]);
    expect(await refundsOf(orderId)).toMatchObject([{ kind: "channel", total: 490, return_id: null, provider: "shopify", status: "manual" }]);
    await expectMoneyClean(orderId);
  });

  it("a refund of an order we do not have fails visibly, for a replay once the order is here", async () => {
    const [tee, tote] = await makeProduct([2500, 1990]);
    const unknown = shopifyOrder([tee, tote]) as Record<string, any>;
    const event = await delivered(await sendShopify(shopify, "refunds/create", shopifyRefund(unknown, [{ sku: tee, quantity: 1, restock_type: "return" }], "25.00")));
    expect(event).toMatchObject({ status: "failed", outcome: "order_unknown" });
    expect(event.error).toMatch(/No order of this channel/);
  });

  it("a payload that is not a refund fails at once", async () => {
    const event = await delivered(await sendShopify(shopify, "refunds/create", { hello: "world" }));
    expect(event.status).toBe("failed");
    expect(event.error).toMatch(/Not a Shopify refund/);
  });
});
