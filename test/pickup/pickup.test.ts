// Pickup in store: the store accepts, marks ready (the customer's message carries the code), and hands over on the
// code; a wrong code is refused and counted, too many lock the code; a rejected pickup gives its stock back.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { relayEvents } from "../../src/events/relay";
import { admin } from "../helpers/client";
import { bag, cell, codeFromMessage, makeStore, messages, path, pickup, pickupOrder, wait } from "./world";

let store: string;
beforeAll(async () => {
  store = await makeStore();
});

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("pickup in store", () => {
  it("goes accept → ready with a code in the customer's message → handed over on that code only", async () => {
    const { order, sku, id } = await pickupOrder(store, 5, 2);
    expect((await admin().GET("/v1/fulfillments/{id}/pickup", path(id))).data).toMatchObject({ status: "awaiting_answer", fulfillment: { status: "pending" } });

    const accepted = await pickup.accept(id);
    expect(accepted.response.status).toBe(200);
    expect(accepted.data).toMatchObject({ status: "accepted", fulfillment: { status: "picking" } });

    // Not packed and no parcel: the store is told to pack first.
    const unpacked = await pickup.ready(id);
    expect(unpacked.response.status).toBe(409);
    expect(unpacked.error).toMatchObject({ code: "not_packed" });

    const ready = await pickup.ready(id, bag);
    expect(ready.response.status).toBe(200);
    expect(ready.data).toMatchObject({ status: "ready", wrong_attempts: 0, fulfillment: { status: "packed" } });
    expect(ready.data!.collect_by! - ready.data!.ready_at!).toBe(7 * 86_400_000);

    const code = await codeFromMessage(order.id);
    const [message] = (await messages(order.id)).filter((m) => m.kind === "ready_for_pickup");
    expect(message.subject).toBe(`Your order #${order.number} is ready for pickup`);
    expect(message.body).toContain(`2 × `);
    expect(message.body).toContain(sku);
    // Only a salted hash is kept.
    const stored = await env.DB.prepare("SELECT code_hash FROM pickups WHERE fulfillment_id = ?").bind(id).first<{ code_hash: string }>();
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.code_hash).not.toContain(code);
    // The outbound event does not carry the code either.
    const { results: events } = await env.DB.prepare("SELECT data FROM events WHERE order_id = ? AND type = 'fulfillment.ready_for_pickup'").bind(order.id).all<{ data: string }>();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].data)).toMatchObject({ fulfillment_id: id, location_id: store, collect_by: ready.data!.collect_by });
    expect(events[0].data).not.toContain(code);

    const wrong = await pickup.handover(id, otherCode(code));
    expect(wrong.response.status).toBe(422);
    expect(wrong.error).toMatchObject({ code: "pickup_code_wrong", attempts_left: 4 });
    expect(await cell(store, sku)).toMatchObject({ on_hand: 5, committed: 2 });

    const handed = await pickup.handover(id, code);
    expect(handed.response.status).toBe(200);
    expect(handed.data).toMatchObject({ status: "collected", wrong_attempts: 1, fulfillment: { status: "delivered", carrier: "pickup" } });
    expect(handed.data!.collected_at).toEqual(expect.any(Number));
    expect(await cell(store, sku)).toMatchObject({ on_hand: 3, committed: 0, available: 3 });
    const after = await admin().GET("/v1/orders/{id}", path(order.id));
    expect(after.data).toMatchObject({ fulfillment_status: "delivered" });

    expect((await admin().GET("/v1/fulfillments/{id}/pickup", path(id))).data).toMatchObject({ status: "collected" });
    // Handed over once: the code does nothing more.
    const again = await pickup.handover(id, code);
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "pickup_not_ready" });

    // The customer hears "collected", and no "on its way" for a parcel that never travelled.
    await relayEvents(env);
    await vi.waitFor(async () => expect((await messages(order.id)).map((m) => m.kind)).toContain("order_delivered"), wait);
    const kinds = (await messages(order.id)).map((m) => m.kind);
    expect(kinds).not.toContain("order_shipped");
    expect((await messages(order.id)).find((m) => m.kind === "order_delivered")!.subject).toBe(`You collected your order #${order.number}`);
  });

  it("locks the code after 5 wrong ones; marking it ready again sends a new code that works", async () => {
    const { order, id } = await pickupOrder(store, 3, 1);
    await pickup.accept(id);
    await pickup.ready(id, bag);
    const first = await codeFromMessage(order.id);
    for (let left = 4; left >= 0; left--) {
      const res = await pickup.handover(id, otherCode(first));
      expect(res.error).toMatchObject({ code: "pickup_code_wrong", attempts_left: left });
    }
    const locked = await pickup.handover(id, first);
    expect(locked.response.status).toBe(409);
    expect(locked.error).toMatchObject({ code: "pickup_code_locked" });
    expect((await admin().GET("/v1/fulfillments/{id}", path(id))).data).toMatchObject({ status: "packed" });

    const reissued = await pickup.ready(id);
    expect(reissued.data).toMatchObject({ status: "ready", wrong_attempts: 0 });
    expect((await messages(order.id)).filter((m) => m.kind === "ready_for_pickup")).toHaveLength(2);
    const second = await codeFromMessage(order.id);
    if (second !== first) expect((await pickup.handover(id, first)).error).toMatchObject({ code: "pickup_code_wrong" });
    expect((await pickup.handover(id, second)).data).toMatchObject({ status: "collected", fulfillment: { status: "delivered" } });
  });

  it("rejected by the store: the units are cancelled and back on sale, the money refunded", async () => {
    const { order, sku, id } = await pickupOrder(store, 4, 3);
    expect(await cell(store, sku)).toMatchObject({ available: 1, committed: 3 });
    const rejected = await pickup.reject(id, "damaged in store");
    expect(rejected.response.status).toBe(200);
    expect(rejected.data).toMatchObject({ status: "rejected", reason: "damaged in store", fulfillment: { status: "cancelled" } });
    expect(await cell(store, sku)).toMatchObject({ on_hand: 4, available: 4, committed: 0 });
    const after = (await admin().GET("/v1/orders/{id}", path(order.id))).data!;
    expect(after).toMatchObject({ status: "cancelled", payment_status: "refunded" });
    // Again: nothing more is given back, and a rejected pickup cannot be made ready.
    expect((await pickup.reject(id, "damaged in store")).data).toMatchObject({ status: "rejected" });
    expect(await cell(store, sku)).toMatchObject({ on_hand: 4, available: 4, committed: 0 });
    expect((await pickup.ready(id, bag)).error).toMatchObject({ code: "pickup_not_accepted" });
  });

  it("answers 404 for a shipment that does not exist", async () => {
    const res = await pickup.accept("ful_nope");
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "fulfillment_not_found" });
  });
});
