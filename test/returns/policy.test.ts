// The return policy: window, final sale, automatic approval; staff may look past the first two, shoppers never.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, client } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { createReturn, returnable, shippedOrder } from "./world";

const policy = (p: Record<string, unknown>) =>
  admin().PUT("/v1/settings/returns", {
    body: { window_days: 30, channel_window_days: {}, final_sale_skus: [], restocking_fee_percent: 0, return_shipping_fee: 0, auto_approve_reasons: [], advance_exchange: false, ...p },
  });

describe("return policy", () => {
  it("is read and replaced whole; bad values are field errors", async () => {
    const before = (await admin().GET("/v1/settings/returns")).data!;
    expect(before).toMatchObject({ window_days: 30, version: 0, updated_at: null });
    const saved = await policy({ window_days: 14, restocking_fee_percent: 10 });
    expect(saved.data).toMatchObject({ window_days: 14, restocking_fee_percent: 10, version: 1 });
    const bad = await policy({ window_days: -1, auto_approve_reasons: ["because"] });
    expect(bad.response.status).toBe(400);
    expect(bad.error!.errors!.map((e) => e.field).sort()).toEqual(["body.auto_approve_reasons.0", "body.window_days"]);
    const pk = await publishableKey();
    expect((await client(pk).GET("/v1/settings/returns")).response.status).toBe(403);
    await policy({});
  });

  it("final sale and an expired window stop the shopper; staff may override; shoppers cannot ask to", async () => {
    const pk = await publishableKey();
    const { order, lineId, sku, email, fulfillmentId } = await shippedOrder(2);
    await policy({ final_sale_skus: [sku] });
    expect((await returnable(order.id)).lines[0]).toMatchObject({ returnable: 0, why_not: "final_sale" });
    const shopper = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(shopper.error).toMatchObject({ code: "return_not_possible" });
    const sneaky = await client(pk).POST("/v1/order-lookup/returns", {
      body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }], override_policy: true } as never,
    });
    expect(sneaky.response.status).toBe(400);

    await policy({ window_days: 30 });
    // Shipped 31 days ago (no delivery known): the window counts from the shipment.
    await env.DB.prepare("UPDATE fulfillments SET shipped_at = ? WHERE id = ?").bind(Date.now() - 31 * 86_400_000, fulfillmentId).run();
    expect((await returnable(order.id)).lines[0]).toMatchObject({ returnable: 0, why_not: "window_over" });
    // A delivery 10 days ago restarts it from the delivery.
    await env.DB.prepare("UPDATE fulfillments SET delivered_at = ? WHERE id = ?").bind(Date.now() - 10 * 86_400_000, fulfillmentId).run();
    expect((await returnable(order.id)).lines[0]).toMatchObject({ returnable: 2, why_not: null });
    await env.DB.prepare("UPDATE fulfillments SET delivered_at = ? WHERE id = ?").bind(Date.now() - 40 * 86_400_000, fulfillmentId).run();
    expect((await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }])).error).toMatchObject({ code: "return_not_possible" });
    const overridden = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }], { override_policy: true });
    expect(overridden.response.status).toBe(201);
    await policy({});
  });

  it("a shopper proves the order with number and email, shares the lookup's limits, and reasons may approve at once", async () => {
    const pk = await publishableKey();
    const { order, lineId, email } = await shippedOrder(2);
    const wrong = await client(pk).POST("/v1/order-lookup/returnable", { body: { number: order.number, email: "someone@else.com" } });
    expect(wrong.error).toMatchObject({ code: "order_not_found" });
    const seen = await client(pk).POST("/v1/order-lookup/returnable", { body: { number: order.number, email } });
    expect(seen.data!.lines[0]).toMatchObject({ order_line_id: lineId, returnable: 2 });
    await policy({ auto_approve_reasons: ["defective"] });
    const auto = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "defective", note: "zip broke" }] } });
    expect(auto.data).toMatchObject({ status: "open", source: "shopper", lines: [{ note: "zip broke" }] });
    const waits = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(waits.data!.status).toBe("requested");
    await policy({});
    // The publishable key cannot reach staff routes.
    expect((await client(pk).POST("/v1/returns/{id}/approve", { params: { path: { id: waits.data!.id } }, body: {} })).response.status).toBe(403);
    // 10 attempts per key and IP per window, counted with the order lookup's own.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await client(pk).POST("/v1/order-lookup/returnable", { body: { number: order.number, email } })).response.status);
    expect(statuses).toContain(429);
  });
});
