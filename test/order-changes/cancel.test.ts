// Cancelling whole orders and parts of lines: stock back to its cells, money refunded or voided, nothing twice.
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { cancel, cellOf, fulfillmentsOf, orderOf, path, placeOrder } from "./world";

let pk: string;
let berlin: string;
let lyon: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
});

describe("cancelling a whole order", () => {
  it("gives a paid order's stock back, cancels its shipments, refunds once, and does nothing the second time", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 3, { pay: "captured" });
    await fulfillmentsOf(order.id, 1);
    const res = await cancel(order.id, { reason: "customer asked", expected_version: (await orderOf(order.id)).version });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ status: "cancelled", payment_status: "refunded", cancel_reason: "customer asked", subtotal: 0, total: 0 });
    expect(res.data!.lines[0]).toMatchObject({ quantity: 3, cancelled_quantity: 3, total: 0 });
    expect(res.data!.payments.map((p) => [p.kind, p.amount])).toEqual([["authorization", 3000], ["refund", 3000]]);
    expect(await cellOf(berlin, sku)).toMatchObject({ on_hand: 5, committed: 0, held: 0, available: 5 });
    expect((await fulfillmentsOf(order.id, 1))[0].status).toBe("cancelled");

    const again = await cancel(order.id, { reason: "clicked twice", expected_version: order.version });
    expect(again.response.status).toBe(200);
    expect(again.data!.payments).toHaveLength(2);
    expect(again.data!.version).toBe(res.data!.version);
    expect(again.data!.events.filter((e) => e.type === "order.cancelled")).toHaveLength(1);
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 0, available: 5 });
  });

  it("voids an authorization nothing was captured from", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 4]], 2, { pay: "authorized" });
    const res = await cancel(order.id, { reason: "out of delivery area" });
    expect(res.data).toMatchObject({ status: "cancelled", payment_status: "voided" });
    expect(res.data!.payments.map((p) => [p.kind, p.amount])).toEqual([["authorization", 2000], ["void", 2000]]);
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 0, available: 4 });
  });

  it("refuses a change made against an old version", async () => {
    const { order } = await placeOrder(pk, [[berlin, 2]], 1);
    const res = await cancel(order.id, { reason: "x", expected_version: order.version + 1 });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "order_changed" });
    expect((await orderOf(order.id)).status).toBe("open");
  });

  it("refuses to cancel what has shipped, naming the transition and the state", async () => {
    const { order } = await placeOrder(pk, [[berlin, 2], [lyon, 2]], 4, { pay: "captured" });
    const [first] = await fulfillmentsOf(order.id, 2);
    await admin().POST("/v1/fulfillments/{id}/pack", { ...path(first.id), body: { weight_grams: 500, length_cm: 20, width_cm: 10, height_cm: 5 } });
    const shipped = await admin().POST("/v1/fulfillments/{id}/ship", { ...path(first.id), body: { carrier: "dhl", service: "paket", tracking_number: "T1" } });
    expect(shipped.response.status).toBe(200);
    const whole = await cancel(order.id, { reason: "too late" });
    expect(whole.response.status).toBe(409);
    expect(whole.error).toMatchObject({ code: "invalid_transition", transition: "order_cancelled", from: { fulfillment_status: "partial" } });
    const line = (await orderOf(order.id)).lines[0];
    const tooMany = await cancel(order.id, { reason: "too late", lines: [{ line_id: line.id, quantity: 3 }] });
    expect(tooMany.response.status).toBe(409);
    expect(tooMany.error).toMatchObject({ code: "invalid_transition", transition: "lines_cancelled" });
    // The two units that have not shipped can go.
    const rest = await cancel(order.id, { reason: "rest not wanted", lines: [{ line_id: line.id, quantity: 2 }] });
    expect(rest.response.status).toBe(200);
    expect(rest.data).toMatchObject({ status: "open", payment_status: "partially_refunded", fulfillment_status: "fulfilled", total: 2000 });
  });
});

describe("cancelling part of lines", () => {
  it("takes units off the cells and the pending shipment, refunds their price, and keeps the rest shipping", async () => {
    // Exactly as much stock as ordered: the smaller hold cannot sit beside the old one, so it is swapped in place.
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 5, { pay: "captured", price: 700 });
    await fulfillmentsOf(order.id, 1);
    const line = order.lines[0];
    const res = await cancel(order.id, { reason: "two broke in stock", lines: [{ line_id: line.id, quantity: 2 }] });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ status: "open", payment_status: "partially_refunded", subtotal: 2100, total: 2100 });
    expect(res.data!.lines[0]).toMatchObject({ quantity: 5, cancelled_quantity: 2, total: 2100, allocations: [{ location_id: berlin, quantity: 3 }] });
    expect(res.data!.payments.map((p) => [p.kind, p.amount])).toEqual([["authorization", 3500], ["refund", 1400]]);
    expect(res.data!.events.at(-1)).toMatchObject({ type: "order.lines_cancelled", data: { total_before: 3500, total_after: 2100, refunded: 1400 } });
    expect(await cellOf(berlin, sku)).toMatchObject({ on_hand: 5, committed: 3, held: 0, available: 2 });
    expect(await fulfillmentsOf(order.id, 1)).toMatchObject([{ status: "pending", units: 3 }]);
  });

  it("reduces what an authorization is due for without refunding", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 10]], 4, { pay: "authorized" });
    const res = await cancel(order.id, { reason: "smaller order", lines: [{ line_id: order.lines[0].id, quantity: 1 }] });
    expect(res.data).toMatchObject({ payment_status: "authorized", total: 3000 });
    expect(res.data!.payments.map((p) => p.kind)).toEqual(["authorization"]);
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 3, available: 7 });
    const capture = await admin().POST("/v1/orders/{id}/capture", { ...path(order.id), body: { reference: "ch_1" } });
    expect(capture.data).toMatchObject({ payment_status: "paid" });
    expect(capture.data!.payments.at(-1)).toMatchObject({ kind: "capture", amount: 3000 });
  });

  it("answers 422 with the fields when more is cancelled than the line has left, or the line is unknown", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
    const line = order.lines[0];
    const res = await cancel(order.id, { reason: "x", lines: [{ line_id: line.id, quantity: 3 }, { line_id: "line_nope", quantity: 1 }] });
    expect(res.response.status).toBe(422);
    expect(res.error).toMatchObject({
      code: "cancel_exceeds_order",
      errors: [
        { field: "body.lines.0.quantity", message: "At most 2 unit(s) of this line are left to cancel" },
        { field: "body.lines.1.line_id", message: "No line of this order has this id" },
      ],
    });
    await cancel(order.id, { reason: "one", lines: [{ line_id: line.id, quantity: 1 }] });
    const over = await cancel(order.id, { reason: "two more", lines: [{ line_id: line.id, quantity: 2 }] });
    expect(over.response.status).toBe(422);
    expect(await cellOf(berlin, sku)).toMatchObject({ held: 1, available: 4 });
  });

  it("cancelling every unit left cancels the order", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 3]], 2);
    const line = order.lines[0];
    await cancel(order.id, { reason: "one", lines: [{ line_id: line.id, quantity: 1 }] });
    const res = await cancel(order.id, { reason: "the other", lines: [{ line_id: line.id, quantity: 1 }] });
    expect(res.data).toMatchObject({ status: "cancelled", payment_status: "voided", total: 0 });
    expect(res.data!.lines[0]).toMatchObject({ cancelled_quantity: 2 });
    expect(await cellOf(berlin, sku)).toMatchObject({ held: 0, available: 3 });
  });
});
