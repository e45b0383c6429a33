// Return metrics from known facts: orders shipped on known days, returns asked for on known days with known reasons,
// what of them came back, refunds at known times. The facts are set straight in D1 (as a receive or a refund would
// leave them), so the numbers are exact; the cron then rolls them up, incrementally and idempotently.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { REFUNDS_WATERMARK, rollupReturns, RETURNS_WATERMARK } from "../../src/analytics/returns-rollup";
import { admin, client } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { tick, watermark } from "../analytics/helpers";
import { createReturn, path, shippedOrder } from "../returns/world";

const DAY1 = "2026-04-01";
const DAY2 = "2026-04-02";
const T1 = Date.parse(`${DAY1}T00:00:00Z`);
const T2 = Date.parse(`${DAY2}T00:00:00Z`);
const HOUR = 3_600_000;
const range = { from: "2026-03-25", to: "2026-04-30" };

/** Moves a shipment (and its order, placed an hour before) to when it left. After the returns are asked for: the
 * return window counts from the shipment. */
async function moveShipment(s: Awaited<ReturnType<typeof shippedOrder>>, at: number) {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("UPDATE fulfillments SET shipped_at = ?, updated_at = ? WHERE id = ?").bind(at, now, s.fulfillmentId),
    env.DB.prepare("UPDATE orders SET created_at = ?, updated_at = ? WHERE id = ?").bind(at - HOUR, now, s.order.id),
  ]);
}

/** Moves a return to the day it was asked for, as if it had been. */
const askedAt = (returnId: string, at: number) => env.DB.prepare("UPDATE returns SET created_at = ?, updated_at = ? WHERE id = ?").bind(at, Date.now(), returnId).run();
/** What a receive leaves on the lines (and the bump of the return's updated_at it makes). */
const received = (returnId: string, restocked: number, damaged: number) =>
  env.DB.batch([
    env.DB.prepare("UPDATE return_lines SET restocked = ?, damaged = ? WHERE return_id = ?").bind(restocked, damaged, returnId),
    env.DB.prepare("UPDATE returns SET updated_at = ? WHERE id = ?").bind(Date.now(), returnId),
  ]);
let refunds = 0;
const refund = (orderId: string, returnId: string | null, total: number, at: number, storeCredit = 0) =>
  env.DB.prepare(
    `INSERT INTO refunds (id, order_id, return_id, kind, items_amount, total, original_amount, store_credit_amount, currency, actor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'EUR', 'test', ?)`,
  )
    .bind(`rfd_analytics_${++refunds}`, orderId, returnId, returnId ? "return" : "goodwill", total, total, total - storeCredit, storeCredit, at)
    .run();

const read = async (group_by: "day" | "sku" | "reason" | "channel", extra: { sku?: string; channel_id?: string } = {}) => {
  const res = await admin().GET("/v1/analytics/returns", { params: { query: { ...range, group_by, ...extra } } });
  expect(res.response.status).toBe(200);
  return res.data!.data;
};
const stamps = async () =>
  (
    await env.DB.prepare(
      `SELECT 'r' || day || sku || reason AS k, updated_at FROM analytics_return_daily UNION ALL SELECT 's' || day || sku, updated_at FROM analytics_shipped_units_daily
       UNION ALL SELECT 'f' || day || currency, updated_at FROM analytics_refund_daily ORDER BY k`,
    ).all()
  ).results;

let a: Awaited<ReturnType<typeof shippedOrder>>;
let b: Awaited<ReturnType<typeof shippedOrder>>;
let c: Awaited<ReturnType<typeof shippedOrder>>;
let retA: string;
let retB: string;

beforeAll(async () => {
  const pk = await publishableKey();
  [a, b, c] = [await shippedOrder(4), await shippedOrder(2), await shippedOrder(2)];

  // Day 1: 2 units of a back (too small), one restocked, one damaged; refunded 5 hours after the request.
  retA = (await createReturn(a.order.id, [{ order_line_id: a.lineId, quantity: 2, reason: "size_too_small" }])).data!.id;
  await askedAt(retA, T1 + 6 * HOUR);
  await received(retA, 1, 1);
  await refund(a.order.id, retA, 2000, T1 + 11 * HOUR, 500);
  // Day 2: 1 unit of b back (defective), not received yet; a goodwill refund on c.
  retB = (await createReturn(b.order.id, [{ order_line_id: b.lineId, quantity: 1, reason: "defective" }])).data!.id;
  await askedAt(retB, T2 + HOUR);
  await refund(c.order.id, null, 300, T2 + 5 * HOUR);
  // Not counted: a request nobody approved yet, and a declined one.
  const asked = await client(pk).POST("/v1/order-lookup/returns", { body: { number: c.order.number, email: c.email, lines: [{ order_line_id: c.lineId, quantity: 1, reason: "changed_mind" }] } });
  await askedAt(asked.data!.id, T2 + 3 * HOUR);
  const declined = await client(pk).POST("/v1/order-lookup/returns", { body: { number: c.order.number, email: c.email, lines: [{ order_line_id: c.lineId, quantity: 1, reason: "other" }] } });
  await admin().POST("/v1/returns/{id}/decline", { ...path(declined.data!.id), body: { reason: "other" } });
  await askedAt(declined.data!.id, T2 + 3 * HOUR);
  await moveShipment(a, T1 + 2 * HOUR); // SKU a: 4 units on day 1
  await moveShipment(b, T1 + 3 * HOUR); // SKU b: 2 units on day 1
  await moveShipment(c, T2 + 2 * HOUR); // SKU c: 2 units on day 2
  await tick();
});

describe("return metrics", () => {
  it("return rate and restock rate per day: returned units over shipped units, restocked over received", async () => {
    expect(await read("day")).toEqual([
      { day: DAY1, sku: null, reason: null, channel_id: null, returned_units: 2, shipped_units: 6, return_rate: 2 / 6, received_units: 2, restocked_units: 1, restock_rate: 0.5 },
      { day: DAY2, sku: null, reason: null, channel_id: null, returned_units: 1, shipped_units: 2, return_rate: 0.5, received_units: 0, restocked_units: 0, restock_rate: null },
    ]);
  });

  it("per SKU, reason and channel, summed over the range", async () => {
    const bySku = await read("sku");
    expect(bySku).toEqual(
      [
        { sku: a.sku, returned_units: 2, shipped_units: 4, return_rate: 0.5, received_units: 2, restocked_units: 1, restock_rate: 0.5 },
        { sku: b.sku, returned_units: 1, shipped_units: 2, return_rate: 0.5, received_units: 0, restocked_units: 0, restock_rate: null },
        { sku: c.sku, returned_units: 0, shipped_units: 2, return_rate: 0, received_units: 0, restocked_units: 0, restock_rate: null },
      ]
        .map((r) => ({ day: null, reason: null, channel_id: null, ...r }))
        .sort((x, y) => x.sku.localeCompare(y.sku)),
    );
    expect((await read("reason")).map((r) => [r.reason, r.returned_units, r.shipped_units, r.return_rate])).toEqual([
      ["defective", 1, 8, 1 / 8],
      ["size_too_small", 2, 8, 2 / 8],
    ]);
    const [channel] = await read("channel");
    expect(channel).toMatchObject({ channel_id: a.order.channel_id, returned_units: 3, shipped_units: 8, return_rate: 3 / 8, restock_rate: 0.5 });
    expect(await read("reason", { sku: a.sku })).toMatchObject([{ reason: "size_too_small", returned_units: 2, shipped_units: 4 }]);
    expect(await read("day", { channel_id: "chn_nope" })).toEqual([]);
  });

  it("refund value and the time from a return's request to its refund, per day", async () => {
    const res = await admin().GET("/v1/analytics/refunds", { params: { query: range } });
    expect(res.response.status).toBe(200);
    expect(res.data!.data).toEqual([
      { day: DAY1, channel_id: a.order.channel_id, currency: "EUR", refunds: 1, refund_value: 2000, store_credit_value: 500, return_refunds: 1, request_to_refund_avg_ms: 5 * HOUR, request_to_refund_p50_ms: 5 * HOUR, request_to_refund_p90_ms: 5 * HOUR },
      { day: DAY2, channel_id: a.order.channel_id, currency: "EUR", refunds: 1, refund_value: 300, store_credit_value: 0, return_refunds: 0, request_to_refund_avg_ms: null, request_to_refund_p50_ms: null, request_to_refund_p90_ms: null },
    ]);
  });

  it("runs again without writing; picks up what changed since: a close, a later refund", async () => {
    const before = await stamps();
    const again = await rollupReturns(env);
    expect(again.changes).toBe(0);
    expect(await stamps()).toEqual(before);

    // b's unit never comes back (closed: missing); a's return gets a second refund on day 2, 27 hours after its request.
    expect((await admin().POST("/v1/returns/{id}/close", { ...path(retB), body: {} })).response.status).toBe(200);
    await refund(a.order.id, retA, 100, T2 + 9 * HOUR);
    await tick();
    const days = await read("day");
    expect(days.find((d) => d.day === DAY2)).toMatchObject({ returned_units: 0, shipped_units: 2, return_rate: 0 });
    const [day1, day2] = (await admin().GET("/v1/analytics/refunds", { params: { query: range } })).data!.data;
    expect(day1).toMatchObject({ refunds: 1, refund_value: 2000 });
    expect(day2).toMatchObject({ refunds: 2, refund_value: 400, return_refunds: 1, request_to_refund_avg_ms: 27 * HOUR, request_to_refund_p90_ms: 27 * HOUR });
    // Returns changed within the last minutes are read again next run (not settled); the refunds are settled.
    expect(await watermark(RETURNS_WATERMARK)).toBeNull();
    expect(await watermark(REFUNDS_WATERMARK)).toBe(String(T2 + 9 * HOUR));
  });

  it("validates the range and the grouping", async () => {
    const bad = await admin().GET("/v1/analytics/returns", { params: { query: { from: "2026-04-02", to: "2026-04-01" } } });
    expect(bad.response.status).toBe(400);
    expect((await admin().GET("/v1/analytics/returns", { params: { query: { ...range, group_by: "colour" as never } } })).response.status).toBe(400);
  });
});
