// Cancelling a shipment before it leaves gives its stock back; after it left, it is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { cell, ledgerOps, makeWorld, moves, orderOf, paidSplitOrder, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

describe("cancelling a fulfillment", () => {
  it("releases its committed stock to the cell, and the order stays open and unfulfilled", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    const before = await cell(w.lyon, sku);
    expect(before).toMatchObject({ on_hand: 2, committed: 2, available: 0 });
    const res = await moves().cancel(ids.lyon, "damaged stock");
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ status: "cancelled" });
    expect(await cell(w.lyon, sku)).toMatchObject({ on_hand: 2, committed: 0, available: 2 });
    expect(await ledgerOps(w.lyon, sku)).toContain("release");
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: "open", fulfillment_status: "unfulfilled" });
    expect(after.events.find((e) => e.type === "fulfillment.cancelled")?.data).toMatchObject({ fulfillment_id: ids.lyon, reason: "damaged stock" });

    // Cancelled again, or moved on: refused, and the stock is not given back twice.
    expect((await moves().cancel(ids.lyon)).error).toMatchObject({ code: "invalid_transition", from: "cancelled", to: "cancelled" });
    expect((await moves().pack(ids.lyon)).response.status).toBe(409);
    expect((await ledgerOps(w.lyon, sku)).filter((op) => op === "release")).toHaveLength(1);
  });

  it("counts only live shipments: the other one shipped makes the order fulfilled", async () => {
    const { order, ids } = await paidSplitOrder(w);
    await moves().cancel(ids.lyon);
    await moves().pack(ids.berlin);
    await moves().ship(ids.berlin);
    expect((await orderOf(order.id)).fulfillment_status).toBe("fulfilled");
  });

  it("is refused once shipped, and the shipped units stay gone", async () => {
    const { sku, ids } = await paidSplitOrder(w);
    await moves().pack(ids.berlin);
    await moves().ship(ids.berlin);
    const before = await cell(w.berlin, sku);
    const res = await moves().cancel(ids.berlin);
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "invalid_transition", from: "shipped", to: "cancelled" });
    expect(await cell(w.berlin, sku)).toEqual(before);
    expect(await ledgerOps(w.berlin, sku)).not.toContain("release");
  });
});
