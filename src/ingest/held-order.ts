// A channel order we cannot place as it is (unknown SKU, no stock, bad address, totals that do not add up) is
// still written, on hold with the reason, so nothing the channel sold is lost. No stock is reserved for it: staff
// fix the cause and release the hold. Same row shape and number sequence as a checkout (src/checkout/service.ts).
import { insertOrderSql, isOrderTaken } from "../orders/write";
import { batchTogether } from "../db/together";
import { insert } from "../db/sql";
import type { ChannelOrder } from "../domain/channel-order";
import { newId } from "../domain/ids";
import { applyChange, INITIAL } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { orderEventData } from "../orders/event-data";
import { type EventRow, type LineRow, loadOrder, type OrderRow, type PaymentRow, presentOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { invoiceIdFor, invoiceSql, renderSoon } from "../invoices/issue";
import type { ChannelRow } from "../channels/store";
import type { OrderLineIn, PaymentIn, Placed } from "./place";

const STANDARD_SHIP_MS = 48 * 3_600_000;

/** The insert of an order another delivery of the same channel order wrote meanwhile: that order is the one. */

export interface HeldOrder {
  channel: ChannelRow;
  order: ChannelOrder;
  lines: OrderLineIn[];
  checkoutKey: string;
  payment: PaymentIn | null;
  /** "<code>: <detail>", what staff read on the order. */
  reason: string;
}

/** The held order, or ("exists") the order another delivery of the same channel order wrote first. */
export async function writeHeldOrder(env: Env, h: HeldOrder): Promise<Placed> {
  const now = Date.now();
  const { channel, order } = h;
  const orderId = newId("ord", now);
  const actor = `channel:${channel.id}`;
  const variants = await variantIds(env.DB, h.lines.map((l) => l.sku));
  const subtotal = h.lines.reduce((t, l) => t + l.unitPrice * l.quantity, 0);
  const paid = h.payment ? applyChange(INITIAL, { type: "payment_confirmed", captured: h.payment.captured }) : INITIAL;
  const row: OrderRow = {
    id: orderId,
    number: 0,
    channel_id: channel.id,
    status: "on_hold",
    payment_status: paid.paymentStatus,
    fulfillment_status: "unfulfilled",
    // Nothing is held on the cells for it.
    stock_state: "released",
    currency: order.currency,
    subtotal,
    shipping_total: order.shippingTotal,
    tax_total: order.taxTotal,
    total: order.total,
    email: order.email ?? "",
    shipping_address: order.shippingAddress ? JSON.stringify(order.shippingAddress) : null,
    pickup_location_id: null,
    hold_expires_at: null,
    cancel_reason: null,
    shipping_speed: "standard",
    ship_by: now + STANDARD_SHIP_MS,
    version: 1,
    customer_id: null,
    tags: "[]",
    hold_kind: "channel_issue",
    hold_reason: h.reason.slice(0, 1000),
    risk_score: null,
    risk_reasons: null,
    billing_address: order.billingAddress ? JSON.stringify(order.billingAddress) : null,
    client_ip_hash: null,
    external_id: order.externalId,
    created_at: now,
    updated_at: now,
  };
  const lines: LineRow[] = h.lines.map((l, i) => ({
    id: newId("line", now),
    order_id: orderId,
    position: i + 1,
    sku: l.sku,
    variant_id: variants.get(l.sku) ?? "unknown",
    title: l.title.slice(0, 200),
    quantity: l.quantity,
    unit_price: l.unitPrice,
    total: l.unitPrice * l.quantity,
    cancelled_quantity: 0,
    supply: "stock",
    available_on: null,
  }));
  const payments: PaymentRow[] = h.payment
    ? [{ id: newId("pay", now), order_id: orderId, kind: "authorization", provider: h.payment.provider, reference: h.payment.reference, amount: h.payment.amount, currency: order.currency, created_at: now }]
    : [];
  const events: EventRow[] = [
    timelineEvent(orderId, "order.created", actor, now, { channel: channel.id, external_id: order.externalId, lines: lines.length, total: order.total, currency: order.currency }),
    ...(h.payment ? [timelineEvent(orderId, "payment.confirmed", actor, now, { provider: h.payment.provider, reference: h.payment.reference, amount: h.payment.amount, captured: h.payment.captured })] : []),
    timelineEvent(orderId, "order.held", actor, now, { kind: "channel_issue", reason: row.hold_reason }),
  ];
  const view = presentOrder({ row, lines, allocations: [], payments, events });
  // Money the channel already took is invoiced in the order's own batch, as a checkout's is (held or not).
  const invoiceId = h.payment?.captured ? invoiceIdFor(now) : null;
  try {
    const results = await batchTogether(env.DB, [
      insertOrderSql(row, h.checkoutKey),
      ...lines.map((l) => insert("order_lines", l)),
      ...payments.map((p) => insert("payments", p)),
      ...(invoiceId ? invoiceSql({ order: { ...row, lines }, paymentId: payments[0].id, amount: order.total, previous: [], at: now }, invoiceId) : []),
      ...events.map((e) => insert("order_events", e)),
      outboxSql("order.created", orderEventData(view), orderId, now, true),
    ]);
    view.number = (results[0].results[0] as { number: number }).number;
    if (invoiceId) await renderSoon(env, invoiceId);
    return { view, outcome: "held" };
  } catch (err) {
    // Another delivery of the same channel order got there first: its order stands, and this delivery is applied to it.
    if (isOrderTaken(err)) {
      const existing = await loadOrder(env.DB, { checkoutKey: h.checkoutKey });
      if (existing) return { view: existing.view, outcome: "exists" };
    }
    throw err;
  }
}

async function variantIds(db: D1Database, skus: string[]) {
  const { results } = await db
    .prepare("SELECT id, sku FROM variants WHERE sku IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(skus)]))
    .all<{ id: string; sku: string }>();
  return new Map(results.map((v) => [v.sku, v.id]));
}
