// Holds: stock stays reserved, nothing goes to fulfillment until release, and the state machine refuses nonsense.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createFulfillments } from "../../src/fulfillment/create";
import { admin } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { cellOf, fulfillmentsOf, orderOf, path, placeOrder } from "./world";

let pk: string;
let berlin: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
});

const hold = (id: string, body: { kind: "manual" | "fraud_review" | "address_verification" | "payment_review"; reason?: string; expected_version?: number }) =>
  admin().POST("/v1/orders/{id}/hold", { ...path(id), body });
const release = (id: string, body: { note?: string; expected_version?: number } = {}) => admin().POST("/v1/orders/{id}/release", { ...path(id), body });

describe("holds", () => {
  it("keeps a held order's stock and out of fulfillment until it is released", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
    const held = await hold(order.id, { kind: "address_verification", reason: "house number missing", expected_version: order.version });
    expect(held.data).toMatchObject({ status: "on_hold", hold: { kind: "address_verification", reason: "house number missing" } });
    const paid = await admin().POST("/v1/orders/{id}/confirm-payment", { ...path(order.id), body: { provider: "psp", reference: "pi_1", amount: 2000 } });
    expect(paid.data).toMatchObject({ status: "on_hold", payment_status: "authorized" });
    expect(await cellOf(berlin, sku)).toMatchObject({ committed: 2, available: 3 });
    // The job the confirmation sent makes nothing for a held order, however often it runs.
    expect(await createFulfillments(env, { orderId: order.id })).toEqual([]);

    const released = await release(order.id, { note: "customer confirmed the address" });
    expect(released.data).toMatchObject({ status: "open", hold: null });
    expect(released.data!.events.at(-1)).toMatchObject({ type: "order.hold_released", data: { kind: "address_verification", note: "customer confirmed the address" } });
    expect(await fulfillmentsOf(order.id, 1)).toMatchObject([{ status: "pending", units: 2 }]);
  });

  it("refuses to release an order that is not held, or to hold it twice, naming the transition", async () => {
    const { order } = await placeOrder(pk, [[berlin, 1]], 1);
    const res = await release(order.id);
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "invalid_transition", transition: "hold_released", from: { status: "open" } });
    await hold(order.id, { kind: "manual" });
    const twice = await hold(order.id, { kind: "payment_review" });
    expect(twice.response.status).toBe(409);
    expect(twice.error).toMatchObject({ code: "invalid_transition", transition: "hold_placed", from: { status: "on_hold" } });
  });

  it("refuses a hold made against an old version", async () => {
    const { order } = await placeOrder(pk, [[berlin, 1]], 1);
    await admin().POST("/v1/orders/{id}/cancel", { ...path(order.id), body: { reason: "gone" } });
    const res = await hold(order.id, { kind: "manual", expected_version: order.version });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "order_changed" });
    expect((await orderOf(order.id)).status).toBe("cancelled");
  });
});
