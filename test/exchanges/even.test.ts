// An even exchange: the new units are held from the approval, released if the return is cancelled, and sent as a new
// shipment of the same order once the returned units are back; the order's money still adds up.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, key } from "../helpers/client";
import { makeProduct, receive } from "../helpers/fixtures";
import { labelled, moves } from "../fulfillment/world";
import { createReturn, path, shippedOrder } from "../returns/world";
import { cell, exchange, exchangeOf, expectAuditsClean, outbox, receiveAll, requestedReturn } from "./world";

describe("even exchange", () => {
  it("reserves the new units at approval and releases them when the return is cancelled", async () => {
    const { order, loc, email, lineId } = await shippedOrder(2);
    const [other] = await makeProduct([1000]);
    await receive(other, loc, 3);
    const ret = await requestedReturn(order, email, lineId);

    const made = await exchange(ret.id, [{ sku: other, quantity: 1 }]);
    expect(made.response.status, JSON.stringify(made.error)).toBe(201);
    expect(made.data).toMatchObject({ state: "pending", returned_value: 1000, new_value: 1000, difference: 0, items: [{ sku: other, quantity: 1, unit_price: 1000, reserved: [] }] });
    expect(await cell(loc, other)).toMatchObject({ committed: 0, available: 3 });

    const approved = await admin().POST("/v1/returns/{id}/approve", { ...path(ret.id), body: {} });
    expect(approved.response.status, JSON.stringify(approved.error)).toBe(200);
    expect(await exchangeOf(ret.id)).toMatchObject({ state: "reserved", items: [{ reserved: [{ location_id: loc, quantity: 1 }] }] });
    expect(await cell(loc, other)).toMatchObject({ committed: 1, available: 2 });
    await expectAuditsClean(order.id);

    const cancelled = await admin().POST("/v1/returns/{id}/cancel", { ...path(ret.id), body: {} });
    expect(cancelled.response.status).toBe(200);
    expect(await exchangeOf(ret.id)).toMatchObject({ state: "cancelled", items: [{ reserved: [] }] });
    expect(await cell(loc, other)).toMatchObject({ committed: 0, available: 3 });
    const timeline = (await admin().GET("/v1/orders/{id}", path(order.id))).data!.events.map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(["exchange.requested", "exchange.reserved", "exchange.cancelled"]));
    await expectAuditsClean(order.id);
  });

  it("sends the replacement as a new shipment once the returned units are received, and it ships like any other", async () => {
    const { order, loc, lineId, fulfillmentId } = await shippedOrder(2);
    const [other] = await makeProduct([1000]);
    await receive(other, loc, 2);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "size_too_small" }])).data!;
    const made = await exchange(ret.id, [{ sku: other, quantity: 1 }]);
    expect(made.response.status, JSON.stringify(made.error)).toBe(201);
    expect(made.data).toMatchObject({ state: "reserved", difference: 0 });
    expect(await cell(loc, other)).toMatchObject({ committed: 1 });
    await expectAuditsClean(order.id);

    await receiveAll(ret);
    const x = await exchangeOf(ret.id);
    expect(x).toMatchObject({ state: "shipped", fulfillment_ids: [expect.stringMatching(/_2$/)] });
    const f = (await admin().GET("/v1/fulfillments/{id}", path(x.fulfillment_ids[0]))).data!;
    expect(f).toMatchObject({ status: "pending", location_id: loc, lines: [{ sku: other, quantity: 1, order_line_id: x.items[0].line_id }] });
    expect(f.id).not.toBe(fulfillmentId);

    const after = (await admin().GET("/v1/orders/{id}", path(order.id))).data!;
    expect(after.lines.map((l) => l.sku)).toEqual([order.lines[0].sku, other]);
    expect(after).toMatchObject({ subtotal: 3000, total: 3000, payment_status: "partially_refunded", fulfillment_status: "partial" });
    expect((await admin().GET("/v1/returns/{id}", path(ret.id))).data!.lines[0].refunded).toBe(1);
    expect(await outbox(order.id, "exchange.shipped")).toEqual([expect.objectContaining({ return_id: ret.id, fulfillment_id: f.id, difference: 0 })]);
    await expectAuditsClean(order.id);

    const m = moves();
    await labelled(f.id);
    expect((await m.pack(f.id)).response.status).toBe(200);
    expect((await m.ship(f.id, { carrier: "dhl", service: "paket", tracking_number: key("JD") })).response.status).toBe(200);
    expect(await cell(loc, other)).toMatchObject({ on_hand: 1, committed: 0 });
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!.fulfillment_status).toBe("fulfilled");
    // The replacement can itself be returned.
    expect((await admin().GET("/v1/orders/{id}/returnable", path(order.id))).data!.lines.find((l) => l.sku === other)).toMatchObject({ shipped: 1, returnable: 1 });
    await expectAuditsClean(order.id);
  });

  it("refuses an exchange the stock cannot cover, recording nothing", async () => {
    const { order, loc, lineId } = await shippedOrder(1);
    const [scarce] = await makeProduct([1000]);
    await receive(scarce, loc, 1);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }])).data!;
    const refused = await exchange(ret.id, [{ sku: scarce, quantity: 2 }]);
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: "insufficient_stock" });
    expect((await admin().GET("/v1/returns/{id}/exchange", path(ret.id))).response.status).toBe(404);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM allocations WHERE order_id = ?").bind(order.id).first<{ n: number }>())!;
    expect(n).toBe(1);
    expect(await cell(loc, scarce)).toMatchObject({ committed: 0, held: 0, available: 1 });
    await expectAuditsClean(order.id);
  });
});
