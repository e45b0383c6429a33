// The inventory screens: levels with their filters, a cell's ledger, and receive / adjust / count through the API.
import { beforeAll, describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { loginAs, text } from "./session";

let berlin: string;
let lyon: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin");
  lyon = await makeLocation("lyon");
});

const levelOf = async (sku: string, loc: string) => {
  const { data } = await admin().GET("/v1/inventory/levels", { params: { query: { sku, location_id: loc } } });
  return data!.data[0];
};
const safety = (sku: string, loc: string, safety_stock: number) =>
  admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: loc, sku } }, body: { safety_stock } });

describe("the inventory list", () => {
  it("shows every SKU at every location with its figures, and filters by location and low stock", async () => {
    const [low, plenty] = await makeProduct([1000, 1000]);
    await receive(low, berlin, 3);
    await receive(plenty, berlin, 50);
    await receive(low, lyon, 7);
    await safety(low, berlin, 2);
    await safety(plenty, berlin, 2);
    const b = await loginAs("manager");

    const all = text((await b.get("/admin/inventory")).html);
    // SKU, location, on hand, held, committed, available, safety stock, damaged
    expect(all).toContain(`${low} Berlin warehouse`);
    expect(all).toMatch(new RegExp(`${low} Berlin warehouse \\(\\S+\\) 3 0 0 1 low 2 0`));
    expect(all).toMatch(new RegExp(`${low} Lyon warehouse \\(\\S+\\) 7 0 0 7 0 0`));
    expect(all).toMatch(new RegExp(`${plenty} Berlin warehouse \\(\\S+\\) 50 0 0 48 2 0`));

    const atBerlin = text((await b.get(`/admin/inventory?location_id=${berlin}`)).html);
    expect(atBerlin).toContain(low);
    expect(atBerlin).not.toMatch(new RegExp(`${low} Lyon warehouse`));

    const lowOnly = text((await b.get(`/admin/inventory?location_id=${berlin}&low=1`)).html);
    expect(lowOnly).toContain(low);
    expect(lowOnly).not.toContain(plenty);

    const underFifty = text((await b.get(`/admin/inventory?location_id=${berlin}&threshold=48`)).html);
    expect(underFifty).toContain(low);
    expect(underFifty).toContain(plenty);
    expect(text((await b.get(`/admin/inventory?location_id=${berlin}&threshold=0`)).html)).not.toContain(low);
  });
});

describe("a cell's page", () => {
  it("receives, adjusts and counts through the movements API, and lists them in the ledger", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const b = await loginAs("warehouse", { locations: [berlin] });
    const cell = `/admin/inventory/${berlin}/${sku}`;
    const moveTo = `${cell}/movements`;

    const received = await b.follow(await b.post(moveTo, { kind: "receive", quantity: "3", reason: "purchase_order", note: "PO 77" }));
    expect(text(received.html)).toContain("Received: on hand 8, available 8.");
    expect((await levelOf(sku, berlin)).available).toBe(8);

    const adjusted = await b.follow(await b.post(moveTo, { kind: "adjust", quantity: "-2", reason: "damaged" }));
    expect(text(adjusted.html)).toContain("Adjusted: on hand 6, available 6.");
    const counted = await b.follow(await b.post(moveTo, { kind: "count", quantity: "4", reason: "cycle_count" }));
    expect(text(counted.html)).toContain("Count recorded: on hand 4, available 4.");
    expect((await levelOf(sku, berlin)).on_hand).toBe(4);

    const refused = await b.follow(await b.post(moveTo, { kind: "adjust", quantity: "-50", reason: "lost" }));
    expect(text(refused.html)).toContain("On-hand would drop below zero (on hand: 4).");
    const noReason = await b.follow(await b.post(moveTo, { kind: "receive", quantity: "1", reason: "other" }));
    expect(text(noReason.html)).toContain("note: Say why when the reason is other");

    const page = text((await b.get(cell)).html);
    expect(page).toMatch(/receive purchase_order: PO 77 \S+ \+3 0 0 0 8/);
    expect(page).toMatch(/adjust damaged \S+ -2 0 0 0 6/);
    expect(page).toMatch(/count cycle_count \S+ -2 0 0 0 4/);
  });

  it("pages the ledger, 50 entries at a time", async () => {
    const [sku] = await makeProduct([1000]);
    for (let i = 0; i < 51; i++) await receive(sku, lyon, 1);
    const b = await loginAs("manager");
    const first = await b.get(`/admin/inventory/${lyon}/${sku}`);
    expect(text(first.html)).toMatch(/ 50 \S+ \S+ receive purchase_order \S+ \+1 0 0 0 50 Next page/);
    expect(text(first.html)).not.toContain("+1 0 0 0 51");
    const next = first.html.match(/href="([^"]+)" rel="next"/)![1].replaceAll("&amp;", "&");
    const second = text((await b.get(next)).html);
    expect(second).toMatch(/ 51 \S+ \S+ receive purchase_order \S+ \+1 0 0 0 51/);
    expect(second).not.toContain("Next page");
  });
});

describe("who may move stock where", () => {
  it("lets support read a cell but not adjust it: no forms, and the API's 403 when posted anyway", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const b = await loginAs("support");
    const cell = await b.get(`/admin/inventory/${berlin}/${sku}`);
    expect(cell.status).toBe(200);
    expect(text(cell.html)).toContain("5 On hand");
    expect(cell.html).not.toContain("Adjust on hand");
    const refused = await b.follow(await b.post(`/admin/inventory/${berlin}/${sku}/movements`, { kind: "adjust", quantity: "-1", reason: "lost" }));
    expect(text(refused.html)).toContain("This route needs the `inventory:write` scope.");
    expect((await levelOf(sku, berlin)).on_hand).toBe(5);
  });

  it("keeps a warehouse user of Berlin out of Lyon's stock", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    await receive(sku, lyon, 5);
    const b = await loginAs("warehouse", { locations: [berlin] });
    const list = await b.get("/admin/inventory");
    expect(list.status).toBe(200);
    expect(text(list.html)).toContain(`${sku} Berlin warehouse`);
    expect(text(list.html)).not.toContain("Lyon warehouse");
    expect((await b.get(`/admin/inventory?location_id=${lyon}`)).status).toBe(403);
    expect((await b.get(`/admin/inventory/${lyon}/${sku}`)).status).toBe(403);
    expect((await b.post(`/admin/inventory/${lyon}/${sku}/movements`, { kind: "receive", quantity: "10", reason: "purchase_order" })).status).toBe(403);
    expect((await levelOf(sku, lyon)).on_hand).toBe(5);
  });
});
