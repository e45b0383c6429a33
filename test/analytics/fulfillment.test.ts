// Shipment rollups: lead time p50/p90, on-time rate, units per location. Shipments are written straight into D1
// here, as a carrier update would leave them, so this test does not depend on the fulfillment flow.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { rollupStamps, tick } from "./helpers";

const DAY = "2026-03-02";
const T0 = Date.parse(`${DAY}T00:00:00Z`);
const HOUR = 3_600_000;
let pk: string;
let sku: string;
let berlin: string;
let lyon: string;

beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
  lyon = await makeLocation("lyon");
  [sku] = (await makeProduct([900])) as [string];
  await receive(sku, berlin, 50);
});

/** An order placed at T0 with a promise to ship within 4 hours, shipped `after` hours later from `from`. */
async function shippedOrder(from: string, units: number, after: number | null, status = "shipped") {
  const res = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "f@example.com", currency: "EUR", lines: [{ sku, quantity: units }], shipping_address: shipTo("berlin") },
  });
  expect(res.response.status).toBe(201);
  const o = res.data!;
  const now = Date.now();
  const fid = `ful_${o.id}`;
  await env.DB.batch([
    env.DB.prepare("UPDATE orders SET created_at = ?, ship_by = ?, updated_at = ? WHERE id = ?").bind(T0, T0 + 4 * HOUR, now, o.id),
    env.DB.prepare("INSERT INTO fulfillments (id, order_id, location_id, status, shipped_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)").bind(
      fid, o.id, from, status, after === null ? null : T0 + after * HOUR, now, now,
    ),
    env.DB.prepare("INSERT INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id) VALUES (?, ?, ?, ?, ?, ?)").bind(
      `fl_${o.id}`, fid, o.lines[0]!.id, sku, units, "hold_test",
    ),
  ]);
  return o;
}

const read = async () => {
  const query = { from: "2026-03-01", to: "2026-03-31" };
  const [f, l] = await Promise.all([
    admin().GET("/v1/analytics/fulfillment", { params: { query } }),
    admin().GET("/v1/analytics/locations", { params: { query } }),
  ]);
  expect([f.response.status, l.response.status]).toEqual([200, 200]);
  return { fulfillment: f.data!.data, locations: l.data!.data };
};

describe("fulfillment rollups", () => {
  it("reports shipments, lead time percentiles, on-time rate and units per location, the same on every run", async () => {
    await shippedOrder(berlin, 2, 1);
    await shippedOrder(berlin, 1, 2);
    await shippedOrder(lyon, 1, 3);
    await shippedOrder(lyon, 3, 5); // late: promised by T0 + 4h
    await shippedOrder(berlin, 4, null, "packed"); // not shipped: counts nowhere
    await shippedOrder(lyon, 6, 2, "cancelled");

    await tick();
    const first = await read();
    const byLocation = (a: { location_id: string }, b: { location_id: string }) => a.location_id.localeCompare(b.location_id);
    expect(first.fulfillment).toEqual([{ day: DAY, shipped: 4, lead_time_p50_ms: 2 * HOUR, lead_time_p90_ms: 5 * HOUR, on_time_rate: 0.75 }]);
    expect(first.locations.sort(byLocation)).toEqual(
      [{ day: DAY, location_id: berlin, units_shipped: 3 }, { day: DAY, location_id: lyon, units_shipped: 4 }].sort(byLocation),
    );

    const stamps = await rollupStamps();
    await tick();
    expect(await read()).toEqual(first);
    expect(await rollupStamps()).toEqual(stamps);

    // Another shipment that left the same day is picked up by the next run.
    await shippedOrder(berlin, 5, 1);
    await tick();
    const next = await read();
    expect(next.fulfillment).toEqual([{ day: DAY, shipped: 5, lead_time_p50_ms: 2 * HOUR, lead_time_p90_ms: 5 * HOUR, on_time_rate: 0.8 }]);
    expect(next.locations.find((r) => r.location_id === berlin)).toMatchObject({ units_shipped: 8 });
  });
});
