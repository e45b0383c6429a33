// The relay: outbox events reach the notifications queue once each, from a request or from the cron.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { relayEvents, relaySoon } from "../../src/events/relay";
import { deliveriesOf, eventsOf, newBox, paidOrder, received, subscribe } from "./world";

describe("outbox relay", () => {
  it("hands each event over once, however often it runs, and a subscriber gets each once", async () => {
    const box = newBox("relay");
    const sub = await subscribe(`https://receiver.test/hooks/${box}`);
    const order = await paidOrder();
    expect((await eventsOf(order.id)).map((e) => [e.type, e.dispatched_at])).toEqual([
      ["order.created", null],
      ["order.confirmed", null],
    ]);

    expect(await relayEvents(env)).toBeGreaterThanOrEqual(2);
    expect(await relayEvents(env)).toBe(0);
    const events = await eventsOf(order.id);
    expect(events.every((e) => typeof e.dispatched_at === "number")).toBe(true);

    // A relay that died between sending and marking sends again: the job id (the event id) absorbs it.
    await env.DB.prepare("UPDATE events SET dispatched_at = NULL WHERE order_id = ?").bind(order.id).run();
    expect(await relayEvents(env)).toBe(2);

    await vi.waitFor(async () => expect((await deliveriesOf(sub.id)).filter((d) => d.status === "succeeded")).toHaveLength(2), { timeout: 20_000, interval: 50 });
    expect((await deliveriesOf(sub.id)).map((d) => d.event_id).sort()).toEqual(events.map((e) => e.id).sort());
    const got = await received(box);
    expect(got.map((r) => r.headers["webhook-id"]).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("relays oldest first, at most `limit` at a time", async () => {
    await relayEvents(env);
    const a = await paidOrder();
    const b = await paidOrder();
    expect(await relayEvents(env, 3)).toBe(3);
    expect((await eventsOf(a.id)).every((e) => e.dispatched_at)).toBe(true);
    expect((await eventsOf(b.id)).map((e) => Boolean(e.dispatched_at))).toEqual([true, false]);
    expect(await relayEvents(env)).toBe(1);
  });

  it("relays from the cron sweep, and from relaySoon after a request", async () => {
    const swept = await paidOrder();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await eventsOf(swept.id)).every((e) => e.dispatched_at)).toBe(true);

    const soon = await paidOrder();
    const later = createExecutionContext();
    relaySoon(env, (p) => later.waitUntil(p));
    await waitOnExecutionContext(later);
    expect((await eventsOf(soon.id)).every((e) => e.dispatched_at)).toBe(true);
  });

  it("marks events nobody listens to as relayed without a job, and dispatches those a customer hears about", async () => {
    // No subscription in this file asks for order.created; order.confirmed tells the customer.
    await env.DB.prepare("UPDATE webhook_subscriptions SET active = 0").run();
    await relayEvents(env);
    const order = await paidOrder();
    await relayEvents(env);
    const [created, confirmed] = await eventsOf(order.id);
    expect([created.type, confirmed.type]).toEqual(["order.created", "order.confirmed"]);
    expect(created.dispatched_at).toBeTypeOf("number");
    expect(confirmed.dispatched_at).toBeTypeOf("number");
    const jobDone = (eventId: string) => env.DB.prepare("SELECT 1 AS done FROM processed_messages WHERE id = ?").bind(`dispatch_event:${eventId}`).first();
    await vi.waitFor(async () => expect(await jobDone(confirmed.id)).not.toBeNull(), { timeout: 20_000, interval: 50 });
    expect(await jobDone(created.id)).toBeNull();
    const messages = await env.DB.prepare("SELECT kind FROM notifications WHERE order_id = ?").bind(order.id).all<{ kind: string }>();
    expect(messages.results.map((m) => m.kind)).toEqual(["order_confirmed"]);
  });
});
