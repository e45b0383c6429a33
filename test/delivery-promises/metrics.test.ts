// On-time delivery and carrier transit times, rolled up by the cron from shipments that went through the real
// fulfillment moves (pick, pack, ship, deliver). Their times are then set to known days, as a carrier's scans would.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { tick } from "../analytics/helpers";
import { admin } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { fulfillmentsOf, placeOrder } from "../order-changes/world";
import { labelled, moves } from "../fulfillment/world";

const DAY_MS = 86_400_000;
const DELIVERED_ON = "2026-03-10";
const D0 = Date.parse(`${DELIVERED_ON}T00:00:00Z`);
let pk: string;
let berlin: string;

beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

/** A paid order shipped by DHL Paket and delivered, then dated: shipped `transitDays` before its delivery on DELIVERED_ON. */
async function delivered(transitDays: number, promisedBy: number) {
  const { order } = await placeOrder(pk, [[berlin, 1]], 1, { pay: "captured" });
  const [f] = await fulfillmentsOf(order.id, 1);
  await labelled(f!.id);
  const m = moves();
  expect((await m.picking(f!.id)).response.status).toBe(200);
  expect((await m.pack(f!.id)).response.status).toBe(200);
  expect((await m.ship(f!.id, { carrier: "dhl", service: "Paket", tracking_number: `JD${order.number}` })).response.status).toBe(200);
  expect((await m.deliver(f!.id)).response.status).toBe(200);
  const deliveredAt = D0 + 10 * 3_600_000;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("UPDATE fulfillments SET shipped_at = ?, delivered_at = ?, updated_at = ? WHERE id = ?").bind(deliveredAt - transitDays * DAY_MS, deliveredAt, now, f!.id),
    env.DB.prepare("UPDATE orders SET promised_delivery_at = ?, updated_at = ? WHERE id = ?").bind(promisedBy, now, order.id),
  ]);
  return order;
}

const report = async (query: { group_by?: "day" | "carrier"; carrier?: string; location_id?: string } = {}) => {
  const res = await admin().GET("/v1/analytics/delivery", { params: { query: { from: "2026-03-01", to: "2026-03-31", ...query } } });
  expect(res.response.status).toBe(200);
  return res.data!.data;
};

describe("delivery rollup", () => {
  it("counts 3 of 4 delivered by their promise (75 %) and reports transit times 2, 3, 3, 4 days", async () => {
    const endOfDay = D0 + DAY_MS - 1;
    await delivered(2, endOfDay);
    await delivered(3, endOfDay);
    await delivered(4, endOfDay + DAY_MS);
    // Promised for the day before: late.
    const late = await delivered(3, endOfDay - DAY_MS);
    await tick();

    const row = { location_id: berlin, carrier: "dhl", service: "Paket", delivered: 4, promised: 4, on_time: 3, on_time_rate: 0.75, transit_avg_ms: 3 * DAY_MS };
    expect(await report()).toEqual([{ day: DELIVERED_ON, ...row, transit_p50_ms: 3 * DAY_MS, transit_p90_ms: 4 * DAY_MS }]);
    expect(await report({ group_by: "carrier" })).toEqual([{ ...row, day: null, location_id: null, transit_p50_ms: null, transit_p90_ms: null }]);
    expect(await report({ carrier: "ups" })).toEqual([]);

    // The same run again changes nothing; a corrected promise moves the rate on the next run.
    const stamp = async () => (await env.DB.prepare("SELECT updated_at FROM analytics_delivery_daily WHERE day = ?").bind(DELIVERED_ON).first<{ updated_at: number }>())!.updated_at;
    const before = await stamp();
    await tick();
    expect(await stamp()).toBe(before);
    await env.DB.prepare("UPDATE orders SET promised_delivery_at = ?, updated_at = ? WHERE id = ?").bind(endOfDay, Date.now(), late.id).run();
    await tick();
    expect((await report())[0]).toMatchObject({ on_time: 4, on_time_rate: 1 });
  });

  it("refuses a range the wrong way round", async () => {
    const res = await admin().GET("/v1/analytics/delivery", { params: { query: { from: "2026-03-31", to: "2026-03-01" } } });
    expect(res.response.status).toBe(400);
  });
});
