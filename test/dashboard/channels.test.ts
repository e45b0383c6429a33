// The channels screens: each channel's state and failures, its deliveries by status with replay, its stock sync state.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { delivered, makeChannel, sendShopify, settled, shopifyOrder } from "../channels/helpers";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { boxUrl, newBox } from "../stock-sync/world";
import { loginAs, text } from "./session";

let berlin: string;
let shopify: string;
let failedId: string;
let processedId: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  shopify = await makeChannel("shopify");
  const skus = (await makeProduct([2500, 1990])) as [string, string];
  for (const sku of skus) await receive(sku, berlin, 10);
  processedId = (await delivered(await sendShopify(shopify, "orders/create", shopifyOrder(skus)))).id;
  const bad = await delivered(await sendShopify(shopify, "orders/create", { id: 1, line_items: "none" }));
  expect(bad.status).toBe("failed");
  failedId = bad.id;
});

describe("the channels screens", () => {
  it("lists each channel with its state and its failed deliveries", async () => {
    const b = await loginAs("manager");
    const page = await b.get("/admin/channels");
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-refresh="30"');
    const row = text(page.html.match(new RegExp(`<tr><td><a href="/admin/channels/${shopify}">[\\s\\S]*?</tr>`))![0]);
    expect(row).toMatch(/shopify shop .* shopify active 1 0 0 no inventory URL/);
    expect(page.html).toContain(`href="/admin/channels/${shopify}?status=failed"`);
  });

  it("shows the deliveries by status, and replays a failed one through the API", async () => {
    const b = await loginAs("owner");
    const all = await b.get(`/admin/channels/${shopify}`);
    expect(all.status).toBe(200);
    expect(all.html).toContain(`/admin/channels/${shopify}/events/${failedId}/replay`);
    // A processed delivery is not offered for replay (the API would refuse it).
    expect(all.html).not.toContain(`/admin/channels/${shopify}/events/${processedId}/replay`);

    const failed = await b.get(`/admin/channels/${shopify}?status=failed`);
    expect(text(failed.html)).toContain("Not a Shopify order:");
    expect(failed.html).not.toContain(`/events/${processedId}"`);

    const detail = await b.get(`/admin/channels/${shopify}/events/${failedId}`);
    expect(text(detail.html)).toContain('"line_items": "none"');

    const res = await b.post(`/admin/channels/${shopify}/events/${failedId}/replay`, { back: `/admin/channels/${shopify}?status=failed` });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/channels/${shopify}?status=failed`);
    expect(text((await b.follow(res)).html)).toContain("Delivery queued again");
    expect(await settled(failedId)).toMatchObject({ status: "failed", attempts: 2 });
    expect(text((await b.get(`/admin/channels/${shopify}?status=failed`)).html)).toMatch(/Not a Shopify order: [^]* 2 Replay/);
  });

  it("shows the stock sync state, and the API's refusal of a reconcile without an inventory URL", async () => {
    const b = await loginAs("manager");
    const page = await b.get(`/admin/channels/${shopify}?stock=out_of_sync`);
    expect(text(page.html)).toContain("No listings out of sync.");
    const res = await b.post(`/admin/channels/${shopify}/reconcile`);
    expect(res.location).toBe(`/admin/channels/${shopify}`);
    const after = text((await b.follow(res)).html);
    expect(after).toMatch(/inventory URL/i);
    expect(after).not.toContain("queued");
  });

  it("reconciles a channel that takes stock, and shows each listing's figure once the channel took it", async () => {
    const market = await makeChannel("marketplace");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 7);
    const setup = await admin().PATCH("/v1/channels/{id}", { params: { path: { id: market } }, body: { inventory_url: boxUrl(newBox("dash-stock")) } });
    expect(setup.response.status).toBe(200);
    const mapped = await admin().PUT("/v1/channels/{id}/skus", { params: { path: { id: market } }, body: { mappings: [{ external_sku: `M-${sku}`, sku }] } });
    expect(mapped.response.status).toBe(200);

    const b = await loginAs("manager");
    const res = await b.post(`/admin/channels/${market}/reconcile`);
    expect(text((await b.follow(res)).html)).toMatch(/Reconcile rcn_\w+ queued/);
    await vi.waitFor(
      async () => expect(text((await b.get(`/admin/channels/${market}`)).html)).toContain(`M-${sku} ${sku} 7 7`),
      { timeout: 20_000, interval: 100 },
    );
    expect(text((await b.get(`/admin/channels/${market}`)).html)).toMatch(new RegExp(`M-${sku} ${sku} 7 7 [-0-9: ]+ in sync`));
  });

  it("is not for support", async () => {
    const b = await loginAs("support");
    expect((await b.get("/admin/channels")).status).toBe(403);
    expect((await b.get(`/admin/channels/${shopify}`)).status).toBe(403);
    expect((await b.post(`/admin/channels/${shopify}/events/${failedId}/replay`)).status).toBe(403);
  });
});
