// Order accuracy and inventory accuracy computed from known events (issue 12 §6), through the rollup the cron runs.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rollupAccuracy } from "../../src/accuracy/rollup";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { moves } from "../fulfillment/world";
import { ean13, paidOrder, path } from "../picking/world";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
});

const today = () => new Date().toISOString().slice(0, 10);
const accuracy = async () => (await admin().GET("/v1/analytics/accuracy", { params: { query: { from: today(), to: today(), location_id: berlin } } })).data!;

describe("order accuracy", () => {
  it("is the shipments shipped without a refused scan and not returned for a wrong item, over all shipped", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 10);
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await paidOrder([{ sku, quantity: 1 }]));
    // One packer first scans something that is not in the parcel.
    const wrong = await admin().POST("/v1/fulfillments/{id}/scans", { ...path(orders[0].fulfillmentId), body: { code: ean13() } });
    expect(wrong.data!.scan).toMatchObject({ outcome: "wrong_item" });
    for (const o of orders) {
      expect((await admin().POST("/v1/fulfillments/{id}/scans", { ...path(o.fulfillmentId), body: { code: sku } })).data!.scan.outcome).toBe("packed");
      expect((await moves().pack(o.fulfillmentId)).response.status).toBe(200);
      expect((await moves().ship(o.fulfillmentId, { carrier: "dhl", service: "paket", tracking_number: `JD${Math.random().toString(36).slice(2, 8)}` })).response.status).toBe(200);
    }
    await rollupAccuracy(env);
    expect((await accuracy()).order_accuracy).toEqual([{ day: today(), shipped: 4, wrong_scans: 1, returned_wrong: 0, accurate: 3, rate: 0.75 }]);

    // Another shipment comes back: the customer got the wrong item.
    await moves().deliver(orders[1].fulfillmentId);
    const ret = await admin().POST("/v1/orders/{id}/returns", {
      ...path(orders[1].order.id),
      body: { lines: [{ order_line_id: orders[1].order.lines[0].id, quantity: 1, reason: "wrong_item" }], override_policy: true },
    });
    expect(ret.response.status, JSON.stringify(ret.error)).toBe(201);
    await rollupAccuracy(env);
    expect((await accuracy()).order_accuracy).toEqual([{ day: today(), shipped: 4, wrong_scans: 1, returned_wrong: 1, accurate: 2, rate: 0.5 }]);
    // Nothing new: the next run writes nothing.
    expect((await rollupAccuracy(env)).changes).toBe(0);
  });
});

describe("inventory accuracy", () => {
  it("is 1 − Σ|variance| / Σ counted units of the day's counts", async () => {
    const [a, b] = await makeProduct([1000, 1000]);
    await receive(a, berlin, 11);
    await receive(b, berlin, 10);
    const count = (sku: string, quantity: number) =>
      admin().POST("/v1/inventory/movements", { params: { header: { "idempotency-key": key("count") } }, body: { sku, location_id: berlin, kind: "count", quantity, reason: "cycle_count" } });
    expect((await count(a, 10)).data!.entry.on_hand_delta).toBe(-1);
    expect((await count(b, 10)).data!.entry.on_hand_delta).toBe(0);
    await rollupAccuracy(env);
    expect((await accuracy()).inventory_accuracy).toEqual([{ day: today(), location_id: berlin, counts: 2, counted_units: 20, variance_units: 1, rate: 0.95 }]);
  });
});
