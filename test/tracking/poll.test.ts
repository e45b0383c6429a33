// recordTrackingEvents, as the carriers' cron poller calls it: a scan before packing is kept as history without moving
// the shipment; once packed, the carrier's scan ships it (by the desk's own ship path) and its delivery delivers it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { recordTrackingEvents } from "../../src/tracking/record";
import { labelled, moves } from "../fulfillment/world";
import { type Desk, email, makeDesk, placeOrder } from "../orders/desk";
import { historyOf, shipment } from "./senders";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

describe("recordTrackingEvents (the poller's entry)", () => {
  it("a pending shipment keeps the scan as history; a packed one ships and delivers as the carrier", async () => {
    const { order } = await placeOrder(d, { email: email(), paid: true });
    const row = await vi.waitFor(
      async () => {
        const r = await env.DB.prepare("SELECT id, carrier, tracking_number FROM fulfillments WHERE order_id = ? AND tracking_number IS NOT NULL").bind(order.id).first<{ id: string; carrier: string; tracking_number: string }>();
        expect(r).not.toBeNull();
        return r!;
      },
      { timeout: 20_000, interval: 50 },
    );
    await labelled(row.id);
    const ref = { carrier: row.carrier, trackingNumber: row.tracking_number };
    await recordTrackingEvents(env, ref, [{ id: "scan-1", status: "in_transit", at: Date.parse("2026-12-01T08:00:00Z"), message: "Picked up", location: null }]);
    expect(await shipment(row.id)).toMatchObject({ status: "pending", tracking_status: "in_transit" });

    expect((await moves().picking(row.id)).response.status).toBe(200);
    expect((await moves().pack(row.id)).response.status).toBe(200);
    const delivered = { id: "scan-2", status: "delivered" as const, at: Date.parse("2026-12-02T09:00:00Z"), message: "Delivered", location: "Berlin" };
    await recordTrackingEvents(env, ref, [delivered]);
    await recordTrackingEvents(env, ref, [delivered]);
    expect(await shipment(row.id)).toMatchObject({ status: "delivered", tracking_status: "delivered" });
    const moved = await env.DB.prepare("SELECT type, actor FROM order_events WHERE order_id = ? AND type IN ('fulfillment.shipped', 'fulfillment.delivered') ORDER BY created_at, id").bind(order.id).all();
    expect(moved.results).toEqual([
      { type: "fulfillment.shipped", actor: `carrier:${row.carrier}` },
      { type: "fulfillment.delivered", actor: `carrier:${row.carrier}` },
    ]);
    expect((await historyOf(row.id)).map((e) => e.status)).toEqual(["in_transit", "delivered"]);
  });
});
