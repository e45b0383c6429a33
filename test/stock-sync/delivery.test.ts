// How figures leave: in order (a stale read or an older figure never reaches the channel after a newer one), retried
// with backoff until the channel takes them, and failed at once when the channel's setup cannot be sent to. The
// stock here is written into the D1 projection directly, so no cell publishes behind the test's back; the jobs run
// as the queue would run them.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StockUpdateBody } from "../../src/stock-sync/adapter";
import { figuresOf } from "../../src/stock-sync/figures";
import { deliverStock, syncStock } from "../../src/stock-sync/jobs";
import { recordFigures } from "../../src/stock-sync/record";
import { makeLocation, makeProduct } from "../helpers/fixtures";
import { bodies, boxUrl, deactivateChannels, deliveriesOf, level, makeChannel, newBox, received, setChannel, wait } from "./world";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});
afterEach(deactivateChannels);

async function listedChannel(url: string, opts: { secret?: string | null } = {}) {
  const [sku] = await makeProduct([1000]);
  const channel = await makeChannel({ url, secret: opts.secret, mappings: [{ externalSku: `X-${sku}`, sku }] });
  return { sku, externalSku: `X-${sku}`, channel };
}

const state = (channelId: string, externalSku: string) =>
  env.DB.prepare("SELECT available, sequence, sent_sequence, sent_available FROM channel_stock WHERE channel_id = ? AND external_sku = ?")
    .bind(channelId, externalSku)
    .first<{ available: number; sequence: number; sent_sequence: number; sent_available: number | null }>();

describe("stock deliveries", () => {
  it("drops a figure read from older cell versions than the one on record", async () => {
    const box = newBox("stale");
    const { sku, externalSku, channel } = await listedChannel(boxUrl(box));
    await level(sku, berlin, 10, 5);
    await syncStock(env, { sku });
    expect(await state(channel.id, externalSku)).toEqual({ available: 10, sequence: 1, sent_sequence: 1, sent_available: 10 });

    // A job that read the cells at version 3 and lost the race to the one above.
    const stale = [{ channelId: channel.id, externalSku, sku, available: 7, basis: 3 }];
    expect(await recordFigures(env.DB, stale, { force: false, reason: "change" })).toEqual([]);
    expect(await state(channel.id, externalSku)).toMatchObject({ available: 10, sequence: 1 });

    // The same read again, or a newer one with the same number, is no news either.
    await syncStock(env, { sku });
    await level(sku, berlin, 10, 6);
    await syncStock(env, { sku });
    await level(sku, berlin, 8, 7);
    await syncStock(env, { sku });
    expect((await bodies<StockUpdateBody>(box)).map((b) => [b.sequence, b.available])).toEqual([
      [1, 10],
      [2, 8],
    ]);
  });

  it("supersedes a figure the channel has not taken once a newer one is decided, and never sends it after", async () => {
    const [down, up] = [newBox("down"), newBox("up")];
    const { sku, externalSku, channel } = await listedChannel(boxUrl(down, 500));
    await level(sku, berlin, 10, 1);
    await syncStock(env, { sku });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ sequence: 1, status: "pending", attempts: 1, last_status_code: 500, last_error: "HTTP 500" }]);

    await setChannel(channel.id, { inventory_url: boxUrl(up) });
    await level(sku, berlin, 8, 2);
    await syncStock(env, { sku });
    // The retry of figure 1 finds figure 2 taken: it sends nothing.
    await deliverStock(env, { channelId: channel.id, externalSku });

    expect(await deliveriesOf(channel.id)).toMatchObject([
      { sequence: 1, available: 10, status: "superseded", attempts: 1 },
      { sequence: 2, available: 8, status: "succeeded", attempts: 1, last_status_code: 204 },
    ]);
    expect((await bodies<StockUpdateBody>(up)).map((b) => b.sequence)).toEqual([2]);
    expect(await state(channel.id, externalSku)).toMatchObject({ sequence: 2, sent_sequence: 2, sent_available: 8 });
  });

  it("keeps figures in order when several jobs of one SKU run at once", async () => {
    const box = newBox("together");
    const { sku, channel } = await listedChannel(boxUrl(box));
    for (let v = 1; v <= 6; v++) {
      await level(sku, berlin, 100 - v, v);
      await Promise.all([syncStock(env, { sku }), syncStock(env, { sku }), syncStock(env, { sku })]);
    }
    // A job that found the listing busy leaves the sending to the holder; the holder sends the newest before it lets go.
    await vi.waitFor(async () => expect(last(await bodies<StockUpdateBody>(box))?.available).toBe(94), wait);
    const sequences = (await bodies<StockUpdateBody>(box)).map((b) => b.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect((await deliveriesOf(channel.id)).every((d) => d.status === "succeeded" || d.status === "superseded")).toBe(true);
  });

  it("retries a failed update through the queue with backoff until the channel takes it", async () => {
    const box = newBox("flaky");
    const { sku, channel } = await listedChannel(boxUrl(box, 503));
    await level(sku, berlin, 4, 1);
    await syncStock(env, { sku });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "pending", attempts: 1, last_status_code: 503 }]);

    await setChannel(channel.id, { inventory_url: boxUrl(box, 200) });
    // The queue's own retry, after its backoff, finds the channel up again.
    await vi.waitFor(async () => expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "succeeded", last_status_code: 200, last_error: null }]), wait);
    expect((await deliveriesOf(channel.id))[0].attempts).toBeGreaterThanOrEqual(2);
    const got = await received(box);
    // Every attempt is the same message: one webhook-id, one sequence.
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(got.map((r) => JSON.parse(r.body).sequence)).toEqual(got.map(() => 1));
  });

  it("marks an update failed after 8 attempts, and the next figure goes out as soon as the channel is back", async () => {
    const box = newBox("dead");
    const { sku, externalSku, channel } = await listedChannel(boxUrl(box, 502));
    await level(sku, berlin, 4, 1);
    await syncStock(env, { sku });
    await env.DB.prepare("UPDATE stock_deliveries SET attempts = 7 WHERE channel_id = ?").bind(channel.id).run();
    await deliverStock(env, { channelId: channel.id, externalSku });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "failed", attempts: 8, last_status_code: 502 }]);

    await setChannel(channel.id, { inventory_url: boxUrl(box) });
    await level(sku, berlin, 3, 2);
    await syncStock(env, { sku });
    expect(await deliveriesOf(channel.id)).toMatchObject([
      { sequence: 1, status: "superseded" },
      { sequence: 2, status: "succeeded", available: 3 },
    ]);
  });

  it("fails at once, without retries, when the channel's setup cannot be sent to", async () => {
    const { sku, channel } = await listedChannel(boxUrl(newBox("unsigned")), { secret: null });
    await level(sku, berlin, 4, 1);
    await syncStock(env, { sku });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "failed", attempts: 1, last_status_code: null, last_error: expect.stringMatching(/webhook secret/) }]);

    const [shopSku] = await makeProduct([1000]);
    const shopify = await makeChannel({
      kind: "shopify",
      url: boxUrl(newBox("shopify")),
      credentials: { access_token: "shpat_x", location_id: 1 },
      mappings: [{ externalSku: "NO-ITEM", sku: shopSku, inventoryId: null }],
    });
    await level(shopSku, berlin, 4, 1);
    await syncStock(env, { sku: shopSku });
    expect(await deliveriesOf(shopify.id)).toMatchObject([{ status: "failed", last_error: expect.stringMatching(/inventory item id/) }]);

    const { sku: local, channel: private_ } = await listedChannel("https://10.0.0.8/stock");
    await level(local, berlin, 4, 1);
    await syncStock(env, { sku: local });
    expect(await deliveriesOf(private_.id)).toMatchObject([{ status: "failed", last_error: expect.stringMatching(/^URL not allowed/) }]);
  });

  it("tells a SKU that stopped being sold as 0", async () => {
    const box = newBox("retired");
    const { sku, channel } = await listedChannel(boxUrl(box));
    await level(sku, berlin, 9, 1);
    await syncStock(env, { sku });
    await env.DB.prepare("UPDATE variants SET active = 0 WHERE sku = ?").bind(sku).run();
    await level(sku, berlin, 9, 2);
    expect((await figuresOf(env.DB, [sku], channel.id)).map((f) => f.available)).toEqual([0]);
    await syncStock(env, { sku });
    expect((await bodies<StockUpdateBody>(box)).map((b) => b.available)).toEqual([9, 0]);
  });
});

const last = <T>(list: T[]) => list[list.length - 1];
