// inventory.low_stock is raised once per crossing of the threshold, however often the cron runs.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLowStock } from "../../src/analytics/low-stock";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { tick } from "./helpers";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

const adjust = async (sku: string, quantity: number) => {
  const res = await admin().POST("/v1/inventory/movements", {
    params: { header: { "idempotency-key": key("adjust") } },
    body: { sku, location_id: berlin, kind: "adjust", quantity, reason: "damaged" },
  });
  expect(res.response.status).toBe(201);
};

const raised = async (sku: string) =>
  (
    await env.DB.prepare("SELECT data FROM events WHERE type = 'inventory.low_stock' AND json_extract(data, '$.sku') = ? ORDER BY created_at")
      .bind(sku)
      .all<{ data: string }>()
  ).results.map((r) => JSON.parse(r.data));

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await tick();
};

describe("low-stock check", () => {
  it("raises once when stock falls to the threshold, and again only after it recovered and fell again", async () => {
    const [sku] = (await makeProduct([500])) as [string];
    await receive(sku, berlin, 10);
    const configured = await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
      params: { path: { location_id: berlin, sku } },
      body: { low_stock_threshold: 3 },
    });
    expect(configured.response.status).toBe(200);
    await ticks(2);
    expect(await raised(sku)).toEqual([]);

    await adjust(sku, -7); // 3 available: at the threshold
    await ticks(3);
    expect(await raised(sku)).toEqual([{ sku, location_id: berlin, available: 3, low_stock_threshold: 3 }]);

    await adjust(sku, -1); // still low
    await ticks(2);
    expect(await raised(sku)).toHaveLength(1);

    await receive(sku, berlin, 5); // 7 available: recovered
    await ticks(2);
    expect(await raised(sku)).toHaveLength(1);
    expect(await env.DB.prepare("SELECT low FROM low_stock_state WHERE sku = ?").bind(sku).first("low")).toBe(0);

    await adjust(sku, -5); // 2 available: low again
    await ticks(2);
    expect((await raised(sku)).map((e) => e.available)).toEqual([3, 2]);
  });

  it("never raises for a cell without a threshold", async () => {
    const [sku] = (await makeProduct([500])) as [string];
    await receive(sku, berlin, 1);
    await adjust(sku, -1);
    await ticks(2);
    expect(await raised(sku)).toEqual([]);
  });

  it("raises once when two runs overlap on the same crossing", async () => {
    const [sku] = (await makeProduct([500])) as [string];
    await receive(sku, berlin, 2);
    await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } }, body: { low_stock_threshold: 5 } });
    await Promise.all([checkLowStock(env), checkLowStock(env), checkLowStock(env)]);
    expect(await raised(sku)).toHaveLength(1);
  });
});
