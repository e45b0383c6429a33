// Backorders: lines sold beyond stock are marked, wait without a fulfillment, and are allocated when stock arrives,
// oldest order first; a later allocation ships in a fulfillment of its own.
import { beforeAll, describe, expect, it } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { backorderableSku, backordersOf, eventually, fulfillmentsOf, makeWorld, paidOrder, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const orderOf = async (id: string) => (await admin().GET("/v1/orders/{id}", { params: { path: { id } } })).data!;

describe("backorders", () => {
  it("go to the oldest order first when stock arrives for one of two", async () => {
    const sku = await backorderableSku(w.berlin);
    const older = await paidOrder(w, [{ sku, quantity: 2 }]);
    const younger = await paidOrder(w, [{ sku, quantity: 2 }]);
    for (const o of [older, younger]) expect(o.lines[0]).toMatchObject({ supply: "backorder", available_on: null });
    expect((await backordersOf({ sku })).map((b) => [b.order_id, b.state, b.short])).toEqual([
      [older.id, "waiting", 2],
      [younger.id, "waiting", 2],
    ]);

    await receive(sku, w.berlin, 2);
    await eventually(async () => expect(await fulfillmentsOf(older.id)).toHaveLength(1));
    expect(await fulfillmentsOf(older.id)).toEqual([{ id: fulfillmentIdOf(older.id, w.berlin), units: 2 }]);
    expect((await backordersOf({ sku })).map((b) => [b.order_id, b.state])).toEqual([
      [older.id, "allocated"],
      [younger.id, "waiting"],
    ]);
    expect(await fulfillmentsOf(younger.id)).toEqual([]);
    expect((await orderOf(older.id)).events.find((e) => e.type === "backorder.allocated")?.data).toMatchObject({ sku, quantity: 2 });

    await receive(sku, w.berlin, 2);
    await eventually(async () => expect(await fulfillmentsOf(younger.id)).toHaveLength(1));
  });

  it("hold back the order's parcel at their location until they are on hand; other locations ship at once", async () => {
    const lyon = await makeLocation("lyon", { priority: 200 });
    const [inStock, short, elsewhere] = [await backorderableSku(w.berlin), await backorderableSku(w.berlin), await makeProduct([1000]).then(([s]) => s)];
    await receive(inStock, w.berlin, 5);
    await receive(short, w.berlin, 1); // one of the three is on hand: the hold waits whole
    await receive(elsewhere, lyon, 1);
    const order = await paidOrder(w, [
      { sku: inStock, quantity: 1 },
      { sku: short, quantity: 3 },
      { sku: elsewhere, quantity: 1 },
    ]);
    expect(order.lines.map((l) => l.supply)).toEqual(["stock", "backorder", "stock"]);
    await eventually(async () => expect(await fulfillmentsOf(order.id)).toEqual([{ id: fulfillmentIdOf(order.id, lyon), units: 1 }]));

    await receive(short, w.berlin, 1);
    // Still one short: a run of the allocation (as the arrival started) covers nothing.
    const none = await admin().POST("/v1/backorders/allocate", { body: { sku: short, location_id: w.berlin } });
    expect(none.data).toEqual({ allocated: [], next_release: null });

    await receive(short, w.berlin, 1);
    await eventually(async () => expect(await fulfillmentsOf(order.id)).toHaveLength(2));
    expect(await fulfillmentsOf(order.id)).toContainEqual({ id: fulfillmentIdOf(order.id, w.berlin), units: 4 });
  });

  it("are refused beyond the backorder limit", async () => {
    const sku = await backorderableSku(w.berlin, 1000, 2);
    await paidOrder(w, [{ sku, quantity: 2 }]);
    const { client, key } = await import("../helpers/client");
    const res = await client(w.pk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: { email: "x@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: { name: "A", line1: "B", city: "Berlin", postal_code: "1", country: "DE" } },
    });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "insufficient_stock" });
  });
});
