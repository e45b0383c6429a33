// A return from request to close: what is returnable, RMA numbers, decisions, and units that become returnable again.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, client, key } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { createReturn, outboxTypes, path, returnable, shippedOrder } from "./world";

describe("returns", () => {
  it("nothing is returnable before it ships; after, each shipped unit once, with RMA numbers per order", async () => {
    const unshipped = await shippedOrder(2, { ship: false });
    const before = await returnable(unshipped.order.id);
    expect(before.lines[0]).toMatchObject({ shipped: 0, returnable: 0, why_not: "not_shipped" });
    const refused = await createReturn(unshipped.order.id, [{ order_line_id: unshipped.lineId, quantity: 1, reason: "changed_mind" }]);
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: "return_not_possible", errors: [{ field: "lines.0.quantity" }] });

    const { order, lineId, loc, sku } = await shippedOrder(3);
    expect((await returnable(order.id)).lines[0]).toMatchObject({ order_line_id: lineId, sku, ordered: 3, shipped: 3, claimed: 0, returnable: 3, why_not: null });
    const first = await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "size_too_small" }]);
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ rma: `R-${order.number}-1`, status: "open", source: "staff", location_id: loc, lines: [{ order_line_id: lineId, sku, quantity: 2, reason: "size_too_small", restocked: 0, missing: 0 }] });
    expect((await returnable(order.id)).lines[0]).toMatchObject({ claimed: 2, returnable: 1 });

    const tooMany = await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "changed_mind" }]);
    expect(tooMany.response.status).toBe(422);
    expect(tooMany.error!.errors![0].message).toMatch(/At most 1/);
    const second = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }]);
    expect(second.data!.rma).toBe(`R-${order.number}-2`);
    expect((await returnable(order.id)).lines[0]).toMatchObject({ claimed: 3, returnable: 0, why_not: "already_returned" });
    expect(await outboxTypes(order.id)).toEqual(["return.requested", "return.approved", "return.requested", "return.approved"]);
    const timeline = (await admin().GET("/v1/orders/{id}", path(order.id))).data!.events.map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(["return.requested", "return.approved"]));
  });

  it("two returns asking for the last unit at the same moment: exactly one is recorded", async () => {
    const { order, lineId } = await shippedOrder(1);
    const answers = await Promise.all(Array.from({ length: 4 }, () => createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }])));
    const statuses = answers.map((a) => a.response.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const a of answers.filter((a) => a.response.status !== 201)) expect(["return_exceeds_returnable", "return_not_possible", "return_changed"]).toContain(a.error!.code);
    const { n } = (await env.DB.prepare("SELECT COALESCE(SUM(quantity), 0) AS n FROM return_lines WHERE order_line_id = ?").bind(lineId).first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it("a retry with the same Idempotency-Key records the return once", async () => {
    const { order, lineId } = await shippedOrder(2);
    const k = key();
    const a = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }], { idempotencyKey: k });
    const b = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }], { idempotencyKey: k });
    expect(b.response.status).toBe(201);
    expect(b.data!.id).toBe(a.data!.id);
    expect((await returnable(order.id)).lines[0].claimed).toBe(1);
  });

  it("declined, cancelled and missing units become returnable again; decisions follow the states", async () => {
    const pk = await publishableKey();
    const { order, lineId, email } = await shippedOrder(3);
    const asked = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(asked.response.status).toBe(201);
    expect(asked.data).toMatchObject({ status: "requested", source: "shopper" });
    const id = asked.data!.id;
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!.return_status).toBe("requested");
    expect((await admin().GET("/v1/orders", { params: { query: { email } } })).data!.data[0].return_status).toBe("requested");
    expect((await admin().GET("/v1/orders", { params: { query: { return_status: "requested" } } })).data!.data.map((o) => o.id)).toEqual([order.id]);
    expect((await admin().POST("/v1/returns/{id}/close", { ...path(id), body: {} })).error).toMatchObject({ code: "invalid_return_transition" });
    const declined = await admin().POST("/v1/returns/{id}/decline", { ...path(id), body: { reason: "outside_window", note: "worn" } });
    expect(declined.data).toMatchObject({ status: "declined", decline_reason: "outside_window", decline_note: "worn" });
    expect((await admin().POST("/v1/returns/{id}/approve", { ...path(id), body: {} })).response.status).toBe(409);
    // Declining again answers the return as it stands.
    expect((await admin().POST("/v1/returns/{id}/decline", { ...path(id), body: { reason: "other" } })).data!.status).toBe("declined");
    expect((await returnable(order.id)).lines[0].returnable).toBe(3);

    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!.return_status).toBe("none");
    const open = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "changed_mind" }])).data!;
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!.return_status).toBe("in_progress");
    const cancelled = await admin().POST("/v1/returns/{id}/cancel", { ...path(open.id), body: { expected_version: open.version } });
    expect(cancelled.data!.status).toBe("cancelled");
    expect((await returnable(order.id)).lines[0].returnable).toBe(3);

    const third = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 3, reason: "changed_mind" }])).data!;
    const stale = await admin().POST("/v1/returns/{id}/close", { ...path(third.id), body: { expected_version: third.version + 1 } });
    expect(stale.error).toMatchObject({ code: "return_changed" });
    const closed = await admin().POST("/v1/returns/{id}/close", { ...path(third.id), body: {} });
    expect(closed.data).toMatchObject({ status: "closed", lines: [{ quantity: 3, missing: 3 }] });
    expect((await returnable(order.id)).lines[0]).toMatchObject({ claimed: 0, returnable: 3 });
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data!.return_status).toBe("returned");
    expect((await admin().GET("/v1/returns", { params: { query: { order_id: order.id } } })).data!.data.map((r) => r.status)).toEqual(["closed", "cancelled", "declined"]);
  });

  it("a return with units received cannot be cancelled, and one racing a receive loses whole", async () => {
    const { order, lineId } = await shippedOrder(2);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "defective" }])).data!;
    // A receive lands between the cancel's read and its batch (the receiving feature writes these counters).
    await env.DB.prepare("UPDATE return_lines SET restocked = 1 WHERE return_id = ?").bind(ret.id).run();
    const refused = await admin().POST("/v1/returns/{id}/cancel", { ...path(ret.id), body: {} });
    expect(refused.error).toMatchObject({ code: "return_in_progress" });
    expect((await admin().GET("/v1/returns/{id}", path(ret.id))).data!.status).toBe("open");
  });
});
