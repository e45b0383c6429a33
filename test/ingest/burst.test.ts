// Shopify's normal burst (issue 9 defect 2): orders/create, orders/paid and orders/updated of one order arrive within
// moments and are processed at the same time. However they interleave: one order, its stock held once and kept, the
// payment as the channel says, and the next shopper told the unit is gone.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "../../src/domain/ids";
import { ingestChannelEvent } from "../../src/ingest/job";
import { CLAIM_LEASE_MS, claimChannelOrder } from "../../src/ingest/claim";
import { placeChannelOrder } from "../../src/ingest/place";
import { getChannel } from "../../src/channels/store";
import { shopifyOrder as readShopifyOrder } from "../../src/domain/shopify-order";
import { RetryLater } from "../../src/queues/retry";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { delivered, makeChannel, ordersOf, sendShopify, settled, shopifyOrder, type StoredEvent } from "../channels/helpers";

let berlin: string;
let shopify: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  shopify = await makeChannel("shopify");
});

/** The fixture's order (2 tees, 1 tote) with exactly that much stock: its tote is the one unit. */
async function lastUnits(): Promise<{ tee: string; tote: string }> {
  const [tee, tote] = await makeProduct([2500, 1990]);
  await receive(tee, berlin, 2);
  await receive(tote, berlin, 1);
  return { tee, tote };
}

const level = async (sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } })).data!;
const holdsOf = async (sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}/holds", { params: { path: { location_id: berlin, sku } } })).data!.data;
const order = async (id: string) => (await admin().GET("/v1/orders/{id}", { params: { path: { id } } })).data!;

/** The burst as Shopify sends it: each a second newer than the one before. */
function burst(payload: ReturnType<typeof shopifyOrder>, createdAs: "paid" | "pending") {
  return [
    { topic: "orders/create", body: { ...payload, financial_status: createdAs, updated_at: "2025-03-04T10:15:03+01:00" } },
    { topic: "orders/paid", body: { ...payload, financial_status: "paid", updated_at: "2025-03-04T10:15:04+01:00" } },
    { topic: "orders/updated", body: { ...payload, financial_status: "paid", updated_at: "2025-03-04T10:15:05+01:00" } },
  ];
}

/** A delivery stored as the webhook stores it, without its job: the test runs the job itself. */
async function stored(topic: string, body: unknown): Promise<string> {
  const id = newId("che");
  await env.DB.prepare(
    "INSERT INTO channel_events (id, channel_id, delivery_id, topic, headers, body, status, received_at) VALUES (?, ?, ?, ?, '{}', ?, 'received', ?)",
  )
    .bind(id, shopify, crypto.randomUUID(), topic, JSON.stringify(body), Date.now())
    .run();
  return id;
}

/**
 * Runs the INGEST job of every delivery at once, as one queue batch does; a run told to come back later (another run
 * holds the channel order) runs again once the round is over, as the queue's retry would.
 */
async function ingestAtOnce(eventIds: string[]) {
  let due = eventIds;
  for (let round = 0; due.length; round++) {
    expect(round).toBeLessThan(eventIds.length);
    const results = await Promise.allSettled(due.map((eventId) => ingestChannelEvent(env, { eventId })));
    for (const r of results) if (r.status === "rejected" && !(r.reason instanceof RetryLater)) throw r.reason;
    due = due.filter((_, i) => results[i].status === "rejected");
  }
  return Promise.all(eventIds.map(settled));
}

/** One order for the channel order, paid, its units committed under the hold its allocation names; nothing left to sell. */
async function expectSoldOnce(externalId: string, { tee, tote }: { tee: string; tote: string }) {
  const orders = await ordersOf(shopify, externalId);
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ status: "open", payment_status: "paid", hold_kind: null });
  const o = await order(orders[0].id);
  const row = await env.DB.prepare("SELECT stock_state FROM orders WHERE id = ?").bind(o.id).first<{ stock_state: string }>();
  expect(row!.stock_state).toBe("committed");

  expect(await level(tote)).toMatchObject({ on_hand: 1, committed: 1, held: 0, available: 0 });
  expect(await level(tee)).toMatchObject({ on_hand: 2, committed: 2, held: 0, available: 0 });
  const { results: allocations } = await env.DB.prepare("SELECT sku, hold_id, quantity FROM allocations WHERE order_id = ?").bind(o.id).all<{ sku: string; hold_id: string; quantity: number }>();
  const toteAllocation = allocations.find((a) => a.sku === tote)!;
  expect(toteAllocation.quantity).toBe(1);
  const live = (await holdsOf(tote)).filter((h) => h.state === "held" || h.state === "committed");
  expect(live).toEqual([expect.objectContaining({ id: toteAllocation.hold_id, ref: o.id, quantity: 1, state: "committed" })]);

  // The unit is sold: the next shopper is told so.
  const next = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("after-burst") } },
    body: { email: "next@example.com", currency: "EUR", lines: [{ sku: tote, quantity: 1 }], shipping_address: shipTo("berlin") },
  });
  expect(next.response.status).toBe(409);
  expect(next.error).toMatchObject({ code: "insufficient_stock" });
  return o;
}

describe("Shopify's burst of create, paid and updated for one order", () => {
  it("run by the INGEST job all at once, five times over, sells the last unit once each time", async () => {
    for (let i = 0; i < 5; i++) {
      const skus = await lastUnits();
      const payload = shopifyOrder([skus.tee, skus.tote]);
      const ids = await Promise.all(burst(payload, i % 2 ? "pending" : "paid").map((d) => stored(d.topic, d.body)));
      const events = await ingestAtOnce(ids);
      expect(events.map((e) => e.status)).toEqual(["processed", "processed", "processed"]);
      const o = await expectSoldOnce(String(payload.id), skus);
      expect(events.every((e) => e.order_id === o.id || e.order_id === null)).toBe(true);
      expect(events.filter((e) => e.outcome === "created")).toHaveLength(1);
    }
  });

  it("posted together and left to the INGEST queue, sells the last unit once", async () => {
    for (let i = 0; i < 2; i++) {
      const skus = await lastUnits();
      const payload = shopifyOrder([skus.tee, skus.tote]);
      const answers = await Promise.all(burst(payload, i % 2 ? "pending" : "paid").map((d) => sendShopify(shopify, d.topic, d.body)));
      const events: StoredEvent[] = await Promise.all(answers.map(delivered));
      expect(events.map((e) => e.status)).toEqual(["processed", "processed", "processed"]);
      await expectSoldOnce(String(payload.id), skus);
    }
  });
});

describe("other deliveries of one order racing", () => {
  it("two creates of the same order (same payload, different delivery ids) make one order", async () => {
    const skus = await lastUnits();
    const payload = shopifyOrder([skus.tee, skus.tote]);
    const events = await ingestAtOnce(await Promise.all([stored("orders/create", payload), stored("orders/create", payload)]));
    expect(events.map((e) => e.outcome).sort()).toEqual(["created", "unchanged"]);
    await expectSoldOnce(String(payload.id), skus);
  });

  it("a create and its cancellation, whichever wins, leave no live order and the stock free", async () => {
    for (let i = 0; i < 2; i++) {
      const skus = await lastUnits();
      const payload = shopifyOrder([skus.tee, skus.tote]);
      const cancelled = { ...payload, cancelled_at: "2025-03-04T11:00:00+01:00", cancel_reason: "customer", updated_at: "2025-03-04T11:00:00+01:00" };
      const ids = await Promise.all([stored("orders/create", payload), stored("orders/cancelled", cancelled)]);
      const events = await ingestAtOnce(i ? ids.reverse() : ids);
      expect(events.map((e) => e.status)).toEqual(["processed", "processed"]);
      const orders = await ordersOf(shopify, String(payload.id));
      expect(orders.length).toBeLessThanOrEqual(1);
      for (const o of orders) expect(o.status).toBe("cancelled");
      await vi.waitFor(async () => expect(await level(skus.tote)).toMatchObject({ on_hand: 1, committed: 0, held: 0, available: 1 }), { timeout: 10_000, interval: 50 });
      expect((await holdsOf(skus.tote)).filter((h) => h.state === "held" || h.state === "committed")).toEqual([]);
    }
  });

  it("two creates of an order that cannot be placed make one held order, neither fails", async () => {
    const [tee] = await makeProduct([2500]);
    await receive(tee, berlin, 5);
    const payload = shopifyOrder([tee, "NOT-IN-CATALOG"]);
    const events = await ingestAtOnce(await Promise.all([stored("orders/create", payload), stored("orders/create", payload)]));
    expect(events.map((e) => e.status)).toEqual(["processed", "processed"]);
    expect(events.map((e) => e.outcome).sort()).toEqual(["held", "unchanged"]);
    const orders = await ordersOf(shopify, String(payload.id));
    expect(orders).toEqual([expect.objectContaining({ status: "on_hold", hold_kind: "channel_issue" })]);
    expect(await level(tee)).toMatchObject({ on_hand: 5, held: 0, committed: 0, available: 5 });
  });

  it("placed twice at once without the ingest lease (an import beside a webhook), the loser finds the order and holds nothing", async () => {
    for (let i = 0; i < 3; i++) {
      const skus = await lastUnits();
      const payload = shopifyOrder([skus.tee, skus.tote]);
      const channel = (await getChannel(env.DB, shopify))!;
      const placed = await Promise.all([0, 1].map(() => placeChannelOrder(env, channel, readShopifyOrder(payload), () => {})));
      // Both answer with the one order (the loser as "exists", or as the checkout answers a key already taken).
      expect(placed[0].view.id).toBe(placed[1].view.id);
      const [only] = await ordersOf(shopify, String(payload.id));
      if (only.status === "open") await expectSoldOnce(String(payload.id), skus);
      else {
        // The loser, refused the unit the winner held, wrote its held order first: the winner gave its stock back.
        expect(only).toMatchObject({ status: "on_hold", hold_kind: "channel_issue" });
        expect(only.hold_reason).toMatch(/^insufficient_stock/);
        await vi.waitFor(async () => expect(await level(skus.tote)).toMatchObject({ on_hand: 1, committed: 0, held: 0, available: 1 }), { timeout: 10_000, interval: 50 });
      }
    }
  });
});

describe("the burst in another order", () => {
  it("paid first places the order paid; the create after it changes nothing; updated applies only what is newer", async () => {
    const skus = await lastUnits();
    const payload = shopifyOrder([skus.tee, skus.tote]);
    const [create, paid, updated] = burst(payload, "pending");
    const first = await delivered(await sendShopify(shopify, paid.topic, paid.body));
    expect(first).toMatchObject({ status: "processed", outcome: "created" });
    expect(await order(first.order_id!)).toMatchObject({ status: "open", payment_status: "paid" });

    const late = await delivered(await sendShopify(shopify, create.topic, create.body));
    expect(late).toMatchObject({ status: "processed", outcome: "stale", order_id: first.order_id });
    const older = await delivered(await sendShopify(shopify, "orders/updated", { ...payload, financial_status: "pending", updated_at: "2025-03-04T10:15:02+01:00" }));
    expect(older).toMatchObject({ outcome: "stale", order_id: first.order_id });
    const newer = await delivered(await sendShopify(shopify, updated.topic, updated.body));
    expect(newer).toMatchObject({ outcome: "unchanged", order_id: first.order_id });

    const o = await expectSoldOnce(String(payload.id), skus);
    expect(o.payments).toHaveLength(1);
  });
});

describe("the turn a run takes on a channel order", () => {
  it("is refused to a second run while held, freed when given up, and taken over once a dead run's lease runs out", async () => {
    const at = Date.now();
    const first = await claimChannelOrder(env.DB, shopify, "turns-1", "che_a", at);
    expect(first.ok).toBe(true);
    expect(await claimChannelOrder(env.DB, shopify, "turns-1", "che_b", at + 1)).toEqual({ ok: false, leaseUntil: at + CLAIM_LEASE_MS });
    // Another channel order is not held up by it.
    expect((await claimChannelOrder(env.DB, shopify, "turns-2", "che_b", at + 1)).ok).toBe(true);
    // The run that held it died: once its lease has run out the next run takes it, and the dead run's late release
    // does not free the new holder's turn.
    const next = await claimChannelOrder(env.DB, shopify, "turns-1", "che_b", at + CLAIM_LEASE_MS);
    expect(next.ok).toBe(true);
    if (!first.ok || !next.ok) return;
    await env.DB.prepare(first.release.sql).bind(...first.release.params).run();
    expect((await claimChannelOrder(env.DB, shopify, "turns-1", "che_c", at + CLAIM_LEASE_MS + 1)).ok).toBe(false);
    await env.DB.prepare(next.release.sql).bind(...next.release.params).run();
    expect((await claimChannelOrder(env.DB, shopify, "turns-1", "che_c", at + CLAIM_LEASE_MS + 1)).ok).toBe(true);
  });
});
