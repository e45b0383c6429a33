// The fulfillment queue: a paid order reaches fulfillment by itself; consumers are idempotent by job id; failures
// retry per message with backoff; what cannot be done ends recorded in D1 and can be re-driven.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { backoffSeconds } from "../../src/queues/consumer";
import { job } from "../../src/queues/job";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let pk: string;
let berlin: string;
let lyon: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
});

/** A paid order of 5 units, 3 from Berlin and 2 from Lyon. */
async function paidSplitOrder() {
  const [sku] = await makeProduct([1000]);
  await receive(sku, berlin, 3);
  await receive(sku, lyon, 2);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "f@example.com", currency: "EUR", lines: [{ sku, quantity: 5 }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: "r", amount: 5000 } },
  });
  expect(res.response.status).toBe(201);
  return res.data!;
}

const fulfillmentsOf = (orderId: string) =>
  env.DB.prepare(
    `SELECT f.id, f.location_id, f.status, SUM(l.quantity) AS units FROM fulfillments f JOIN fulfillment_lines l ON l.fulfillment_id = f.id
     WHERE f.order_id = ? GROUP BY f.id ORDER BY f.location_id`,
  )
    .bind(orderId)
    .all<{ id: string; location_id: string; status: string; units: number }>()
    .then((r) => r.results);

async function deliver(queue: string, messages: { id: string; body: unknown; attempts?: number }[]) {
  const batch = createMessageBatch(queue, messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("fulfillment queue", () => {
  it("turns a paid order into one pending fulfillment per location, without anyone touching it", async () => {
    const order = await paidSplitOrder();
    await vi.waitFor(async () => expect(await fulfillmentsOf(order.id)).toHaveLength(2), { timeout: 20_000, interval: 50 });
    const expected = [
      { location_id: berlin, units: 3 },
      { location_id: lyon, units: 2 },
    ].sort((a, b) => a.location_id.localeCompare(b.location_id));
    expect(await fulfillmentsOf(order.id)).toMatchObject(expected.map((e) => ({ ...e, status: "pending" })));
    const timeline = await admin().GET("/v1/orders/{id}", { params: { path: { id: order.id } } });
    expect(timeline.data!.events.filter((e) => e.type === "fulfillment.created")).toHaveLength(2);
  });

  it("does nothing twice when a message is delivered again, or the same work is enqueued twice", async () => {
    const order = await paidSplitOrder();
    const body = job("create_fulfillments", order.id, { orderId: order.id });
    const first = await deliver("oms-fulfillment", [{ id: "m1", body }, { id: "m2", body }]);
    expect(first.explicitAcks.sort()).toEqual(["m1", "m2"]);
    const again = await deliver("oms-fulfillment", [{ id: "m3", body }]);
    expect(again.explicitAcks).toEqual(["m3"]);
    await vi.waitFor(async () => expect(await fulfillmentsOf(order.id)).toHaveLength(2), { timeout: 20_000, interval: 50 });
    expect((await fulfillmentsOf(order.id)).reduce((t, f) => t + f.units, 0)).toBe(5);
    const ids = (await fulfillmentsOf(order.id)).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([fulfillmentIdOf(order.id, berlin), fulfillmentIdOf(order.id, lyon)]));
  });

  it("leaves unpaid orders alone", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 1);
    const unpaid = await client(pk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key() } },
      body: { email: "u@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") },
    });
    const result = await deliver("oms-fulfillment", [{ id: "u1", body: job("create_fulfillments", `x-${unpaid.data!.id}`, { orderId: unpaid.data!.id }) }]);
    expect(result.explicitAcks).toEqual(["u1"]);
    expect(await fulfillmentsOf(unpaid.data!.id)).toEqual([]);
  });

  it("retries a failing message alone, with a growing delay, and acks the others", async () => {
    const order = await paidSplitOrder();
    await env.DB.exec("ALTER TABLE fulfillment_lines RENAME TO fulfillment_lines_away");
    try {
      const result = await deliver("oms-fulfillment", [
        { id: "bad", body: job("create_fulfillments", `retry-${order.id}`, { orderId: order.id }), attempts: 3 },
        { id: "noop", body: job("create_fulfillments", "retry-nothing", { orderId: "ord_none" }) },
      ]);
      expect(result.retryMessages).toEqual([{ msgId: "bad" }]);
      expect(result.explicitAcks).toEqual(["noop"]);
    } finally {
      await env.DB.exec("ALTER TABLE fulfillment_lines_away RENAME TO fulfillment_lines");
    }
  });

  it("backs off 2 s, 4 s, 8 s … up to 5 minutes", () => {
    expect([1, 2, 3, 4, 8, 9, 20].map(backoffSeconds)).toEqual([2, 4, 8, 16, 256, 300, 300]);
  });

  it("records a message that is not a job as dead at once, and refuses to re-drive it", async () => {
    const result = await deliver("oms-fulfillment", [{ id: "poison-1", body: { hello: "world" } }]);
    expect(result.explicitAcks).toEqual(["poison-1"]);
    const list = await admin().GET("/v1/dead-letters", { params: { query: {} } });
    expect(list.data!.data.find((d) => d.id === "poison-1")).toMatchObject({ queue: "oms-fulfillment", body: { hello: "world" } });
    const redrive = await admin().POST("/v1/dead-letters/{id}/redrive", { params: { path: { id: "poison-1" } } });
    expect(redrive.response.status).toBe(422);
    expect(redrive.error).toMatchObject({ code: "not_redrivable" });
  });

  it("records what the dead-letter queue receives, and re-drives it once the cause is fixed", async () => {
    const order = await paidSplitOrder();
    const body = job("create_fulfillments", `dlq-${order.id}`, { orderId: order.id });
    const result = await deliver("oms-dlq", [{ id: "d1", body, attempts: 6 }]);
    expect(result.explicitAcks).toEqual(["d1"]);
    const dead = await admin().GET("/v1/dead-letters", { params: { query: { open: "true" } } });
    expect(dead.data!.data.find((d) => d.id === body.id)).toMatchObject({ error: "retries exhausted", attempts: 6, redriven_at: null });

    const redrive = await admin().POST("/v1/dead-letters/{id}/redrive", { params: { path: { id: body.id } } });
    expect(redrive.response.status).toBe(200);
    expect(redrive.data!.redriven_at).toBeTypeOf("number");
    await vi.waitFor(async () => expect(await fulfillmentsOf(order.id)).toHaveLength(2), { timeout: 20_000, interval: 50 });
    const twice = await admin().POST("/v1/dead-letters/{id}/redrive", { params: { path: { id: body.id } } });
    expect(twice.response.status).toBe(409);
  });
});
