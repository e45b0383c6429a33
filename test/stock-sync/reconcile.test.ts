// The full stock picture again, on request and daily; and what the API shows of a channel's stock.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import type { StockUpdateBody } from "../../src/stock-sync/adapter";
import { syncStock } from "../../src/stock-sync/jobs";
import { STOCK_RECONCILE_CRON } from "../../src/stock-sync/trigger";
import { admin, client } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey } from "../helpers/fixtures";
import { bodies, boxUrl, deactivateChannels, level, makeChannel, newBox, setChannel, updatesPage, wait } from "./world";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});
afterEach(deactivateChannels);

/** A channel selling two SKUs whose figures it already has (sequence 1 each). */
async function syncedChannel(label: string) {
  const skus = await makeProduct([1000, 2000]);
  const box = newBox(label);
  const channel = await makeChannel({ url: boxUrl(box), mappings: skus.map((sku, i) => ({ externalSku: `R${i}-${sku}`, sku })) });
  await level(skus[0], berlin, 5, 1);
  await level(skus[1], berlin, 0, 1);
  for (const sku of skus) await syncStock(env, { sku });
  expect(await bodies(box)).toHaveLength(2);
  return { skus, box, channel };
}

const reconciled = async (box: string) => (await bodies<StockUpdateBody>(box)).filter((b) => b.sequence === 2);

describe("stock reconcile", () => {
  it("re-sends every figure of a channel with a new sequence, changed or not", async () => {
    const { skus, box, channel } = await syncedChannel("reconcile");
    const res = await admin().POST("/v1/channels/{id}/stock/reconcile", { params: { path: { id: channel.id } } });
    expect(res.response.status).toBe(202);
    expect(res.data).toMatchObject({ channel_id: channel.id, reconcile_id: expect.stringMatching(/^rcn_/), requested_at: expect.any(Number) });

    await vi.waitFor(async () => expect(await reconciled(box)).toHaveLength(2), wait);
    expect((await reconciled(box)).map((b) => [b.sku, b.available]).sort()).toEqual([[skus[0], 5], [skus[1], 0]].sort());
    const page = await updatesPage(channel.id, { status: "succeeded" });
    expect(page.data!.data.filter((u) => u.reason === "reconcile")).toHaveLength(2);
  });

  it("sends a channel without mappings every SKU of the catalog under our code", async () => {
    const skus = await makeProduct([1000, 1000, 1000]);
    await level(skus[1], berlin, 6, 1);
    const box = newBox("catalog");
    const channel = await makeChannel({ url: boxUrl(box) });
    await admin().POST("/v1/channels/{id}/stock/reconcile", { params: { path: { id: channel.id } } });
    await vi.waitFor(async () => {
      const got = (await bodies<StockUpdateBody>(box)).filter((b) => skus.includes(b.sku));
      expect(got.map((b) => [b.external_sku, b.available]).sort()).toEqual([[skus[0], 0], [skus[1], 6], [skus[2], 0]].sort());
    }, wait);
  });

  it("runs for every channel that takes stock on the daily cron", async () => {
    const { box, channel } = await syncedChannel("daily");
    const longAgo = Date.now() - 31 * 86_400_000;
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO stock_deliveries (id, channel_id, external_sku, sku, sequence, available, reason, status, attempts, created_at, updated_at) VALUES ('stu_old', ?, 'OLD', 'OLD', 1, 1, 'change', 'succeeded', 1, ?, ?)",
      ).bind(channel.id, longAgo, longAgo),
      env.DB.prepare("INSERT INTO processed_messages (id, queue, processed_at) VALUES ('sync_stock:old', 'oms-stock-sync', ?)").bind(longAgo),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: STOCK_RECONCILE_CRON }), env, ctx);
    await waitOnExecutionContext(ctx);
    await vi.waitFor(async () => expect(await reconciled(box)).toHaveLength(2), wait);
    // Old records go with the daily run.
    expect(await env.DB.prepare("SELECT id FROM stock_deliveries WHERE id = 'stu_old'").first()).toBeNull();
    expect(await env.DB.prepare("SELECT id FROM processed_messages WHERE id = 'sync_stock:old'").first()).toBeNull();
  });

  it("refuses an unknown channel, an inactive one and one without an inventory URL", async () => {
    const unknown = await admin().POST("/v1/channels/{id}/stock/reconcile", { params: { path: { id: "ch_nope" } } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toMatchObject({ code: "channel_not_found" });

    const idle = await makeChannel({ url: null });
    const noUrl = await admin().POST("/v1/channels/{id}/stock/reconcile", { params: { path: { id: idle.id } } });
    expect(noUrl.response.status).toBe(409);
    expect(noUrl.error).toMatchObject({ code: "channel_without_inventory_url" });

    const off = await makeChannel({ url: boxUrl(newBox("off")) });
    await setChannel(off.id, { active: 0 });
    const inactive = await admin().POST("/v1/channels/{id}/stock/reconcile", { params: { path: { id: off.id } } });
    expect(inactive.response.status).toBe(409);
    expect(inactive.error).toMatchObject({ code: "channel_inactive" });
  });
});

describe("a channel's stock in the API", () => {
  it("lists the updates newest first, by page, and per listing what the channel has", async () => {
    const { skus, channel } = await syncedChannel("listing");
    await level(skus[0], berlin, 4, 2);
    await syncStock(env, { sku: skus[0] });

    const first = await admin().GET("/v1/channels/{id}/stock-updates", { params: { path: { id: channel.id }, query: { limit: 2 } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.data).toMatchObject([
      { sku: skus[0], sequence: 2, available: 4, status: "succeeded", reason: "change", attempts: 1, last_status_code: 204 },
      { sequence: 1, status: "succeeded" },
    ]);
    const rest = await admin().GET("/v1/channels/{id}/stock-updates", { params: { path: { id: channel.id }, query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(rest.data).toMatchObject({ data: [{ sequence: 1 }], next_cursor: null });
    const ofSku = await updatesPage(channel.id, { sku: skus[1] });
    expect(ofSku.data!.data.map((u) => u.sku)).toEqual([skus[1]]);

    const stock = await admin().GET("/v1/channels/{id}/stock", { params: { path: { id: channel.id }, query: {} } });
    expect(stock.data!.data).toEqual([
      expect.objectContaining({ external_sku: `R0-${skus[0]}`, available: 4, sequence: 2, sent_available: 4, sent_sequence: 2, in_sync: true }),
      expect.objectContaining({ external_sku: `R1-${skus[1]}`, available: 0, sequence: 1, in_sync: true }),
    ]);

    await setChannel(channel.id, { inventory_url: boxUrl(newBox("down"), 500) });
    await level(skus[1], berlin, 2, 2);
    await syncStock(env, { sku: skus[1] });
    const behind = await admin().GET("/v1/channels/{id}/stock", { params: { path: { id: channel.id }, query: { out_of_sync: "true" } } });
    expect(behind.data!.data).toMatchObject([{ external_sku: `R1-${skus[1]}`, available: 2, sent_available: 0, in_sync: false }]);
  });

  it("answers 404 for an unknown channel and 403 without the channels scope", async () => {
    const res = await updatesPage("ch_nope");
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "channel_not_found" });
    const denied = await client(await publishableKey()).GET("/v1/channels/{id}/stock", { params: { path: { id: "ch_web" }, query: {} } });
    expect(denied.response.status).toBe(403);
  });
});
