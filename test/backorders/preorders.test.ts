// Preorders: a variant on preorder sells beyond stock as preorders dated by the release; stock that arrives before
// the release date waits for it; once the date has come (here: the merchant moves it), the order is allocated.
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { receive } from "../helpers/fixtures";
import { backorderableSku, backordersOf, eventually, fulfillmentsOf, makeWorld, paidOrder, variantId, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const DAY = 86_400_000;

describe("preorders", () => {
  it("are not allocated before the release date even with stock on hand, and are after it", async () => {
    const sku = await backorderableSku(w.berlin);
    const id = await variantId(sku);
    const release = Date.now() + 7 * DAY;
    const set = await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { preorder: { release_at: release } } });
    expect(set.data!.preorder).toEqual({ release_at: release });

    const order = await paidOrder(w, [{ sku, quantity: 2 }]);
    expect(order.lines[0]).toMatchObject({ supply: "preorder", available_on: release });

    // Stock arrives a week early: nothing is allocated; the cell looks again at the release date.
    await receive(sku, w.berlin, 10);
    const early = await admin().POST("/v1/backorders/allocate", { body: { sku, location_id: w.berlin } });
    expect(early.data).toEqual({ allocated: [], next_release: release });
    expect(await fulfillmentsOf(order.id)).toEqual([]);
    expect((await backordersOf({ order_id: order.id }))[0]).toMatchObject({ state: "waiting", supply: "preorder", available_on: release });

    // The release is brought forward to yesterday: the preorder is due, and the stock is there.
    const released = Date.now() - DAY;
    await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { preorder: { release_at: released } } });
    await eventually(async () => expect(await fulfillmentsOf(order.id)).toEqual([expect.objectContaining({ units: 2 })]));
    const line = (await admin().GET("/v1/orders/{id}", { params: { path: { id: order.id } } })).data!.lines[0];
    expect(line).toMatchObject({ supply: "preorder", available_on: released });
    expect((await backordersOf({ order_id: order.id }))[0].state).toBe("allocated");
  });

  it("sell from stock while there is stock, and as backorders once the release date has passed", async () => {
    const sku = await backorderableSku(w.berlin);
    const id = await variantId(sku);
    await receive(sku, w.berlin, 1);
    await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { preorder: { release_at: Date.now() + DAY } } });
    expect((await paidOrder(w, [{ sku, quantity: 1 }])).lines[0].supply).toBe("stock");
    await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { preorder: { release_at: Date.now() - 1 } } });
    expect((await paidOrder(w, [{ sku, quantity: 1 }])).lines[0]).toMatchObject({ supply: "backorder", available_on: null });
    const off = await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { preorder: null } });
    expect(off.data!.preorder).toBeNull();
  });
});
