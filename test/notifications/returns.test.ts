// Customer messages about returns: requested, approved (with how to get the label), declined, received, refunded and
// exchange shipped, each naming the RMA; none for what the customer already knows (a channel's return, a request
// approved on the spot).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { outboxSql } from "../../src/events/emit";
import { dispatchEvent } from "../../src/events/dispatch";
import { requestReturn } from "../../src/returns/request";
import { admin, client } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { createReturn, path, shippedOrder } from "../returns/world";

const outbox = async (orderId: string) =>
  (await admin().GET("/v1/notifications", { params: { query: { order_id: orderId } } })).data!.data.filter((m) => !m.kind.startsWith("order_"));

/** Every outbox event of the order, dispatched as the queue would (twice: a redelivery changes nothing). */
async function dispatchAll(orderId: string) {
  const { results } = await env.DB.prepare("SELECT id FROM events WHERE order_id = ? ORDER BY created_at, id").bind(orderId).all<{ id: string }>();
  for (const e of results) {
    await dispatchEvent(env, { eventId: e.id });
    await dispatchEvent(env, { eventId: e.id });
  }
}

const emit = (type: Parameters<typeof outboxSql>[0], data: Record<string, unknown>, orderId: string) => {
  const s = outboxSql(type, data, orderId);
  return env.DB.prepare(s.sql).bind(...s.params).run();
};

describe("return messages", () => {
  it("a shopper's request, then its approval with how to get the label, both naming the RMA", async () => {
    const pk = await publishableKey();
    const { order, lineId, email, sku } = await shippedOrder(2);
    const asked = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(asked.response.status).toBe(201);
    const rma = asked.data!.rma;
    await dispatchAll(order.id);
    let messages = await outbox(order.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: "return_requested", to: email, subject: `We received your return request ${rma} for order #${order.number}` });
    expect(messages[0].body).toContain(`- 1 × `);
    expect(messages[0].body).toContain(sku);

    expect((await admin().POST("/v1/returns/{id}/approve", { ...path(asked.data!.id), body: {} })).response.status).toBe(200);
    await dispatchAll(order.id);
    messages = await outbox(order.id);
    expect(messages.map((m) => m.kind).sort()).toEqual(["return_approved", "return_requested"]);
    const approved = messages.find((m) => m.kind === "return_approved")!;
    expect(approved.subject).toBe(`Your return ${rma} for order #${order.number} is approved`);
    expect(approved.body).toContain("return label");
    expect(approved.body).toContain(`(${order.number}), your email address and the return number ${rma}`);
  });

  it("a decline says why, with staff's note", async () => {
    const pk = await publishableKey();
    const { order, lineId, email } = await shippedOrder(1);
    const asked = await client(pk).POST("/v1/order-lookup/returns", { body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    await admin().POST("/v1/returns/{id}/decline", { ...path(asked.data!.id), body: { reason: "used_or_damaged", note: "The tags were removed." } });
    await dispatchAll(order.id);
    const declined = (await outbox(order.id)).find((m) => m.kind === "return_declined")!;
    expect(declined.subject).toBe(`About your return request ${asked.data!.rma} for order #${order.number}`);
    expect(declined.body).toContain("because the items are used or damaged");
    expect(declined.body).toContain("The tags were removed.");
  });

  it("a return staff record is approved at once: one message, the approval; a channel's return none", async () => {
    const { order, lineId } = await shippedOrder(3);
    const staff = await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }]);
    expect(staff.response.status).toBe(201);
    await requestReturn(env, order.id, { lines: [{ order_line_id: lineId, quantity: 1, reason: "other" }] }, { source: "channel", actor: "channel:test", externalId: "refund-1" });
    await dispatchAll(order.id);
    const messages = await outbox(order.id);
    expect(messages.map((m) => [m.kind, m.subject])).toEqual([["return_approved", `Your return ${staff.data!.rma} for order #${order.number} is approved`]]);
  });

  it("received lists what arrived; the refund says how much and how; the exchange its tracking", async () => {
    const { order, lineId, fulfillmentId } = await shippedOrder(2, { price: 1000 });
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "size_too_small" }])).data!;
    await env.DB.prepare("UPDATE return_lines SET restocked = 1 WHERE return_id = ?").bind(ret.id).run();
    await emit("return.received", { return_id: ret.id, order_id: order.id }, order.id);
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO refunds (id, order_id, return_id, kind, items_amount, total, original_amount, store_credit_amount, currency, actor, created_at)
         VALUES ('rf_msg_1', ?1, ?2, 'return', 2000, 2000, 1500, 500, 'EUR', 'test', ?3), ('rf_msg_2', ?1, NULL, 'goodwill', 250, 250, 250, 0, 'EUR', 'test', ?3)`,
      ).bind(order.id, ret.id, now),
    ]);
    await emit("refund.created", { refund_id: "rf_msg_1", order_id: order.id }, order.id);
    await emit("refund.created", { refund_id: "rf_msg_2", order_id: order.id }, order.id);
    await emit("exchange.shipped", { return_id: ret.id, order_id: order.id, fulfillment_id: fulfillmentId, tracking_number: "JD0001", carrier: "dhl" }, order.id);
    await dispatchAll(order.id);

    const byKind = (kind: string) => messages.filter((m) => m.kind === kind);
    const messages = await outbox(order.id);
    const [received] = byKind("return_received");
    expect(received.subject).toBe(`We received your return ${ret.rma}`);
    expect(received.body).toMatch(/- 1 × /);
    const refunds = byKind("refund_issued");
    expect(refunds.map((m) => m.subject).sort()).toEqual([`A refund for your order #${order.number}`, `Your refund for return ${ret.rma}`].sort());
    expect(refunds.find((m) => m.subject.includes(ret.rma))!.body).toContain("We have refunded 20.00 EUR: 5.00 EUR as store credit, the rest to your original payment method.");
    expect(refunds.find((m) => !m.subject.includes(ret.rma))!.body).toContain("We have refunded 2.50 EUR to your original payment method.");
    const [exchange] = byKind("exchange_shipped");
    expect(exchange.subject).toBe(`Your exchange for return ${ret.rma} is on its way`);
    expect(exchange.body).toContain("Tracking number: JD0001 (dhl)");
  });
});
