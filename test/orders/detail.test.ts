// One order as staff see it: lines with allocations, payments, shipments, notes and every timeline event.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, raw } from "../helpers/client";
import { type Desk, detail, email, makeDesk, shippedOrder } from "./desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

describe("order detail", () => {
  it("shows lines, allocations, payments, the shipment with tracking and the whole timeline with who and when", async () => {
    const { order, fulfillmentId, tracking } = await shippedOrder(d, { email: email(), quantity: 2 });
    await admin().POST("/v1/orders/{id}/notes", { params: { path: { id: order.id } }, body: { body: "Gift wrap", expected_version: (await detail(order.id)).version } });
    const o = await detail(order.id);

    expect(o.lines).toHaveLength(1);
    expect(o.lines[0]).toMatchObject({ quantity: 2, allocations: [{ location_id: d.berlin, quantity: 2 }] });
    expect(o.payments.map((p) => p.kind)).toEqual(["authorization"]);
    expect(o.fulfillments).toHaveLength(1);
    expect(o.fulfillments[0]).toMatchObject({
      id: fulfillmentId,
      status: "shipped",
      carrier: "dhl",
      tracking_number: tracking,
      lines: [{ sku: o.lines[0].sku, quantity: 2, order_line_id: o.lines[0].id }],
    });
    expect(o.fulfillments[0].tracking_url).toContain(tracking);
    expect(o.notes).toMatchObject([{ body: "Gift wrap", author: "api_key:bootstrap" }]);
    const types = o.events.map((e) => e.type);
    expect(types[0]).toBe("order.created");
    expect(types).toContain("payment.confirmed");
    expect(types.at(-1)).toBe("order.note_added");
    for (const e of o.events) {
      expect(e.actor).toMatch(/^(api_key:|system|channel:)/);
      expect(e.created_at).toBeGreaterThanOrEqual(order.created_at);
    }
    const times = o.events.map((e) => e.created_at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("answers 404 order_not_found for an unknown id, and only to a secret key with orders:read", async () => {
    const res = await admin().GET("/v1/orders/{id}", { params: { path: { id: "ord_nope" } } });
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "order_not_found" });
    const { order } = await shippedOrder(d, { email: email() });
    expect((await client(d.pk).GET("/v1/orders/{id}", { params: { path: { id: order.id } } })).response.status).toBe(403);
    expect((await raw(`/v1/orders/${order.id}`, {}, null)).status).toBe(401);
  });
});
