// A ready pickup nobody collects is cancelled and restocked by the cron, once however often it runs; the wait is the
// merchant's setting. A store that ships works its parcels in the same queue and pick lists as a warehouse.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { expireUncollected } from "../../src/pickup/expire";
import { admin, key } from "../helpers/client";
import { makeProduct, receive, shipTo } from "../helpers/fixtures";
import { loginAs, text } from "../dashboard/session";
import { bag, cell, makeStore, path, pickup, pickupOrder, wait } from "./world";


const DAY = 86_400_000;
let store: string;
beforeAll(async () => {
  store = await makeStore();
});

describe("an uncollected pickup", () => {
  it("waits the store's days, then is cancelled and restocked once by the cron run twice", async () => {
    const set = await admin().PUT("/v1/pickup/settings", { body: { location_id: store, hold_days: 3 } });
    expect(set.response.status).toBe(200);
    expect(set.data!.locations).toContainEqual({ location_id: store, hold_days: 3 });
    expect((await admin().PUT("/v1/pickup/settings", { body: { hold_days: 10 } })).data).toMatchObject({ default_hold_days: 10 });
    expect((await admin().GET("/v1/pickup/settings")).data).toMatchObject({ default_hold_days: 10, locations: [{ location_id: store, hold_days: 3 }] });
    expect((await admin().PUT("/v1/pickup/settings", { body: { location_id: "loc_nope", hold_days: 3 } })).response.status).toBe(404);

    const { order, sku, id } = await pickupOrder(store, 6, 2);
    await pickup.accept(id);
    const ready = (await pickup.ready(id, bag)).data!;
    expect(ready.collect_by! - ready.ready_at!).toBe(3 * DAY);
    expect(await cell(store, sku)).toMatchObject({ on_hand: 6, available: 4, committed: 2 });

    // Two days on: still waiting.
    expect(await expireUncollected(env, ready.ready_at! + 2 * DAY)).toMatchObject({ expired: 0 });
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data).toMatchObject({ status: "open" });

    const later = ready.ready_at! + 4 * DAY;
    expect(await expireUncollected(env, later)).toEqual({ expired: 1, failed: 0 });
    expect(await expireUncollected(env, later)).toEqual({ expired: 0, failed: 0 });
    expect(await cell(store, sku)).toMatchObject({ on_hand: 6, available: 6, committed: 0, held: 0 });
    const after = (await admin().GET("/v1/orders/{id}", path(order.id))).data!;
    expect(after).toMatchObject({ status: "cancelled", payment_status: "refunded" });
    expect(after.cancel_reason ?? "").toMatch(/^not collected by \d{4}-\d{2}-\d{2}$/);
    expect((await admin().GET("/v1/fulfillments/{id}", path(id))).data).toMatchObject({ status: "cancelled" });
    // The code of an expired pickup hands nothing over.
    expect((await pickup.handover(id, "000000")).error).toMatchObject({ code: "pickup_not_ready" });
  });
});

describe("ship-from-store", () => {
  it("lists a store's parcels like a warehouse's: in the API, the dashboard queue and a pick list", async () => {
    const [sku] = await makeProduct([1200]);
    await receive(sku, store, 2);
    const res = await admin().POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key("sfs") } },
      body: { email: "s@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("munich"), payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 1200, captured: true } },
    });
    expect(res.response.status).toBe(201);
    const id = fulfillmentIdOf(res.data!.id, store);
    await vi.waitFor(async () => {
      const listed = await admin().GET("/v1/fulfillments", { params: { query: { location_id: store, status: "pending" } } });
      expect(listed.data!.data.map((f) => f.id)).toContain(id);
    }, wait);

    // Not a pickup: the pickup steps refuse it.
    expect((await pickup.accept(id)).error).toMatchObject({ code: "not_a_pickup" });

    const b = await loginAs("warehouse", { locations: [store] });
    const page = await b.get(`/admin/fulfillment/${store}?status=pending`);
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain(id);

    const list = await admin().POST("/v1/locations/{id}/pick-lists", { ...path(store), body: { mode: "single", fulfillment_ids: [id] } });
    expect(list.response.status).toBe(201);
    expect(list.data!.shipments.map((s) => s.fulfillment_id)).toEqual([id]);
    expect((await admin().GET("/v1/fulfillments/{id}", path(id))).data).toMatchObject({ status: "picking" });
  });
});
