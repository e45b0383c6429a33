// Stock out to channels, end to end: a sale changes a cell, the cell publishes, the SYNC queue tells the channels.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StockUpdateBody } from "../../src/stock-sync/adapter";
import { verify } from "../../src/webhooks/signature";
import { makeLocation, makeProduct, publishableKey, receive } from "../helpers/fixtures";
import { bodies, boxUrl, deactivateChannels, makeChannel, newBox, received, sell, setChannel, wait } from "./world";

let pk: string;
let berlin: string;
let lyon: string;
let munichPickup: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
  munichPickup = await makeLocation("munich", { kind: "store", can_ship: false, can_pickup: true });
});
afterEach(deactivateChannels);

const last = <T>(list: T[]) => list[list.length - 1];

describe("stock sync", () => {
  it("sends a signed update in our own shape when stock arrives", async () => {
    const [sku] = await makeProduct([1000]);
    const box = newBox("signed");
    const channel = await makeChannel({ url: boxUrl(box), mappings: [{ externalSku: `M-${sku}`, sku }] });
    await receive(sku, berlin, 12);

    await vi.waitFor(async () => expect(await received(box)).toHaveLength(1), wait);
    const [got] = await received(box);
    expect(await verify({ secret: channel.secret!, headers: got.headers, body: got.body })).toEqual({ ok: true });
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["webhook-id"]).toMatch(/^stu_/);
    expect(JSON.parse(got.body)).toEqual({ channel_id: channel.id, sku, external_sku: `M-${sku}`, available: 12, sequence: 1, at: expect.any(Number) });
  });

  it("coalesces a burst of 100 sales on one SKU into a few updates, in order, ending at the right figure", async () => {
    const [sku] = await makeProduct([1000]);
    const box = newBox("burst");
    await makeChannel({ url: boxUrl(box), mappings: [{ externalSku: sku, sku }] });
    await receive(sku, berlin, 500);
    await vi.waitFor(async () => expect(last(await bodies<StockUpdateBody>(box))?.available).toBe(500), wait);
    const before = (await received(box)).length;

    for (let wave = 0; wave < 10; wave++) await Promise.all(Array.from({ length: 10 }, () => sell(pk, sku)));

    await vi.waitFor(async () => expect(last(await bodies<StockUpdateBody>(box)).available).toBe(400), wait);
    const updates = (await bodies<StockUpdateBody>(box)).slice(before);
    console.log(`stock sync: 100 sales -> ${updates.length} updates`);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(20);
    // Arrival order is the order of the figures: sequences only grow, and stock only went down.
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i].sequence).toBeGreaterThan(updates[i - 1].sequence);
      expect(updates[i].available).toBeLessThanOrEqual(updates[i - 1].available);
    }
  });

  it("tells each channel the shipping locations' stock minus its own buffer", async () => {
    const [sku] = await makeProduct([1000]);
    const [plain, units, percent] = [newBox("plain"), newBox("units"), newBox("percent")];
    const mappings = [{ externalSku: sku, sku }];
    await makeChannel({ url: boxUrl(plain), mappings });
    await makeChannel({ url: boxUrl(units), bufferUnits: 7, mappings });
    await makeChannel({ url: boxUrl(percent), bufferPercent: 15, mappings });
    // 30 + 20 at the warehouses; the pickup-only store's 100 are not for channels.
    await receive(sku, berlin, 30);
    await receive(sku, lyon, 20);
    await receive(sku, munichPickup, 100);

    const figure = async (box: string) => last(await bodies<StockUpdateBody>(box))?.available;
    await vi.waitFor(async () => expect(await figure(plain)).toBe(50), wait);
    await vi.waitFor(async () => expect(await figure(units)).toBe(43), wait);
    // 85 % of 50 is 42.5: the channel sees 42.
    await vi.waitFor(async () => expect(await figure(percent)).toBe(42), wait);

    await sell(pk, sku, 45);
    await vi.waitFor(async () => expect(await figure(plain)).toBe(5), wait);
    await vi.waitFor(async () => expect(await figure(units)).toBe(0), wait);
    await vi.waitFor(async () => expect(await figure(percent)).toBe(4), wait);
  });

  it("sends Shopify the inventory_levels/set body with its access token, for mapped SKUs only", async () => {
    const [mapped, unmapped] = await makeProduct([1000, 1200]);
    const box = newBox("shopify");
    await makeChannel({
      kind: "shopify",
      url: boxUrl(box, 200),
      secret: "shpss_app_client_secret",
      credentials: { access_token: "shpat_0123456789abcdef", location_id: 655441491 },
      mappings: [{ externalSku: "SHOP-TEE", sku: mapped, inventoryId: "gid://shopify/InventoryItem/808950810" }],
    });
    await receive(unmapped, berlin, 4);
    await receive(mapped, berlin, 9);

    await vi.waitFor(async () => expect(await received(box)).toHaveLength(1), wait);
    const [got] = await received(box);
    expect(got.headers["x-shopify-access-token"]).toBe("shpat_0123456789abcdef");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got.body)).toEqual({ location_id: 655441491, inventory_item_id: 808950810, available: 9 });
  });

  it("lists every catalog SKU under our code at a channel without mappings, and tells inactive channels nothing", async () => {
    const [a, b] = await makeProduct([1000, 1000]);
    const [open, closed] = [newBox("catalog"), newBox("inactive")];
    await makeChannel({ url: boxUrl(open) });
    const off = await makeChannel({ url: boxUrl(closed), mappings: [{ externalSku: a, sku: a }] });
    await setChannel(off.id, { active: 0 });
    await receive(a, berlin, 3);
    await receive(b, lyon, 6);

    await vi.waitFor(async () => {
      const got = await bodies<StockUpdateBody>(open);
      expect(got.filter((u) => u.sku === a || u.sku === b).map((u) => [u.external_sku, u.available]).sort()).toEqual([[a, 3], [b, 6]].sort());
    }, wait);
    expect(await received(closed)).toEqual([]);
  });
});
