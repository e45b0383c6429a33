// Receiving a return: restocked units go back on hand once (however often the receive is retried or raced), damaged
// units are shown apart and never become available, units held for inspection are decided later.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { receiveReturn } from "../../src/returns-receiving/receive";
import { admin, client, key } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { outboxTypes, shippedOrder } from "../returns/world";
import { expectAuditsClean, inspection, ledger, level, openReturn, path, receive, returnEntries, returnLine } from "./world";

describe("receiving a return", () => {
  it("restocks at the return's location: one customer_return entry, on hand and available rise, events in the same write", async () => {
    const { ret, returnLineId, loc, sku, order } = await openReturn(2);
    const before = await level(loc, sku);
    expect(before).toMatchObject({ on_hand: 5, available: 5, damaged: 0 });

    const res = await receive(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" }]);
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    expect(res.data!.lines[0]).toMatchObject({ restocked: 1, damaged: 0, inspecting: 0 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6, available: 6, damaged: 0 });
    const entries = await returnEntries(loc, sku);
    expect(entries).toEqual([expect.objectContaining({ op: "receive", reason: `customer_return: ${ret.rma}`, on_hand_delta: 1, damaged_delta: 0 })]);

    expect(await outboxTypes(order.id)).toContain("return.received");
    const timeline = (await admin().GET("/v1/orders/{id}", path(order.id))).data!.events;
    expect(timeline.find((e) => e.type === "return.received")?.data).toMatchObject({ return_id: ret.id, location_id: loc, lines: [{ return_line_id: returnLineId, sku, quantity: 1, disposition: "restock" }] });
    const { results } = await env.DB.prepare("SELECT r.kind, r.location_id, c.state FROM return_receipts r JOIN stock_changes c ON c.id = r.stock_change_id WHERE r.return_id = ?").bind(ret.id).all();
    expect(results).toEqual([{ kind: "receive", location_id: loc, state: "done" }]);
    await expectAuditsClean();
  });

  it("a replay with the same key and a new key for units already received leave the ledger as it was", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    const k = key("recv");
    const lines = [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" as const }];
    expect((await receive(ret.id, lines, { key: k })).response.status).toBe(200);
    const after = await ledger(loc, sku);

    const replay = await receive(ret.id, lines, { key: k });
    expect(replay.response.status).toBe(200);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    // The answer was lost and the client tries again with a new key: the write itself refuses the unit a second time.
    const again = await receive(ret.id, lines, { key: key("recv") });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "receive_exceeds_return" });
    expect(await ledger(loc, sku)).toEqual(after);
    expect(await returnLine(ret.id)).toMatchObject({ restocked: 1 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6 });
    await expectAuditsClean();
  });

  it("the same receipt asked for again by code (same key) while units are left receives them once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(3);
    const input = { lines: [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" as const }] };
    const opts = { actor: "test", key: "channel-refund-1" };
    await receiveReturn(env as never, ret.id, input, opts);
    const second = await receiveReturn(env as never, ret.id, input, opts);
    expect(second.lines[0]).toMatchObject({ restocked: 1 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    // The same key for other units is a mistake, not a second receipt.
    await expect(receiveReturn(env as never, ret.id, { lines: [{ ...input.lines[0], quantity: 2 }] }, opts)).rejects.toMatchObject({ code: "idempotency_key_reused" });
    // Without a key, another receipt is another parcel.
    await receiveReturn(env as never, ret.id, input, { actor: "test" });
    expect(await returnEntries(loc, sku)).toHaveLength(2);
    expect(await level(loc, sku)).toMatchObject({ on_hand: 7 });
  });

  it("two receipts of the last unit at the same moment: one lands, the ledger changes once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(2);
    expect((await receive(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" }])).response.status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => receive(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: i % 2 ? "damaged" : "restock" }], { key: key("dock") })),
    );
    const won = answers.filter((a) => a.response.status === 200);
    expect(won).toHaveLength(1);
    for (const a of answers.filter((a) => a.response.status !== 200)) {
      expect(a.response.status).toBe(409);
      expect(a.error!.code).toBe("receive_exceeds_return");
    }
    const line = await returnLine(ret.id);
    expect(line.restocked + line.damaged).toBe(2);
    const entries = await returnEntries(loc, sku);
    expect(entries).toHaveLength(2);
    expect(entries.reduce((t, e) => t + e.on_hand_delta, 0)).toBe(line.restocked);
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5 + line.restocked, damaged: line.damaged });
    await expectAuditsClean();
  });

  it("damaged units are shown apart and never become available", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(3);
    const res = await receive(ret.id, [
      { return_line_id: returnLineId, quantity: 2, disposition: "damaged" },
      { return_line_id: returnLineId, quantity: 1, disposition: "restock" },
    ]);
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    expect(res.data!.lines[0]).toMatchObject({ restocked: 1, damaged: 2 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6, available: 6, damaged: 2 });
    const damaged = (await ledger(loc, sku)).filter((e) => e.op === "return_damaged");
    expect(damaged).toEqual([expect.objectContaining({ on_hand_delta: 0, damaged_delta: 2, damaged: 2, reason: `customer_return: ${ret.rma}` })]);
    // Nothing is left to receive on the line.
    const more = await receive(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" }]);
    expect(more.response.status).toBe(409);
    expect(more.error).toMatchObject({ code: "receive_exceeds_return", errors: [{ field: "body.lines.0.quantity" }] });
    await expectAuditsClean();
  });

  it("units held for inspection wait off the shelf until decided, each once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(3);
    expect((await receive(ret.id, [{ return_line_id: returnLineId, quantity: 3, disposition: "inspect" }])).data!.lines[0]).toMatchObject({ inspecting: 3 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5, damaged: 0 });
    // Not closable while units are held.
    expect((await admin().POST("/v1/returns/{id}/close", { ...path(ret.id), body: {} })).error).toMatchObject({ code: "return_in_inspection" });

    const decided = await inspection(ret.id, [
      { return_line_id: returnLineId, quantity: 1, disposition: "restock" },
      { return_line_id: returnLineId, quantity: 1, disposition: "damaged" },
    ]);
    expect(decided.response.status, JSON.stringify(decided.error)).toBe(200);
    expect(decided.data!.lines[0]).toMatchObject({ inspecting: 1, restocked: 1, damaged: 1 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6, available: 6, damaged: 1 });

    const tooMany = await inspection(ret.id, [{ return_line_id: returnLineId, quantity: 2, disposition: "restock" }]);
    expect(tooMany.response.status).toBe(409);
    expect(tooMany.error).toMatchObject({ code: "inspection_exceeds_held" });
    // The last held unit decided twice at once: one decision lands.
    const both = await Promise.all([1, 2].map(() => inspection(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" }], key("insp"))));
    expect(both.map((a) => a.response.status).sort()).toEqual([200, 409]);
    expect(await returnLine(ret.id)).toMatchObject({ inspecting: 0, restocked: 2, damaged: 1 });
    expect(await returnEntries(loc, sku)).toHaveLength(3);
    expect(await level(loc, sku)).toMatchObject({ on_hand: 7, damaged: 1 });
    expect((await admin().POST("/v1/returns/{id}/close", { ...path(ret.id), body: {} })).data).toMatchObject({ status: "closed", lines: [{ missing: 0 }] });
    await expectAuditsClean();
  });

  it("only an open return receives; the lines must be its own and the location known", async () => {
    const { order, lineId, email } = await shippedOrder(2);
    const pk = await publishableKey();
    const asked = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(asked.data).toMatchObject({ status: "requested" });
    const requested = asked.data!;
    const line = { return_line_id: requested.lines[0].id, quantity: 1, disposition: "restock" as const };
    const refused = await receive(requested.id, [line]);
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: "invalid_return_transition", from: "requested" });

    expect((await admin().POST("/v1/returns/{id}/decline", { ...path(requested.id), body: { reason: "not_eligible" } })).data).toMatchObject({ status: "declined" });
    expect((await receive(requested.id, [line])).error).toMatchObject({ code: "invalid_return_transition", from: "declined" });
    expect((await inspection(requested.id, [{ ...line, disposition: "damaged" }])).error).toMatchObject({ code: "invalid_return_transition" });

    const { ret, returnLineId } = await openReturn(1);
    const foreign = await receive(ret.id, [{ ...line, return_line_id: requested.lines[0].id }]);
    expect(foreign.response.status).toBe(422);
    expect(foreign.error).toMatchObject({ code: "receipt_not_possible", errors: [{ field: "body.lines.0.return_line_id" }] });
    const nowhere = await receive(ret.id, [{ ...line, return_line_id: returnLineId }], { location_id: "loc_nowhere" });
    expect(nowhere.error).toMatchObject({ code: "receipt_not_possible", errors: [{ field: "body.location_id" }] });
    const bad = await receive(ret.id, [{ ...line, return_line_id: returnLineId, quantity: 0 }]);
    expect(bad.response.status).toBe(400);
    expect((await admin().POST("/v1/returns/{id}/receive", { ...path("ret_missing"), body: { lines: [line] } })).response.status).toBe(404);
  });

  it("received at another location, the units go on that location's cell", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    const lyon = await makeLocation("lyon");
    const res = await receive(ret.id, [{ return_line_id: returnLineId, quantity: 1, disposition: "restock" }], { location_id: lyon });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    expect(await level(lyon, sku)).toMatchObject({ on_hand: 1, available: 1 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5 });
    // A received return cannot be cancelled any more.
    expect((await admin().POST("/v1/returns/{id}/cancel", { ...path(ret.id), body: {} })).error).toMatchObject({ code: "return_in_progress" });
    await expectAuditsClean();
  });
});
