// Customer notifications: rendered once per event, kept in the outbox for the merchant, sent signed to the
// merchant's messaging endpoint when one is configured.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { dispatchEvent } from "../../src/events/dispatch";
import { relayEvents } from "../../src/events/relay";
import { sendNotification } from "../../src/notifications/send";
import { generateSecret, verify } from "../../src/webhooks/signature";
import { admin } from "../helpers/client";
import { eventsOf, newBox, paidOrder, received } from "../events/world";

const wait = { timeout: 10_000, interval: 100 };
const outbox = async (orderId: string) =>
  (await admin().GET("/v1/notifications", { params: { query: { order_id: orderId } } })).data!.data;

const configured = (box: string, status = 204) => ({
  ...env,
  NOTIFY_WEBHOOK_URL: `https://receiver.test/hooks/${box}?status=${status}`,
  NOTIFY_WEBHOOK_SECRET: secret,
});
const secret = generateSecret();

describe("customer notifications", () => {
  it("renders order confirmed into the outbox, unsent while no messaging endpoint is configured", async () => {
    const order = await paidOrder(3);
    await relayEvents(env);
    await vi.waitFor(async () => expect(await outbox(order.id)).toMatchObject([{ status: "unsent" }]), wait);
    const [message] = await outbox(order.id);
    expect(message).toMatchObject({
      order_id: order.id,
      kind: "order_confirmed",
      to: "ada@example.com",
      subject: `We have your order #${order.number}`,
      channel: "webhook",
      attempts: 0,
      sent_at: null,
    });
    expect(message.body).toContain(`3 × `);
    expect(message.body).toContain(order.sku);
  });

  it("sends a message signed to the messaging endpoint, once however often the job runs", async () => {
    const order = await paidOrder();
    const confirmed = (await eventsOf(order.id)).find((e) => e.type === "order.confirmed")!;
    const box = newBox("msgs");
    await dispatchEvent(env, { eventId: confirmed.id });
    await dispatchEvent(env, { eventId: confirmed.id });
    const stored = await outbox(order.id);
    expect(stored).toHaveLength(1);

    await sendNotification(configured(box), { notificationId: stored[0].id });
    await sendNotification(configured(box), { notificationId: stored[0].id });
    const got = await received(box);
    expect(got).toHaveLength(1);
    expect(got[0].headers["webhook-id"]).toBe(stored[0].id);
    expect(await verify({ secret, headers: got[0].headers, body: got[0].body })).toEqual({ ok: true });
    expect(JSON.parse(got[0].body)).toEqual({
      to: "ada@example.com",
      subject: stored[0].subject,
      body: stored[0].body,
      order_id: order.id,
      kind: "order_confirmed",
    });
    expect((await outbox(order.id))[0]).toMatchObject({ status: "sent", attempts: 1, last_error: null, sent_at: expect.any(Number) });
  });

  it("records a failed send and throws so the queue retries; marks it failed after 8 attempts", async () => {
    const order = await paidOrder();
    const confirmed = (await eventsOf(order.id)).find((e) => e.type === "order.confirmed")!;
    await dispatchEvent(env, { eventId: confirmed.id });
    const [message] = await outbox(order.id);
    const down = configured(newBox("down"), 502);
    await expect(sendNotification(down, { notificationId: message.id })).rejects.toThrow(/HTTP 502/);
    expect((await outbox(order.id))[0]).toMatchObject({ status: "pending", attempts: 1, last_error: "HTTP 502" });
    await env.DB.prepare("UPDATE notifications SET attempts = 7 WHERE id = ?").bind(message.id).run();
    await expect(sendNotification(down, { notificationId: message.id })).rejects.toThrow();
    expect((await outbox(order.id))[0]).toMatchObject({ status: "failed", attempts: 8 });
  });

  it("tells the customer a shipment is on its way, with its items and tracking link", async () => {
    const order = await paidOrder(2);
    const shipped = "ev_test_shipped_" + order.id;
    await env.DB.prepare("INSERT INTO events (id, type, order_id, data, created_at, dispatched_at) VALUES (?, 'fulfillment.shipped', ?, ?, ?, ?)")
      .bind(shipped, order.id, JSON.stringify({ order_id: order.id, tracking_number: "1Z999", carrier: "DHL", tracking_url: "https://track.example/1Z999" }), Date.now(), Date.now())
      .run();
    await dispatchEvent(env, { eventId: shipped });
    const message = (await outbox(order.id)).find((m) => m.kind === "order_shipped")!;
    expect(message.subject).toBe(`Your order #${order.number} is on its way`);
    expect(message.body).toContain("Track your parcel: https://track.example/1Z999");
    expect(message.body).toContain(`2 × `);
  });

  it("lists the whole outbox, newest first, a page at a time", async () => {
    const first = await admin().GET("/v1/notifications", { params: { query: { limit: 1 } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.data).toHaveLength(1);
    const next = await admin().GET("/v1/notifications", { params: { query: { limit: 1, cursor: first.data!.next_cursor! } } });
    expect(next.data!.data[0].id < first.data!.data[0].id).toBe(true);
  });
});
