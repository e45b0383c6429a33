// The fulfillment screens with pick lists: the batch preview in bin walk order, the walk with totes, picks confirmed
// (one not found: the order held, the cell to count) and the bench packing by barcode, all through the API.
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct } from "../helpers/fixtures";
import { moves, orderOf } from "../fulfillment/world";
import { loginAs, text } from "../dashboard/session";
import { ean13, paidOrder, path, stock } from "./world";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
});

describe("the pick list screens", () => {
  it("walk the bins with tote slots, confirm picks and a line not found, and pack by barcode", async () => {
    const [near, far] = await makeProduct([1000, 1000]);
    await stock(berlin, { [near]: 4, [far]: 4 });
    await admin().PUT("/v1/locations/{id}/bins/{sku}", { params: { path: { id: berlin, sku: far } }, body: { code: "Z-99", walk_order: 990 } });
    await admin().PUT("/v1/locations/{id}/bins/{sku}", { params: { path: { id: berlin, sku: near } }, body: { code: "A-01", walk_order: 10 } });
    const barcode = ean13();
    await admin().PUT("/v1/barcodes/{code}", { params: { path: { code: barcode } }, body: { sku: near } });
    const first = await paidOrder([{ sku: far, quantity: 1 }, { sku: near, quantity: 1 }]);
    const second = await paidOrder([{ sku: far, quantity: 2 }]);
    const b = await loginAs("warehouse", { locations: [berlin] });
    const base = `/admin/fulfillment/${berlin}`;

    const preview = text((await b.get(`${base}/pick-list?ids=${first.fulfillmentId}&ids=${second.fulfillmentId}`)).html);
    expect(preview).toContain("In bin walk order");
    expect(preview.indexOf(`A-01 ${near}`)).toBeGreaterThan(-1);
    expect(preview.indexOf(`A-01 ${near}`)).toBeLessThan(preview.indexOf(`Z-99 ${far}`));

    const started = await b.post(`${base}/pick-list/start`, { ids: [first.fulfillmentId, second.fulfillmentId] });
    expect(started.location).toMatch(new RegExp(`^${base}/pick-lists/pick_`));
    const walk = await b.follow(started);
    const seen = text(walk.html);
    expect(seen).toContain("Picking started for 2 of 2 shipments.");
    expect(seen).toContain(`Tote 1: ${first.fulfillmentId}`);
    expect(seen).toContain(`Tote 2: ${second.fulfillmentId}`);
    expect(seen).toMatch(new RegExp(`A-01 ${near} .*Tote 1.*Z-99 ${far} .*Tote 1.*Z-99 ${far} .*Tote 2`));
    expect((await moves().get(first.fulfillmentId)).data!.status).toBe("picking");

    const listId = started.location!.split("/").pop()!;
    const lines = (await admin().GET("/v1/pick-lists/{id}", path(listId))).data!.lines;
    const confirm = async (lineId: string, outcome: string, quantity = "1") =>
      text((await b.follow(await b.post(`${base}/pick-lists/${listId}/picks`, { fulfillment_line_id: lineId, outcome, quantity }))).html);
    expect(await confirm(lines[0].fulfillment_line_id, "picked")).toContain(`1 × ${near} into tote 1.`);
    expect(await confirm(lines[1].fulfillment_line_id, "picked")).toContain(`1 × ${far} into tote 1.`);
    const notFound = await confirm(lines[2].fulfillment_line_id, "not_found", "2");
    expect(notFound).toContain(`Short: 0 × ${far} into tote 2, 2 not found. The order is on hold (short_pick); the bin is to be counted.`);
    expect(notFound).toContain("every line confirmed");
    expect((await orderOf(second.order.id)).status).toBe("on_hold");
    const tasks = await admin().GET("/v1/count-tasks", { params: { query: { location_id: berlin, status: "open" } } });
    expect(tasks.data!.data).toMatchObject([{ sku: far, reason: "short_pick" }]);

    // The bench takes the barcode for its SKU.
    const bench = `${base}/pack/${first.fulfillmentId}`;
    expect(text((await b.get(bench)).html)).toContain("Scan a barcode or SKU");
    expect(text((await b.follow(await b.post(`${bench}/scan`, { code: barcode }))).html)).toContain(`${near}: 1 of 1 scanned.`);
  });
});
