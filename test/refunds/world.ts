// Paid, shipped orders whose units came back, for refunding: placed with the admin key (only the merchant's server
// may say an order is paid), shipped through the fulfillment routes, and a return recorded by staff.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { labelled, moves } from "../fulfillment/world";
import { fulfillmentsOf } from "../order-changes/world";

export const path = (id: string) => ({ params: { path: { id } } });
export const orderOf = async (id: string) => (await admin().GET("/v1/orders/{id}", path(id))).data!;
export const returnOf = async (id: string) => (await admin().GET("/v1/returns/{id}", path(id))).data!;

/** Ships every shipment of the order the fulfillment queue made (`count` of them). */
export async function shipAll(orderId: string, count = 1) {
  const m = moves();
  for (const f of await fulfillmentsOf(orderId, count)) {
    await labelled(f.id);
    expect((await m.pack(f.id)).response.status).toBe(200);
    expect((await m.ship(f.id, { carrier: "dhl", service: "paket", tracking_number: key("JD") })).response.status).toBe(200);
  }
}

/**
 * A paid order of one line (`qty` units at `price`; checkout orders carry no shipping or tax), shipped whole. The
 * `test` provider confirms refunds on the spot; a Stripe PaymentIntent named pi_declined_… has its refunds refused
 * (test/payments/fake-stripe.ts).
 */
export async function paidShipped(opts: { qty?: number; price?: number; provider?: "test" | "stripe" | "psp"; reference?: string; email?: string } = {}) {
  const loc = await makeLocation("berlin");
  const qty = opts.qty ?? 2;
  const price = opts.price ?? 1000;
  const [sku] = await makeProduct([price]);
  await receive(sku, loc, qty + 2);
  const email = opts.email ?? `rf${Math.random().toString(36).slice(2, 8)}@example.com`;
  const payment = { provider: opts.provider ?? "test", reference: opts.reference ?? `tp_${Math.random().toString(36).slice(2)}`, amount: price * qty, captured: true };
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email, currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin"), payment },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  const order = res.data!;
  await shipAll(order.id);
  return { order, loc, sku, email, lineId: order.lines[0].id };
}

/** Marks units of a return line received (the receiving routes are another feature's; the refund reads the columns). */
export async function received(returnLineId: string, restocked: number, damaged = 0, inspecting = 0) {
  await env.DB.prepare("UPDATE return_lines SET restocked = ?, damaged = ?, inspecting = ? WHERE id = ?").bind(restocked, damaged, inspecting, returnLineId).run();
}

export async function createReturn(orderId: string, lines: { order_line_id: string; quantity: number; reason?: "defective" | "changed_mind" | "wrong_item" | "size_too_small" }[]) {
  const res = await admin().POST("/v1/orders/{id}/returns", { ...path(orderId), body: { lines: lines.map((l) => ({ reason: "changed_mind" as const, ...l })) } });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

export const calculate = (returnId: string, body: Record<string, unknown> = {}) => admin().POST("/v1/returns/{id}/calculate", { ...path(returnId), body: body as never });
export const processRefund = (returnId: string, body: Record<string, unknown> = {}, idempotencyKey?: string) =>
  admin().POST("/v1/returns/{id}/process", { params: { path: { id: returnId }, header: idempotencyKey ? { "idempotency-key": idempotencyKey } : {} }, body: body as never });
export const orderRefund = (orderId: string, body: Record<string, unknown>, idempotencyKey?: string) =>
  admin().POST("/v1/orders/{id}/refunds", { params: { path: { id: orderId }, header: idempotencyKey ? { "idempotency-key": idempotencyKey } : {} }, body: body as never });

export async function expectMoneyClean(orderId: string) {
  const audit = await auditMoney(env, { orderId });
  expect(audit.discrepancies).toEqual([]);
}

/** Waits until no refund of the order is waiting for its provider. */
export async function settledRefunds(orderId: string) {
  await vi.waitFor(
    async () => {
      const o = await orderOf(orderId);
      expect(o.payments.filter((p) => p.kind === "refund" && p.status === "requested")).toEqual([]);
    },
    { timeout: 20_000, interval: 100 },
  );
}

export const creditNotesOf = async (orderId: string) =>
  (await env.DB.prepare("SELECT payment_id, total, tax_total, shipping_total FROM invoices WHERE order_id = ? AND kind = 'credit_note' ORDER BY seq").bind(orderId).all<{ payment_id: string; total: number; tax_total: number; shipping_total: number }>()).results;
