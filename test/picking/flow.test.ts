// A picker and a packer work a batch of three shipments through the API (issue 12 §4): bins and barcodes, a pick list
// in walk order with totes, one short pick (the order is held, the cell gets a count task), packing by barcode, ship.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct } from "../helpers/fixtures";
import { moves, orderOf } from "../fulfillment/world";
import { ean13, paidOrder, path, stock } from "./world";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
});

const scan = (fulfillmentId: string, code: string) => admin().POST("/v1/fulfillments/{id}/scans", { ...path(fulfillmentId), body: { code } });

describe("bins and barcodes", () => {
  it("keeps one bin per SKU and location, listed in walk order", async () => {
    const [a, b] = await makeProduct([1000, 1000]);
    const set = (sku: string, code: string, walk_order: number) =>
      admin().PUT("/v1/locations/{id}/bins/{sku}", { params: { path: { id: berlin, sku } }, body: { code, walk_order } });
    expect((await set(a, "C-09", 90)).response.status).toBe(200);
    expect((await set(b, "A-01", 10)).data).toMatchObject({ location_id: berlin, sku: b, code: "A-01", walk_order: 10 });
    // Moving a SKU rewrites its one bin.
    expect((await set(a, "B-02", 20)).data).toMatchObject({ code: "B-02", walk_order: 20 });
    const list = await admin().GET("/v1/locations/{id}/bins", { params: { path: { id: berlin }, query: {} } });
    expect(list.data!.data.filter((x) => x.sku === a || x.sku === b).map((x) => [x.sku, x.code])).toEqual([[b, "A-01"], [a, "B-02"]]);
    expect((await set("NO-SUCH-SKU", "A-02", 1)).response.status).toBe(422);
  });

  it("checks the GTIN's check digit and gives one barcode to one SKU only", async () => {
    const [a, b] = await makeProduct([1000, 1000]);
    const code = ean13();
    const put = (c: string, sku: string) => admin().PUT("/v1/barcodes/{code}", { params: { path: { code: c } }, body: { sku } });
    expect((await put(code, a)).data).toMatchObject({ code, sku: a, format: "ean13" });
    expect((await put(code, a)).response.status).toBe(200);
    const taken = await put(code, b);
    expect(taken.response.status).toBe(409);
    expect(taken.error).toMatchObject({ code: "barcode_taken", sku: a });
    const wrongDigit = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
    const bad = await put(wrongDigit, b);
    expect(bad.response.status).toBe(422);
    expect(bad.error).toMatchObject({ code: "invalid_barcode" });
    expect((await put("036000291452", b)).data).toMatchObject({ format: "upc_a" });
    expect((await put("96385074", b)).data).toMatchObject({ format: "ean8" });
    const listed = await admin().GET("/v1/barcodes", { params: { query: { sku: b } } });
    expect(listed.data!.data.map((x) => x.code)).toEqual(["036000291452", "96385074"]);
  });
});

describe("a batch of three shipments", () => {
  it("is picked in walk order into totes, one line short, packed by barcode and shipped", async () => {
    const [skuA, skuB, skuC] = await makeProduct([1000, 1000, 1000]);
    await stock(berlin, { [skuA]: 5, [skuB]: 5, [skuC]: 5 });
    await admin().PUT("/v1/locations/{id}/bins/{sku}", { params: { path: { id: berlin, sku: skuA } }, body: { code: "B-02", walk_order: 20 } });
    await admin().PUT("/v1/locations/{id}/bins/{sku}", { params: { path: { id: berlin, sku: skuB } }, body: { code: "A-01", walk_order: 10 } });
    const codes = { [skuA]: ean13(), [skuB]: ean13(), [skuC]: ean13() };
    for (const [sku, code] of Object.entries(codes)) expect((await admin().PUT("/v1/barcodes/{code}", { params: { path: { code } }, body: { sku } })).response.status).toBe(200);

    const one = await paidOrder([{ sku: skuA, quantity: 1 }, { sku: skuB, quantity: 2 }]);
    const two = await paidOrder([{ sku: skuB, quantity: 1 }], "express");
    const three = await paidOrder([{ sku: skuC, quantity: 1 }, { sku: skuA, quantity: 1 }]);
    const ours = [one, two, three].map((o) => o.fulfillmentId);

    // The picker asks for a batch of these: express first, then by ship-by.
    const made = await admin().POST("/v1/locations/{id}/pick-lists", {
      params: { path: { id: berlin }, header: { "idempotency-key": key("pick") } },
      body: { mode: "batch", max_shipments: 3, fulfillment_ids: ours },
    });
    expect(made.response.status, JSON.stringify(made.error)).toBe(201);
    const list = made.data!;
    expect(list.shipments.map((s) => [s.fulfillment_id, s.tote, s.status])).toEqual([
      [two.fulfillmentId, 1, "picking"],
      [one.fulfillmentId, 2, "picking"],
      [three.fulfillmentId, 3, "picking"],
    ]);
    // Bin A-01 first, then B-02, then the SKU without a bin.
    expect(list.lines.map((l) => [l.bin, l.sku, l.tote, l.quantity])).toEqual([
      ["A-01", skuB, 1, 1],
      ["A-01", skuB, 2, 2],
      ["B-02", skuA, 2, 1],
      ["B-02", skuA, 3, 1],
      [null, skuC, 3, 1],
    ]);

    // A second pick list finds none of them free.
    const again = await admin().POST("/v1/locations/{id}/pick-lists", { params: { path: { id: berlin } }, body: { fulfillment_ids: ours } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "nothing_to_pick" });

    const pick = (body: Record<string, unknown>) =>
      admin().POST("/v1/pick-lists/{id}/picks", { ...path(list.id), body: body as never });
    expect((await pick({ sku: skuB, tote: 1 })).data!.pick).toMatchObject({ outcome: "picked", picked: 1, short: 0, count_task_id: null, order_on_hold: false });
    // Tote 2 gets only one of its two units of skuB.
    const short = await pick({ sku: skuB, tote: 2, outcome: "short", quantity: 1 });
    expect(short.response.status, JSON.stringify(short.error)).toBe(201);
    expect(short.data!.pick).toMatchObject({ outcome: "short", picked: 1, short: 1, order_on_hold: true });
    expect(short.data!.pick.count_task_id).toBeTruthy();
    const held = await orderOf(one.order.id);
    expect(held.status).toBe("on_hold");
    expect(held.hold).toMatchObject({ kind: "manual" });
    expect(held.hold!.reason).toMatch(/^short_pick: 1 × /);
    // The same line twice is refused.
    expect((await pick({ sku: skuB, tote: 2, outcome: "picked", quantity: 2 })).error).toMatchObject({ code: "already_picked" });
    // A picked line holds all of its units.
    expect((await pick({ sku: skuA, tote: 2, quantity: 0 })).response.status).toBe(422);
    const lineA2 = list.lines.find((l) => l.sku === skuA && l.tote === 2)!;
    expect((await pick({ fulfillment_line_id: lineA2.fulfillment_line_id })).response.status).toBe(201);
    await pick({ sku: skuA, tote: 3 });
    const last = await pick({ sku: skuC, tote: 3 });
    expect(last.data!.pick_list).toMatchObject({ status: "done" });
    expect((await admin().GET("/v1/pick-lists/{id}", path(list.id))).data!.lines.map((l) => l.outcome)).toEqual(["picked", "short", "picked", "picked", "picked"]);

    // The cell to count.
    const tasks = await admin().GET("/v1/count-tasks", { params: { query: { location_id: berlin, sku: skuB } } });
    expect(tasks.data!.data).toMatchObject([{ id: short.data!.pick.count_task_id, reason: "short_pick", status: "open", counted: null }]);

    // The packer scans barcodes: a wrong item is refused and written down, the right ones go in.
    const wrong = await scan(two.fulfillmentId, codes[skuA]);
    expect(wrong.data!.scan).toMatchObject({ outcome: "wrong_item", accepted: false, sku: null });
    expect((await scan(two.fulfillmentId, codes[skuB])).data!.scan).toMatchObject({ outcome: "packed", sku: skuB });
    expect((await scan(two.fulfillmentId, codes[skuB])).data!.scan).toMatchObject({ outcome: "surplus", accepted: false });
    const tally = (await admin().GET("/v1/fulfillments/{id}/scans", path(two.fulfillmentId))).data!;
    expect(tally).toMatchObject({ complete: true, wrong_items: 1, surplus: 1 });
    const stored = await env.DB.prepare("SELECT code, outcome FROM pack_scans WHERE fulfillment_id = ? ORDER BY created_at, id").bind(two.fulfillmentId).all();
    expect(stored.results).toEqual([
      { code: codes[skuA], outcome: "wrong_item" },
      { code: codes[skuB], outcome: "packed" },
      { code: codes[skuB], outcome: "surplus" },
    ]);
    await scan(three.fulfillmentId, codes[skuC]);
    // A SKU typed by hand still counts.
    expect((await scan(three.fulfillmentId, skuA.toLowerCase())).data!.tally).toMatchObject({ complete: true });

    for (const f of [two.fulfillmentId, three.fulfillmentId]) {
      expect((await moves().pack(f)).response.status).toBe(200);
      expect((await moves().ship(f)).data).toMatchObject({ status: "shipped" });
    }
    // The short shipment packs, but nothing of its held order ships.
    expect((await moves().pack(one.fulfillmentId)).response.status).toBe(200);
    const refused = await moves().ship(one.fulfillmentId);
    expect(refused.response.status).toBe(409);

    // The count: 5 received and 1 shipped, so 4 expected; 3 found. It closes the task with its variance.
    const counted = await admin().POST("/v1/inventory/movements", {
      params: { header: { "idempotency-key": key("count") } },
      body: { sku: skuB, location_id: berlin, kind: "count", quantity: 3, reason: "cycle_count" },
    });
    expect(counted.response.status, JSON.stringify(counted.error)).toBe(201);
    const closed = await admin().GET("/v1/count-tasks", { params: { query: { location_id: berlin, sku: skuB } } });
    expect(closed.data!.data).toMatchObject([{ status: "done", counted: 3, variance: -1 }]);
    expect((await admin().GET("/v1/count-tasks", { params: { query: { status: "open", location_id: berlin } } })).data!.data).toEqual([]);
  });
});

describe("two pickers at once", () => {
  it("never get the same shipment", async () => {
    const munich = await makeLocation("munich", { priority: 0 });
    const [sku] = await makeProduct([1000]);
    await stock(munich, { [sku]: 10 });
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await paidOrder([{ sku, quantity: 1 }]));
    const ask = () => admin().POST("/v1/locations/{id}/pick-lists", { params: { path: { id: munich } }, body: { mode: "batch", max_shipments: 3 } });
    const [a, b] = await Promise.all([ask(), ask()]);
    expect([a.response.status, b.response.status]).toEqual([201, 201]);
    const claimed = [...a.data!.shipments, ...b.data!.shipments].map((s) => s.fulfillment_id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual(orders.map((o) => o.fulfillmentId).sort());
    expect([a.data!.shipments.length, b.data!.shipments.length].sort()).toEqual([1, 3]);
    // A single-order list of what is left: nothing.
    const none = await admin().POST("/v1/locations/{id}/pick-lists", { params: { path: { id: munich } }, body: { mode: "single" } });
    expect(none.error).toMatchObject({ code: "nothing_to_pick" });
  });
});
