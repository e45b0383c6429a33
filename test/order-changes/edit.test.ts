// Editing an open order: stock reserved all or nothing, totals and money follow, one timeline event, shipments follow.
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { cellOf, fulfillmentsOf, orderOf, path, placeOrder } from "./world";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

type Change =
  | { type: "set_quantity"; line_id: string; quantity: number }
  | { type: "add_line"; sku: string; quantity: number }
  | { type: "remove_line"; line_id: string };
const edit = (id: string, body: { expected_version: number; changes?: Change[]; shipping_address?: ReturnType<typeof shipTo>; reason?: string }) =>
  admin().POST("/v1/orders/{id}/edit", { ...path(id), body });

describe("editing an order", () => {
  it("raises a quantity, adds a line and moves the address in one change, reserving the new units", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2, { pay: "authorized" });
    const [extra] = await makeProduct([250]);
    await receive(extra, berlin, 3);
    const res = await edit(order.id, {
      expected_version: order.version,
      changes: [
        { type: "set_quantity", line_id: order.lines[0].id, quantity: 4 },
        { type: "add_line", sku: extra, quantity: 2 },
      ],
      shipping_address: { ...shipTo("munich"), name: "Ada at work" },
    });
    expect(res.error).toBeUndefined();
    expect(res.data).toMatchObject({ status: "open", payment_status: "authorized", subtotal: 4500, total: 4500, version: order.version + 1 });
    expect(res.data!.shipping_address).toMatchObject({ name: "Ada at work", city: "Munich" });
    expect(res.data!.lines.map((l) => [l.sku, l.quantity, l.total])).toEqual([[sku, 4, 4000], [extra, 2, 500]]);
    const edited = res.data!.events.filter((e) => e.type === "order.edited");
    expect(edited).toHaveLength(1);
    expect(edited[0].data).toMatchObject({ total_before: 2000, total_after: 4500, amount_due: 2500, refunded: 0, shipping_address_changed: true });
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 4, available: 1 });
    expect(await cellOf(berlin, extra)).toMatchObject({ committed: 2, available: 1 });
  });

  it("leaves the order untouched when the added units are not in stock", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 3]], 2, { pay: "authorized" });
    const [scarce] = await makeProduct([100]);
    await receive(scarce, berlin, 1);
    const res = await edit(order.id, {
      expected_version: order.version,
      changes: [
        { type: "add_line", sku: scarce, quantity: 1 },
        { type: "set_quantity", line_id: order.lines[0].id, quantity: 4 },
      ],
    });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "insufficient_stock", shortages: [expect.objectContaining({ sku, requested: 2 })] });
    expect(await orderOf(order.id)).toMatchObject({ version: order.version, total: 2000 });
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 2, held: 0, available: 1 });
    expect(await cellOf(berlin, scarce)).toMatchObject({ committed: 0, held: 0, available: 1 });
  });

  it("lowers a paid order: refunds the difference, gives the units back, and the pending shipment follows", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 6]], 4, { pay: "captured" });
    await fulfillmentsOf(order.id, 1);
    const current = await orderOf(order.id);
    const res = await edit(order.id, { expected_version: current.version, changes: [{ type: "set_quantity", line_id: order.lines[0].id, quantity: 1 }], reason: "shopper changed mind" });
    expect(res.error).toBeUndefined();
    expect(res.data).toMatchObject({ payment_status: "partially_refunded", total: 1000 });
    expect(res.data!.payments.map((p) => [p.kind, p.amount])).toEqual([["authorization", 4000], ["refund", 3000]]);
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 1, available: 5 });
    expect(await fulfillmentsOf(order.id, 1)).toMatchObject([{ status: "pending", units: 1 }]);
  });

  it("removes a line; refuses unknown lines, stale versions, and orders with a packed shipment", async () => {
    const { order } = await placeOrder(pk, [[berlin, 5]], 2, { pay: "captured" });
    const [other] = await makeProduct([300]);
    await receive(other, berlin, 5);
    const added = await edit(order.id, { expected_version: (await orderOf(order.id)).version, changes: [{ type: "add_line", sku: other, quantity: 1 }] });
    expect(added.error).toBeUndefined();
    const removed = await edit(order.id, { expected_version: added.data!.version, changes: [{ type: "remove_line", line_id: added.data!.lines[1].id }] });
    expect(removed.data!.lines[1]).toMatchObject({ sku: other, quantity: 1, cancelled_quantity: 1, total: 0 });
    expect(await cellOf(berlin, other)).toMatchObject({ committed: 0, available: 5 });

    const unknown = await edit(order.id, { expected_version: removed.data!.version, changes: [{ type: "set_quantity", line_id: "line_x", quantity: 1 }] });
    expect(unknown.response.status).toBe(422);
    expect(unknown.error).toMatchObject({ code: "edit_not_possible", errors: [{ field: "body.changes.0.line_id" }] });
    const stale = await edit(order.id, { expected_version: added.data!.version, changes: [{ type: "set_quantity", line_id: order.lines[0].id, quantity: 1 }] });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ code: "order_changed" });

    const [f] = await fulfillmentsOf(order.id, 1);
    await admin().POST("/v1/fulfillments/{id}/pack", { ...path(f.id), body: { weight_grams: 500, length_cm: 20, width_cm: 10, height_cm: 5 } });
    const packed = await edit(order.id, { expected_version: (await orderOf(order.id)).version, changes: [{ type: "set_quantity", line_id: order.lines[0].id, quantity: 1 }] });
    expect(packed.response.status).toBe(409);
    expect(packed.error).toMatchObject({ code: "invalid_transition", transition: "order_edited" });
  });
});
