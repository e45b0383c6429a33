// Order rollups: placed, paid and voided orders show per day and channel; the cron is safe to run again.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ORDERS_WATERMARK, rollup } from "../../src/analytics/rollup";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { rollupStamps, tick, today, watermark } from "./helpers";

let pk: string;
let skus: string[];
beforeAll(async () => {
  pk = await publishableKey();
  const berlin = await makeLocation("berlin");
  skus = await makeProduct([1000, 2500]);
  for (const sku of skus) await receive(sku, berlin, 20);
});

async function paidOrder(lines: { sku: string; quantity: number }[]) {
  const res = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "a@example.com", currency: "EUR", lines, shipping_address: shipTo("berlin") },
  });
  expect(res.response.status).toBe(201);
  const o = res.data!;
  const paid = await admin().POST("/v1/orders/{id}/confirm-payment", {
    params: { path: { id: o.id } },
    body: { provider: "stripe", reference: `pi_${o.id}`, amount: o.total },
  });
  expect(paid.response.status).toBe(200);
  return o;
}

const readDay = async (day = today()) => {
  const res = await admin().GET("/v1/analytics/orders", { params: { query: { from: day, to: day } } });
  expect(res.response.status).toBe(200);
  return res.data!.data;
};

describe("order rollups", () => {
  it("counts orders, units, revenue, average order value and cancellations per day and channel", async () => {
    const a = await paidOrder([{ sku: skus[0]!, quantity: 2 }]);
    const b = await paidOrder([{ sku: skus[1]!, quantity: 1 }]);
    const c = await paidOrder([{ sku: skus[0]!, quantity: 1 }, { sku: skus[1]!, quantity: 1 }]);
    const voided = await admin().POST("/v1/orders/{id}/void", { params: { path: { id: c.id } }, body: { reason: "fraud" } });
    expect(voided.data).toMatchObject({ status: "cancelled" });

    await tick();
    const rows = await readDay();
    expect(rows).toEqual([
      {
        day: today(),
        channel_id: a.channel_id,
        currency: "EUR",
        orders: 3,
        units: 3,
        revenue: a.total + b.total,
        average_order_value: Math.round((a.total + b.total) / 2),
        cancellations: 1,
      },
    ]);

    // The same window again: the same numbers, and no rollup row rewritten.
    const stamps = await rollupStamps();
    await tick();
    expect(await readDay()).toEqual(rows);
    expect(await rollupStamps()).toEqual(stamps);

    // A later order on the same day is picked up by the next run.
    const d = await paidOrder([{ sku: skus[1]!, quantity: 3 }]);
    await tick();
    expect(await readDay()).toEqual([
      expect.objectContaining({ orders: 4, units: 6, revenue: a.total + b.total + d.total, cancellations: 1, average_order_value: Math.round((a.total + b.total + d.total) / 3) }),
    ]);
    expect(await readDay("2000-01-01")).toEqual([]);
  });

  it("moves the watermark only past settled changes, and a run with nothing new writes nothing", async () => {
    // Changes younger than the settle window are read again next time, so the watermark does not pass them yet.
    await tick();
    expect(await watermark(ORDERS_WATERMARK)).toBeNull();

    const later = Date.now() + 10 * 60_000;
    await rollup(env, later);
    const newest = await env.DB.prepare("SELECT MAX(updated_at) AS m FROM orders").first<{ m: number }>();
    expect(await watermark(ORDERS_WATERMARK)).toBe(String(newest!.m));

    const stamps = await rollupStamps();
    const again = await rollup(env, later + 60_000);
    expect(again).toEqual({ orderDays: [], shipDays: [], changes: 0 });
    expect(await watermark(ORDERS_WATERMARK)).toBe(String(newest!.m));
    expect(await rollupStamps()).toEqual(stamps);
  });

  it("filters by channel", async () => {
    const res = await admin().GET("/v1/analytics/orders", { params: { query: { from: today(), to: today(), channel_id: "ch_nope" } } });
    expect(res.data).toEqual({ data: [] });
  });
});
