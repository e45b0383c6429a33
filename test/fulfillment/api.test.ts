// Who may read and move fulfillments, how they are listed, and what bad input gets back.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, raw } from "../helpers/client";
import { makeWorld, moves, paidSplitOrder, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const keyWith = async (scopes: ("orders:read" | "orders:write" | "inventory:read")[]) =>
  (await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "ops", scopes } })).data!.key;

describe("fulfillment API", () => {
  it("gets one with its lines, and lists by order, status and location with a cursor", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    const one = await moves().get(ids.berlin);
    expect(one.data).toMatchObject({ id: ids.berlin, order_id: order.id, status: "pending", parcel: null, tracking_url: null });
    expect(one.data!.lines).toEqual([{ id: expect.any(String), order_line_id: order.lines[0].id, sku, quantity: 3 }]);

    await moves().picking(ids.lyon);
    const list = (query: Record<string, string | number>) => admin().GET("/v1/fulfillments", { params: { query } });
    expect((await list({ order_id: order.id })).data!.data.map((f) => f.id).sort()).toEqual([ids.berlin, ids.lyon].sort());
    expect((await list({ order_id: order.id, status: "picking" })).data!.data.map((f) => f.id)).toEqual([ids.lyon]);
    expect((await list({ order_id: order.id, location_id: w.berlin })).data!.data.map((f) => f.id)).toEqual([ids.berlin]);
    const first = await list({ order_id: order.id, limit: 1 });
    const second = await list({ order_id: order.id, limit: 1, cursor: first.data!.next_cursor! });
    expect([first.data!.data[0].id, second.data!.data[0].id].sort()).toEqual([ids.berlin, ids.lyon].sort());
    expect(second.data!.next_cursor).toBeNull();
  });

  it("answers 404 fulfillment_not_found", async () => {
    const res = await moves().get("ful_nope");
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "fulfillment_not_found" });
    expect((await moves().picking("ful_nope")).error).toMatchObject({ code: "fulfillment_not_found" });
  });

  it("reads with orders:read, moves only with orders:write", async () => {
    const { ids } = await paidSplitOrder(w);
    const reader = await keyWith(["orders:read"]);
    expect((await moves(reader).get(ids.berlin)).response.status).toBe(200);
    const refused = await moves(reader).picking(ids.berlin);
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ code: "insufficient_scope" });
    expect((await moves(await keyWith(["inventory:read"])).get(ids.berlin)).response.status).toBe(403);
    expect((await moves(w.pk).get(ids.berlin)).response.status).toBe(403);
    expect((await client().GET("/v1/fulfillments/{id}", { params: { path: { id: ids.berlin } } })).response.status).toBe(401);
    expect((await moves(await keyWith(["orders:write"])).picking(ids.berlin)).data).toMatchObject({ status: "picking" });
  });

  it("names the bad fields of a parcel or a shipment", async () => {
    const { ids } = await paidSplitOrder(w);
    const before = (await moves().get(ids.berlin)).data;
    const pack = await moves().pack(ids.berlin, { weight_grams: 70_001, length_cm: 0, width_cm: 1.5, height_cm: 10 });
    expect(pack.response.status).toBe(400);
    expect((pack.error as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(["body.length_cm", "body.weight_grams", "body.width_cm"]);
    const post = (path: string, body: unknown) =>
      raw(`/v1/fulfillments/${ids.berlin}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const extra = await (await post("pack", { weight_grams: 1, length_cm: 1, width_cm: 1, height_cm: 1, color: "red" })).json();
    expect(extra).toMatchObject({ code: "validation_failed", errors: [{ field: "body.color" }] });
    const ship = await post("ship", { carrier: "dhl", service: "x" });
    expect(ship.status).toBe(400);
    expect(await ship.json()).toMatchObject({ errors: [{ field: "body.tracking_number" }] });
    expect((await moves().get(ids.berlin)).data).toEqual(before);
  });
});
