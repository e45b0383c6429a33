// Tracking webhooks from EasyPost, Shippo and AfterShip take a shipped order to delivered; replays are deduped, an older
// event never overwrites a newer status, and only a correctly signed request is heard.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, checkedRaw } from "../helpers/client";
import { type Desk, email, makeDesk, shippedOrder } from "../orders/desk";
import { aftershipWebhook, easypostWebhook, historyOf, setSecrets, shipment, shippoWebhook } from "./senders";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
  await setSecrets();
});

const orderState = async (id: string) => (await admin().GET("/v1/orders/{id}", { params: { path: { id } } })).data!;

describe("tracking webhooks", () => {
  it("EasyPost: a signed tracker.updated delivers the shipment as the carrier; a replay records nothing twice", async () => {
    const { order, fulfillmentId, tracking } = await shippedOrder(d, { email: email() });
    const scans = [
      { status: "in_transit", at: "2026-11-30T08:00:00Z" },
      { status: "out_for_delivery", at: "2026-12-01T07:30:00Z" },
      { status: "delivered", at: "2026-12-01T11:02:00Z", message: "Delivered, front door" },
    ];
    const res = await easypostWebhook(tracking, scans);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: "recorded", recorded: 3, fulfillment_id: fulfillmentId });
    expect(await shipment(fulfillmentId)).toMatchObject({ status: "delivered", tracking_status: "delivered", tracking_status_at: Date.parse("2026-12-01T11:02:00Z") });
    const o = await orderState(order.id);
    expect(o.fulfillment_status).toBe("delivered");
    const delivered = await env.DB.prepare("SELECT actor FROM order_events WHERE order_id = ? AND type = 'fulfillment.delivered'").bind(order.id).all<{ actor: string }>();
    expect(delivered.results).toEqual([{ actor: "carrier:DHL" }]);

    const replay = await easypostWebhook(tracking, scans);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: "duplicate", recorded: 0, fulfillment_id: fulfillmentId });
    expect((await historyOf(fulfillmentId)).map((e) => e.status)).toEqual(["in_transit", "out_for_delivery", "delivered"]);
  });

  it("Shippo: track_updated with the URL token delivers; a wrong token is 401 and changes nothing", async () => {
    const { fulfillmentId, tracking } = await shippedOrder(d, { email: email() });
    const refused = await shippoWebhook(tracking, [{ status: "DELIVERED", at: "2026-12-01T10:00:00Z" }], "guessed-token-123");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 401, code: "invalid_signature" });
    expect(await shipment(fulfillmentId)).toMatchObject({ status: "shipped", tracking_status: null });

    const res = await shippoWebhook(tracking, [
      { status: "TRANSIT", at: "2026-11-30T09:00:00Z" },
      { status: "TRANSIT", substatus: "out_for_delivery", at: "2026-12-01T06:00:00Z" },
      { status: "DELIVERED", at: "2026-12-01T10:00:00Z", details: "Delivered to neighbour" },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "recorded", recorded: 3 });
    expect(await shipment(fulfillmentId)).toMatchObject({ status: "delivered", tracking_status: "delivered" });
    expect((await historyOf(fulfillmentId)).map((e) => e.status)).toEqual(["in_transit", "out_for_delivery", "delivered"]);
  });

  it("AfterShip: a signed tracking_update delivers; a bad signature is a 401 problem", async () => {
    const { fulfillmentId, tracking } = await shippedOrder(d, { email: email() });
    const checkpoints = [
      { tag: "InTransit", at: "2026-11-30T10:00:00+01:00" },
      { tag: "Delivered", at: "2026-12-01T12:00:00+01:00" },
    ];
    const refused = await aftershipWebhook(tracking, checkpoints, "not-the-secret");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "invalid_signature" });
    expect((await historyOf(fulfillmentId)).length).toBe(0);

    const res = await aftershipWebhook(tracking, checkpoints);
    expect(res.status).toBe(200);
    expect(await shipment(fulfillmentId)).toMatchObject({ status: "delivered", tracking_status: "delivered", tracking_status_at: Date.parse("2026-12-01T11:00:00Z") });
  });

  it("an older event arriving after a newer one is kept as history but does not change the latest status", async () => {
    const { fulfillmentId, tracking } = await shippedOrder(d, { email: email() });
    expect((await easypostWebhook(tracking, [{ status: "out_for_delivery", at: "2026-12-01T07:00:00Z" }])).status).toBe(200);
    expect((await easypostWebhook(tracking, [{ status: "in_transit", at: "2026-11-30T20:00:00Z" }])).status).toBe(200);
    expect(await shipment(fulfillmentId)).toMatchObject({ status: "shipped", tracking_status: "out_for_delivery", tracking_status_at: Date.parse("2026-12-01T07:00:00Z") });
    expect((await historyOf(fulfillmentId)).map((e) => e.status)).toEqual(["in_transit", "out_for_delivery"]);
  });

  it("a well-signed event for a tracking number no shipment has is accepted (202) and kept as unmatched", async () => {
    const unknown = `ZZ${crypto.randomUUID().slice(0, 12)}`;
    const res = await easypostWebhook(unknown, [{ status: "in_transit", at: "2026-12-01T07:00:00Z" }]);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ outcome: "unmatched", recorded: 1, fulfillment_id: null });
    const kept = await env.DB.prepare("SELECT fulfillment_id, status FROM tracking_events WHERE tracking_number = ?").bind(unknown).all();
    expect(kept.results).toEqual([{ fulfillment_id: null, status: "in_transit" }]);
  });

  it("a body above the webhook limit is refused with 413 before anything is read", async () => {
    const res = await checkedRaw("/v1/tracking/webhooks/aftership", { method: "POST", headers: { "content-type": "application/json" }, body: `{"msg":"${"x".repeat(300 * 1024)}"}` }, null);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "payload_too_large" });
  });
});
