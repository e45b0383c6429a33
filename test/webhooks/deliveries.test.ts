// Outbound webhooks: signed per Standard Webhooks, recorded per delivery, retried until the receiver answers 2xx.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { relayEvents } from "../../src/events/relay";
import { deliverWebhook } from "../../src/webhooks/deliver";
import { verify } from "../../src/webhooks/signature";
import { admin } from "../helpers/client";
import { deliveriesOf, eventsOf, newBox, paidOrder, received, subscribe } from "../events/world";

const wait = { timeout: 15_000, interval: 100 };

const deliveryFor = async (subscriptionId: string, eventId: string) => (await deliveriesOf(subscriptionId)).find((d) => d.event_id === eventId);

describe("webhook deliveries", () => {
  it("posts order.created and order.confirmed of a paid checkout, signed, with the event id as webhook-id", async () => {
    const box = newBox("paid");
    const sub = await subscribe(`https://receiver.test/hooks/${box}`);
    const order = await paidOrder();
    await relayEvents(env);
    const events = await eventsOf(order.id);

    await vi.waitFor(async () => expect((await received(box)).filter((r) => JSON.parse(r.body).data.order_id === order.id)).toHaveLength(2), wait);
    const got = (await received(box)).filter((r) => JSON.parse(r.body).data.order_id === order.id);
    for (const r of got) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(await verify({ secret: sub.secret, headers: r.headers, body: r.body })).toEqual({ ok: true });
    }
    const byType = Object.fromEntries(got.map((r) => [JSON.parse(r.body).type, r]));
    for (const e of events) {
      expect(byType[e.type].headers["webhook-id"]).toBe(e.id);
      expect(JSON.parse(byType[e.type].body)).toMatchObject({ type: e.type, timestamp: expect.stringMatching(/^\d{4}-.*Z$/), data: { order_id: order.id, number: order.number } });
    }
    expect(await verify({ secret: sub.secret, headers: got[0].headers, body: got[0].body.replace("}", ',"x":1}') })).toMatchObject({ ok: false });

    const { data, response } = await admin().GET("/v1/webhook-subscriptions/{id}/deliveries", { params: { path: { id: sub.id }, query: {} } });
    expect(response.status).toBe(200);
    expect(data!.data.filter((d) => events.some((e) => e.id === d.event_id))).toHaveLength(2);
    expect(data!.data[0]).toMatchObject({ subscription_id: sub.id, status: "succeeded", attempts: 1, last_status_code: 204, last_error: null });
  });

  it("records a failing receiver's answers, retries with backoff, and succeeds once the URL is fixed", async () => {
    const box = newBox("flaky");
    const sub = await subscribe(`https://receiver.test/hooks/${box}?status=500`, ["order.created"]);
    const order = await paidOrder();
    await relayEvents(env);
    const [created] = await eventsOf(order.id);

    await vi.waitFor(async () => expect(await deliveryFor(sub.id, created.id)).toMatchObject({ attempts: 1, status: "pending", last_status_code: 500, last_error: "HTTP 500" }), wait);
    const pending = await env.DB.prepare("SELECT next_attempt_at FROM webhook_deliveries WHERE event_id = ? AND subscription_id = ?").bind(created.id, sub.id).first<{ next_attempt_at: number }>();
    expect(pending!.next_attempt_at).toBeGreaterThan(Date.now() - 5000);

    await admin().PATCH("/v1/webhook-subscriptions/{id}", { params: { path: { id: sub.id } }, body: { url: `https://receiver.test/hooks/${box}?status=204` } });
    // The queue's own retry, after its backoff, finds the fixed URL.
    await vi.waitFor(async () => expect(await deliveryFor(sub.id, created.id)).toMatchObject({ status: "succeeded", last_status_code: 204, last_error: null }), wait);
    const attempts = (await deliveryFor(sub.id, created.id))!.attempts;
    expect(attempts).toBeGreaterThanOrEqual(2);
    const got = await received(box);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([created.id]));
  }, 45_000);

  it("marks a delivery failed after 8 attempts, and the retry route sends it again", async () => {
    const box = newBox("dead");
    const sub = await subscribe(`https://receiver.test/hooks/${box}?status=503`, ["order.created"]);
    const order = await paidOrder();
    await relayEvents(env);
    const [created] = await eventsOf(order.id);
    await vi.waitFor(async () => expect((await deliveryFor(sub.id, created.id))?.attempts).toBe(1), wait);
    // Seven attempts behind it: the next one is the last.
    const deliveryId = (await deliveryFor(sub.id, created.id))!.id;
    await env.DB.prepare("UPDATE webhook_deliveries SET attempts = 7 WHERE id = ?").bind(deliveryId).run();
    await expect(deliverWebhook(env, { deliveryId })).rejects.toThrow(/HTTP 503/);
    expect(await deliveryFor(sub.id, created.id)).toMatchObject({ status: "failed", last_status_code: 503, next_attempt_at: null });
    expect((await deliveryFor(sub.id, created.id))!.attempts).toBeGreaterThanOrEqual(8);

    const failed = await admin().GET("/v1/webhook-subscriptions/{id}/deliveries", { params: { path: { id: sub.id }, query: { status: "failed" } } });
    expect(failed.data!.data.map((d) => d.id)).toEqual([deliveryId]);

    await admin().PATCH("/v1/webhook-subscriptions/{id}", { params: { path: { id: sub.id } }, body: { url: `https://receiver.test/hooks/${box}` } });
    const retry = await admin().POST("/v1/webhook-deliveries/{id}/retry", { params: { path: { id: deliveryId } } });
    expect(retry.response.status).toBe(202);
    expect(retry.data).toMatchObject({ id: deliveryId, status: "pending", next_attempt_at: null });
    await vi.waitFor(async () => expect(await deliveryFor(sub.id, created.id)).toMatchObject({ status: "succeeded", last_status_code: 204 }), wait);

    const again = await admin().POST("/v1/webhook-deliveries/{id}/retry", { params: { path: { id: deliveryId } } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "webhook_delivery_succeeded" });
  }, 45_000);

  it("sends nothing to an inactive subscription, nor to one deactivated before its delivery ran", async () => {
    const box = newBox("inactive");
    const sub = await subscribe(`https://receiver.test/hooks/${box}`, ["order.created", "order.confirmed"], false);
    await paidOrder();
    await relayEvents(env);
    // A live subscription on the same events shows the events went out.
    const control = newBox("control");
    const live = await subscribe(`https://receiver.test/hooks/${control}`, ["order.created"]);
    const second = await paidOrder();
    await relayEvents(env);
    await vi.waitFor(async () => expect((await deliveriesOf(live.id)).some((d) => d.status === "succeeded")).toBe(true), wait);
    expect(await deliveriesOf(sub.id)).toEqual([]);
    expect(await received(box)).toEqual([]);

    // Deactivated between dispatch and delivery: the delivery is cancelled, not sent.
    const [ev] = await eventsOf(second.id);
    await env.DB.prepare(
      "INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, status, attempts, created_at, updated_at) VALUES ('whd_manual', ?, ?, 'order.created', 'pending', 0, 0, 0)",
    )
      .bind(sub.id, ev.id)
      .run();
    await deliverWebhook(env, { deliveryId: "whd_manual" });
    expect(await deliveriesOf(sub.id)).toMatchObject([{ status: "cancelled", attempts: 0, last_error: "subscription inactive or deleted" }]);
    expect(await received(box)).toEqual([]);
  });

  it("answers 404 for an unknown subscription or delivery", async () => {
    const list = await admin().GET("/v1/webhook-subscriptions/{id}/deliveries", { params: { path: { id: "whs_nope" }, query: {} } });
    expect(list.response.status).toBe(404);
    expect(list.error).toMatchObject({ code: "webhook_subscription_not_found" });
    const retry = await admin().POST("/v1/webhook-deliveries/{id}/retry", { params: { path: { id: "whd_nope" } } });
    expect(retry.response.status).toBe(404);
    expect(retry.error).toMatchObject({ code: "webhook_delivery_not_found" });
  });
});
