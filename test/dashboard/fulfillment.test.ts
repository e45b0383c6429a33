// The fulfillment screens: the queue per state, a batch's pick list, and the packing bench from first scan to shipped.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, key, raw, checkedRaw } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { fulfillmentsOf } from "../order-changes/world";
import { labelled, moves } from "../fulfillment/world";
import { loginAs, text } from "./session";

let berlin: string;
let lyon: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
});

/** A paid order of `quantities[i]` units of a fresh SKU each, all stocked only at `loc`; its one shipment, labelled. */
async function shipmentAt(loc: string, quantities: number[]) {
  const skus = await makeProduct(quantities.map(() => 1000));
  for (const [i, sku] of skus.entries()) await receive(sku, loc, quantities[i]);
  const amount = quantities.reduce((a, q) => a + q * 1000, 0);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: "pack@example.com",
      currency: "EUR",
      lines: skus.map((sku, i) => ({ sku, quantity: quantities[i] })),
      shipping_address: shipTo("berlin"),
      payment: { provider: "test", reference: `tp_${Math.random().toString(36).slice(2)}`, amount, captured: true },
    },
  });
  expect(res.response.status).toBe(201);
  const [f] = await fulfillmentsOf(res.data!.id, 1);
  expect(f.location_id).toBe(loc);
  await labelled(f.id);
  return { id: f.id, skus };
}

const statusOf = async (id: string) => (await moves().get(id)).data!;
const scansOf = async (id: string) =>
  Object.fromEntries(
    (await env.DB.prepare("SELECT outcome, COUNT(*) AS n FROM pack_scans WHERE fulfillment_id = ? GROUP BY outcome").bind(id).all<{ outcome: string; n: number }>()).results.map(
      (r) => [r.outcome, r.n],
    ),
  );

describe("the fulfillment queue", () => {
  it("lists a location's shipments under the tab of their state, as a live region", async () => {
    const waiting = await shipmentAt(berlin, [1]);
    const started = await shipmentAt(berlin, [1]);
    expect((await moves().picking(started.id)).response.status).toBe(200);
    const b = await loginAs("manager");

    const pick = await b.get("/admin/fulfillment");
    expect(pick.status).toBe(200);
    expect(text(pick.html)).toContain("Berlin warehouse");
    expect(text(pick.html)).toContain("Lyon warehouse");

    const pending = await b.get(`/admin/fulfillment/${berlin}?status=pending`);
    expect(pending.status).toBe(200);
    expect(pending.html).toContain('data-refresh="10"');
    expect(text(pending.html)).toContain(waiting.id);
    expect(text(pending.html)).not.toContain(started.id);

    const picking = await b.get(`/admin/fulfillment/${berlin}?status=picking`);
    expect(text(picking.html)).toContain(started.id);
    expect(text(picking.html)).not.toContain(waiting.id);
    expect(text((await b.get(`/admin/fulfillment/${berlin}?status=shipped`)).html)).toContain("No shipped shipments.");
  });

  it("draws a batch's pick list sorted by SKU with summed quantities, as a PDF too, and starts picking the batch", async () => {
    const one = await shipmentAt(berlin, [2, 1]);
    const two = await shipmentAt(berlin, [3]);
    const b = await loginAs("manager");
    const list = await b.get(`/admin/fulfillment/${berlin}/pick-list?ids=${two.id}&ids=${one.id}`);
    expect(list.status).toBe(200);
    const seen = text(list.html);
    expect(seen).toContain("Sorted by SKU: no bin or shelf field exists");
    const skus = [...one.skus, ...two.skus];
    const sorted = [...skus].sort();
    const positions = sorted.map((s) => seen.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(seen).toMatch(new RegExp(`${two.skus[0]} Variant 1 3 #1 × 3`));
    expect(seen).toMatch(new RegExp(`${one.skus[0]} Variant 1 2 #2 × 2`));

    const pdf = await b.get(`/admin/fulfillment/${berlin}/pick-list?ids=${two.id}&ids=${one.id}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.res.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.html.startsWith("%PDF-")).toBe(true);

    const started = await b.follow(await b.post(`/admin/fulfillment/${berlin}/pick-list/start`, { ids: [two.id, one.id] }));
    expect(text(started.html)).toContain("Picking started for 2 of 2 shipments.");
    expect((await statusOf(one.id)).status).toBe("picking");
    expect((await statusOf(two.id)).status).toBe("picking");
  });
});

describe("the packing bench", () => {
  it("refuses and counts a wrong item and a surplus unit, opens the parcel form once all is scanned, then packs and ships", async () => {
    const { id, skus } = await shipmentAt(berlin, [2]);
    const [sku] = skus;
    const b = await loginAs("warehouse", { locations: [berlin] });
    const bench = `/admin/fulfillment/${berlin}/pack/${id}`;

    const first = await b.get(bench);
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/<input[^>]*name="code"[^>]*autofocus[^>]*data-scan/);
    expect(first.html).toMatch(/<button type="submit" class="primary" disabled>Pack the parcel<\/button>/);

    const scan = async (code: string) => text((await b.follow(await b.post(`${bench}/scan`, { code }))).html);
    expect(await scan(sku)).toContain(`${sku}: 1 of 2 scanned.`);
    expect(await scan("NOT-IN-THIS-BOX")).toContain("Wrong item refused: NOT-IN-THIS-BOX is not in this shipment.");

    // Packing before every unit is in is refused, whatever the form said.
    const early = await b.follow(await b.post(`${bench}/pack`, { weight_grams: "900", length_cm: "30", width_cm: "20", height_cm: "10" }));
    expect(text(early.html)).toContain("Scan every unit of the shipment before packing the parcel.");
    expect((await statusOf(id)).status).toBe("pending");

    expect(await scan(sku.toLowerCase())).toContain(`${sku}: 2 of 2 scanned.`);
    const surplus = await scan(sku);
    expect(surplus).toContain(`Surplus unit refused: this shipment holds only 2 × ${sku}`);
    expect(surplus).toMatch(new RegExp(`${sku} 2 2 complete`));
    expect(surplus).toContain("Refused scans: 1 wrong item, 1 surplus unit.");
    expect(await scansOf(id)).toEqual({ packed: 2, wrong_item: 1, surplus: 1 });
    const tally = await (await checkedRaw(`/v1/fulfillments/${id}/scans`)).json<{ complete: boolean; wrong_items: number; surplus: number }>();
    expect(tally).toMatchObject({ complete: true, wrong_items: 1, surplus: 1 });
    // The scan route itself, through the typed client: a shipment nobody made is refused.
    const nowhere = await admin().POST("/v1/fulfillments/{id}/scans", { params: { path: { id: "ful_nope" } }, body: { code: sku } });
    expect(nowhere.response.status).toBe(404);
    expect(nowhere.error).toMatchObject({ code: "fulfillment_not_found" });

    const ready = await b.get(bench);
    expect(ready.html).toMatch(/<button type="submit" class="primary">Pack the parcel<\/button>/);
    const packed = await b.follow(await b.post(`${bench}/pack`, { weight_grams: "900", length_cm: "30", width_cm: "20", height_cm: "10" }));
    expect(text(packed.html)).toContain("Parcel packed.");
    const afterPack = await statusOf(id);
    expect(afterPack.status).toBe("packed");
    expect(afterPack.parcel).toEqual({ weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 });
    // A packed parcel takes no more scans.
    expect(await scan(sku)).toContain("A packed shipment takes no more scans");

    const shipped = await b.follow(await b.post(`${bench}/ship`, { carrier: afterPack.carrier!, service: afterPack.service!, tracking_number: "DASH-TRACK-1" }));
    expect(text(shipped.html)).toContain("tracking DASH-TRACK-1");
    const done = await statusOf(id);
    expect(done.status).toBe("shipped");
    expect(done.tracking_number).toBe("DASH-TRACK-1");
  });

  it("counts a scan submitted twice (same form) once", async () => {
    const { id, skus } = await shipmentAt(berlin, [2]);
    const b = await loginAs("manager");
    const scan = () => b.post(`/admin/fulfillment/${berlin}/pack/${id}/scan`, { code: skus[0], _idem: `twice-${id}` });
    await scan();
    const again = text((await b.follow(await scan())).html);
    expect(again).toContain(`${skus[0]}: 1 of 2 scanned.`);
    expect(await scansOf(id)).toEqual({ packed: 1 });
  });

  it("shows the API's refusal when a move is not allowed", async () => {
    const { id } = await shipmentAt(berlin, [1]);
    const b = await loginAs("manager");
    const refused = await b.follow(await b.post(`/admin/fulfillment/${berlin}/pack/${id}/ship`, { tracking_number: "EARLY-1" }));
    expect(text(refused.html)).toContain("A pending fulfillment cannot become shipped.");
    expect((await statusOf(id)).status).toBe("pending");
  });
});

describe("a warehouse user of Berlin", () => {
  it("sees only Berlin, gets a 403 page for Lyon's screens, and cannot post there", async () => {
    const atLyon = await shipmentAt(lyon, [1]);
    const b = await loginAs("warehouse", { locations: [berlin] });
    const picker = text((await b.get("/admin/fulfillment")).html);
    expect(picker).toContain("Berlin warehouse");
    expect(picker).not.toContain("Lyon warehouse");

    for (const path of [`/admin/fulfillment/${lyon}`, `/admin/fulfillment/${lyon}/pack/${atLyon.id}`, `/admin/fulfillment/${lyon}/pick-list?ids=${atLyon.id}`]) {
      const res = await b.get(path);
      expect(res.status).toBe(403);
      expect(text(res.html)).toContain("Not allowed");
    }
    // Lyon's shipment is not found through Berlin's pages either.
    expect((await b.get(`/admin/fulfillment/${berlin}/pack/${atLyon.id}`)).status).toBe(404);

    expect((await b.post(`/admin/fulfillment/${lyon}/pack/${atLyon.id}/scan`, { code: atLyon.skus[0] })).status).toBe(403);
    expect((await b.post(`/admin/fulfillment/${lyon}/pick-list/start`, { ids: atLyon.id })).status).toBe(403);
    expect((await b.post(`/admin/fulfillment/${berlin}/pick-list/start`, { ids: atLyon.id })).status).toBe(303);
    expect(await scansOf(atLyon.id)).toEqual({});
    expect((await statusOf(atLyon.id)).status).toBe("pending");
  });
});
