// Units allocated at a location after its shipment was cancelled get a new, live shipment (issue 9): the cancelled
// one keeps its lines as the record of what it was, and the allocations whose units it gave back never ship again.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { createFulfillments, fulfillmentIdOf } from "../../src/fulfillment/create";
import { admin } from "../helpers/client";
import { makeProduct, receive } from "../helpers/fixtures";
import { cell, makeWorld, moves, orderOf, paidSplitOrder, shipment, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const path = (id: string) => ({ params: { path: { id } } });

/** Each of the order's shipments with its status and the allocations it carries, by id. */
async function shipments(orderId: string) {
  const { results } = await env.DB.prepare(
    `SELECT f.id, f.location_id, f.status, fl.sku, fl.quantity, fl.id AS line_id FROM fulfillments f
     LEFT JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id WHERE f.order_id = ? ORDER BY f.id, fl.id`,
  )
    .bind(orderId)
    .all<{ id: string; location_id: string; status: string; sku: string | null; quantity: number | null; line_id: string | null }>();
  const byId = new Map<string, { status: string; lines: { sku: string; quantity: number }[] }>();
  for (const r of results) {
    const s = byId.get(r.id) ?? { status: r.status, lines: [] };
    if (r.sku) s.lines.push({ sku: r.sku, quantity: r.quantity! });
    byId.set(r.id, s);
  }
  return Object.fromEntries(byId);
}

async function expectCleanAudit() {
  const audit = await auditStock(env);
  expect(audit.discrepancies).toEqual([]);
}

describe("a location whose shipment was cancelled", () => {
  it("ships units an edit adds there in a new shipment, not in the cancelled one", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    expect((await moves().cancel(ids.lyon, "damaged stock")).data).toMatchObject({ status: "cancelled" });
    expect(await cell(w.lyon, sku)).toMatchObject({ committed: 0, available: 2 });

    // A SKU only Lyon has: the edit allocates it there.
    const [extra] = await makeProduct([700]);
    await receive(extra, w.lyon, 4);
    const edited = await admin().POST("/v1/orders/{id}/edit", { ...path(order.id), body: { expected_version: (await orderOf(order.id)).version, changes: [{ type: "add_line", sku: extra, quantity: 1 }] } });
    expect(edited.response.status).toBe(200);
    expect(edited.data!.lines.find((l) => l.sku === extra)!.allocations).toMatchObject([{ location_id: w.lyon, quantity: 1 }]);

    const second = fulfillmentIdOf(order.id, w.lyon, 2);
    await vi.waitFor(async () => expect((await shipments(order.id))[second]).toBeDefined(), { timeout: 20_000, interval: 50 });
    expect(await shipments(order.id)).toEqual({
      [ids.berlin]: { status: "pending", lines: [{ sku, quantity: 3 }] },
      // The cancelled shipment keeps what it was, and takes nothing more.
      [ids.lyon]: { status: "cancelled", lines: [{ sku, quantity: 2 }] },
      // Only the new units: the 2 the cancel gave back are not shipped again.
      [second]: { status: "pending", lines: [{ sku: extra, quantity: 1 }] },
    });
    expect(await cell(w.lyon, extra)).toMatchObject({ on_hand: 4, committed: 1, available: 3 });

    // The job again (a redelivery) makes nothing twice.
    expect((await createFulfillments(env, { orderId: order.id })).sort()).toEqual([ids.berlin, second].sort());
    expect(Object.keys(await shipments(order.id))).toHaveLength(3);

    // The new shipment is a live one: it packs and ships, and its unit leaves Lyon.
    expect((await moves().pack(second)).response.status).toBe(200);
    expect((await moves().ship(second, { ...shipment, tracking_number: "JD0002" })).data).toMatchObject({ status: "shipped" });
    expect(await cell(w.lyon, extra)).toMatchObject({ on_hand: 3, committed: 0, available: 3 });
    expect(await cell(w.lyon, sku)).toMatchObject({ on_hand: 2, committed: 0, available: 2 });
    expect((await orderOf(order.id)).fulfillment_status).toBe("partial");
    await expectCleanAudit();
  });

  it("does not ship again the units the cancel gave back when a hold is released", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    await moves().cancel(ids.lyon);
    const held = await admin().POST("/v1/orders/{id}/hold", { ...path(order.id), body: { kind: "manual", reason: "customer called" } });
    expect(held.data).toMatchObject({ status: "on_hold" });
    const released = await admin().POST("/v1/orders/{id}/release", { ...path(order.id), body: {} });
    expect(released.data).toMatchObject({ status: "open" });

    // What the release's job does, run here: Berlin's shipment stands, Lyon gets none (nothing there needs one).
    expect(await createFulfillments(env, { orderId: order.id })).toEqual([ids.berlin]);
    expect(await shipments(order.id)).toEqual({
      [ids.berlin]: { status: "pending", lines: [{ sku, quantity: 3 }] },
      [ids.lyon]: { status: "cancelled", lines: [{ sku, quantity: 2 }] },
    });
    expect(await cell(w.lyon, sku)).toMatchObject({ committed: 0, held: 0, available: 2 });
    await expectCleanAudit();
  });
});
