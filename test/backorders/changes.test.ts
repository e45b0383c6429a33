// Backorders and order changes: a backordered line that is partly cancelled or edited keeps its place in the queue
// and is allocated when stock arrives; units an edit adds beyond a cell's stock become backorders too.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { admin } from "../helpers/client";
import { receive } from "../helpers/fixtures";
import { backorderableSku, backordersOf, eventually, fulfillmentsOf, makeWorld, paidOrder, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const path = (id: string) => ({ params: { path: { id } } });
const versionOf = async (id: string) => (await admin().GET("/v1/orders/{id}", path(id))).data!.version;

describe("backorders through order changes", () => {
  it("a backordered line partly cancelled is still allocated when stock arrives, with what is left", async () => {
    const sku = await backorderableSku(w.berlin);
    const order = await paidOrder(w, [{ sku, quantity: 3 }]);
    const res = await admin().POST("/v1/orders/{id}/cancel", { ...path(order.id), body: { reason: "fewer", lines: [{ line_id: order.lines[0].id, quantity: 1 }] } });
    expect(res.response.status).toBe(200);
    // Before: the waiting row kept naming the replaced hold, which no allocation names, so it was never allocated.
    expect((await backordersOf({ order_id: order.id })).map((b) => [b.state, b.quantity])).toEqual([["waiting", 2]]);
    await receive(sku, w.berlin, 2);
    await eventually(async () => expect((await fulfillmentsOf(order.id)).map((f) => f.units)).toEqual([2]));
    expect((await auditStock(env as never, { sku })).discrepancies.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("units an edit adds beyond stock wait in the cell's queue and ship when they arrive", async () => {
    const sku = await backorderableSku(w.berlin);
    await receive(sku, w.berlin, 1);
    const order = await paidOrder(w, [{ sku, quantity: 1 }]);
    const edited = await admin().POST("/v1/orders/{id}/edit", {
      ...path(order.id),
      body: { expected_version: await versionOf(order.id), changes: [{ type: "add_line", sku, quantity: 2 }] },
    });
    expect(edited.response.status, JSON.stringify(edited.error)).toBe(200);
    expect(edited.data!.lines.at(-1)).toMatchObject({ supply: "backorder" });
    expect((await backordersOf({ order_id: order.id })).map((b) => [b.state, b.quantity])).toEqual([["waiting", 2]]);
    await receive(sku, w.berlin, 2);
    await eventually(async () => expect((await backordersOf({ order_id: order.id })).map((b) => b.state)).toEqual(["allocated"]));
  });
});
