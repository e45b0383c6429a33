// A shipment walked from pending to delivered by an operator: the fulfillment, the order, the cell and the outbox agree.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cell, ledgerOps, makeWorld, moves, orderOf, outbox, paidSplitOrder, parcel, shipment, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

describe("fulfillment lifecycle", () => {
  it("picks, packs, ships once and delivers; the order goes partial, fulfilled, delivered", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    const m = moves();

    const picking = await m.picking(ids.berlin);
    expect(picking.response.status).toBe(200);
    expect(picking.data).toMatchObject({ id: ids.berlin, status: "picking", location_id: w.berlin });

    const packed = await m.pack(ids.berlin);
    expect(packed.data).toMatchObject({ status: "packed", parcel });
    const row = await env.DB.prepare("SELECT parcel FROM fulfillments WHERE id = ?").bind(ids.berlin).first<{ parcel: string }>();
    expect(JSON.parse(row!.parcel)).toEqual(parcel);

    const before = await cell(w.berlin, sku);
    const shipped = await m.ship(ids.berlin);
    expect(shipped.response.status).toBe(200);
    expect(shipped.data).toMatchObject({ status: "shipped", ...shipment, tracking_url: "https://track.example/dhl/JD0001" });
    expect(shipped.data!.shipped_at).toBeTypeOf("number");
    expect(shipped.data!.lines).toEqual([expect.objectContaining({ sku, quantity: 3 })]);
    expect(await cell(w.berlin, sku)).toMatchObject({ on_hand: before.on_hand - 3, committed: before.committed - 3 });
    expect((await orderOf(order.id)).fulfillment_status).toBe("partial");

    // A second ship changes nothing: 409, one `fulfill` in the ledger, one outbox event.
    const again = await m.ship(ids.berlin, { ...shipment, tracking_number: "OTHER" });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "invalid_transition", from: "shipped", to: "shipped" });
    expect((await ledgerOps(w.berlin, sku)).filter((op) => op === "fulfill")).toHaveLength(1);
    expect(await cell(w.berlin, sku)).toMatchObject({ on_hand: before.on_hand - 3 });
    expect((await m.get(ids.berlin)).data).toEqual(shipped.data);

    await m.pack(ids.lyon);
    expect((await m.ship(ids.lyon, { ...shipment, tracking_number: "JD0002" })).response.status).toBe(200);
    expect((await orderOf(order.id)).fulfillment_status).toBe("fulfilled");

    expect((await m.deliver(ids.berlin)).data).toMatchObject({ status: "delivered", delivered_at: expect.any(Number) });
    expect((await orderOf(order.id)).fulfillment_status).toBe("fulfilled");
    await m.deliver(ids.lyon);
    const done = await orderOf(order.id);
    expect(done.fulfillment_status).toBe("delivered");
    expect(done.events.map((e) => e.type).filter((t) => t.startsWith("fulfillment."))).toEqual(
      expect.arrayContaining(["fulfillment.picking", "fulfillment.packed", "fulfillment.shipped", "fulfillment.delivered"]),
    );

    const shippedEvents = await outbox(order.id, "fulfillment.shipped");
    expect(shippedEvents).toHaveLength(2);
    expect(shippedEvents).toContainEqual(
      expect.objectContaining({ fulfillment_id: ids.berlin, order_id: order.id, carrier: "dhl", service: "paket", tracking_number: "JD0001", tracking_url: "https://track.example/dhl/JD0001" }),
    );
    expect(await outbox(order.id, "fulfillment.delivered")).toHaveLength(2);
  });

  it("refuses moves out of order, naming from and to, and changes nothing", async () => {
    const { ids } = await paidSplitOrder(w);
    const m = moves();
    const ship = await m.ship(ids.berlin);
    expect(ship.response.status).toBe(409);
    expect(ship.error).toMatchObject({ code: "invalid_transition", from: "pending", to: "shipped" });
    expect((await m.deliver(ids.berlin)).error).toMatchObject({ from: "pending", to: "delivered" });
    const packed = await m.pack(ids.berlin);
    expect((await m.picking(ids.berlin)).error).toMatchObject({ from: "packed", to: "picking" });
    expect((await m.get(ids.berlin)).data).toEqual(packed.data);
  });

  it("ships nothing while the order is on hold or cancelled", async () => {
    const { order, sku, ids } = await paidSplitOrder(w);
    const m = moves();
    await m.pack(ids.berlin);
    await env.DB.prepare("UPDATE orders SET status = 'on_hold' WHERE id = ?").bind(order.id).run();
    const before = await cell(w.berlin, sku);
    const held = await m.ship(ids.berlin);
    expect(held.response.status).toBe(409);
    expect(held.error).toMatchObject({ code: "invalid_transition", transition: "fulfillment_shipped", from: { status: "on_hold" } });
    expect(await cell(w.berlin, sku)).toEqual(before);
    expect((await m.get(ids.berlin)).data!.status).toBe("packed");
  });

  it("takes carrier and service from the label when the request leaves them out", async () => {
    const { ids } = await paidSplitOrder(w);
    const m = moves();
    await m.pack(ids.berlin);
    const missing = await m.ship(ids.berlin, { tracking_number: "X1" });
    expect(missing.response.status).toBe(400);
    expect(missing.error).toMatchObject({ code: "validation_failed", errors: [{ field: "body.carrier" }, { field: "body.service" }] });
    await env.DB.prepare("UPDATE fulfillments SET carrier = 'ups', service = 'ground' WHERE id = ?").bind(ids.berlin).run();
    expect((await m.ship(ids.berlin, { tracking_number: "X1" })).data).toMatchObject({ carrier: "ups", service: "ground", tracking_number: "X1" });
  });
});
