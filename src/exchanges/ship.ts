// The replacement is sent: the exchange's items become lines of the order, its reserved units a shipment (one per
// location, pending, for the warehouse to pick, pack and ship like any other), and the money is settled, all in one
// batch. The money is booked both ways so the order's figures keep adding up (src/audit/money-checks.ts):
//   - the new lines raise the order's subtotal and total by their value;
//   - the returned units' value pays for them up to `credit`: a refund of the returned units (with its credit note)
//     and a payment of the new ones (with its invoice), both under provider `exchange`, moving no money;
//   - the shopper's payment of what the new items cost beyond that (recorded by POST …/exchange/payment) is invoiced;
//   - what the returned units were worth beyond the new ones is refunded to the original payment (refundSql).
// The returned units count as refunded on the return (return_lines.refunded), so no refund pays them out again.
import { insert, prepareAll, type Sql, sql } from "../db/sql";
import { isStale, versionedUpdate } from "../db/versioned";
import { type FulfillmentState, rollUp } from "../domain/fulfillment-status";
import { newId } from "../domain/ids";
import type { InvoiceAmounts } from "../domain/invoice";
import { invoiceAmounts } from "../domain/invoice";
import { EXCHANGE_PROVIDER, moneyOf } from "../domain/order-edit";
import { paymentAfter } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { fulfillmentIdOf } from "../fulfillment/create";
import { conflict } from "../http/problem";
import { creditNoteSql, invoiceIdFor, invoiceSql, renderSoon } from "../invoices/issue";
import { fulfillmentLineIdOf } from "../order-changes/load";
import { refundSql, sendRefunds } from "../order-changes/money";
import type { LineRow, LoadedOrder, PaymentRow } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { isStaleVersion, orderChanged, updateOrder } from "../orders/write";
import { job } from "../queues/job";
import type { LoadedReturn } from "../returns/store";
import type { LoadedExchange } from "./store";
import { settlement } from "./value";

export interface Payment {
  provider: string;
  reference: string;
  amount: number;
}

export const paymentReference = (p: Payment) => `${p.provider}:${p.reference}`;

export interface Sending {
  statements: Sql[];
  /** What to do once the batch landed: labels for the new shipments, refunds to the provider, documents to render. */
  after: (env: Env) => Promise<void>;
}

export async function sendingOf(env: Env, order: LoadedOrder, ret: LoadedReturn, x: LoadedExchange, actor: string, payment: Payment | null, at = Date.now()): Promise<Sending> {
  const { row, payments } = order;
  const s = settlement(x.row.returned_value, x.row.new_value);
  const position = Math.max(0, ...order.lines.map((l) => l.position));
  const lines: LineRow[] = x.items.map((i, n) => ({
    id: i.id,
    order_id: row.id,
    position: position + n + 1,
    sku: i.sku,
    variant_id: i.variant_id,
    title: i.title,
    quantity: i.quantity,
    unit_price: i.unit_price,
    total: i.unit_price * i.quantity,
    cancelled_quantity: 0,
    supply: "stock",
    available_on: null,
  }));
  const subtotal = row.subtotal + x.row.new_value;
  const total = row.total + x.row.new_value;
  const figures = { ...row, subtotal, total, lines: [...order.lines, ...lines] };

  const money = moneyOf(row.payment_status, payments.filter((p) => p.status !== "failed"));
  const previous = await previousInvoices(env.DB, row.id);
  const money_: Sql[] = [];
  const documents: string[] = [];
  const invoiced = (paymentId: string, amount: number) => {
    const id = invoiceIdFor(at);
    money_.push(...invoiceSql({ order: figures, paymentId, amount, previous: [...previous], at }, id));
    previous.push(invoiceAmounts(figures, previous, amount));
    documents.push(id);
  };
  const row_ = (kind: PaymentRow["kind"], provider: string, reference: string, amount: number): PaymentRow => ({
    id: newId("pay", at),
    order_id: row.id,
    kind,
    provider,
    reference,
    amount,
    currency: row.currency,
    created_at: at,
    status: "succeeded",
  });
  if (s.credit > 0) {
    const paid = row_("capture", EXCHANGE_PROVIDER, x.row.id, s.credit);
    money_.push(insert("payments", paid));
    invoiced(paid.id, s.credit);
  }
  let paymentId: string | null = null;
  if (s.owed > 0) {
    if (!payment) throw new Error("an exchange whose shopper owes money is sent only with the payment");
    // Under the exchange's provider, so it is counted on top of what took the order's money (moneyOf); the provider
    // that took it is named in the reference.
    const paid = row_("capture", EXCHANGE_PROVIDER, paymentReference(payment), payment.amount);
    paymentId = paid.id;
    money_.push(insert("payments", paid));
    invoiced(paid.id, payment.amount);
  }
  if (s.credit > 0) {
    const back = row_("refund", EXCHANGE_PROVIDER, x.row.id, s.credit);
    money_.push(insert("payments", back), ...creditNoteSql({ orderId: row.id, refundId: back.id, amount: s.credit, currency: row.currency, reason: `exchange ${ret.row.rma}: returned units`, at }));
  }
  money_.push(...refundSql(row.id, payments, s.refund, row.currency, `exchange ${ret.row.rma}: difference`, at));
  const captured = money.captured + s.credit + s.owed;
  const refunded = money.refunded + s.credit + s.refund;
  const paymentStatus = paymentAfter(row.payment_status, { captured, refunded, total });

  // One new shipment per location the units are reserved at (a parcel that left takes no more units).
  const existing = (await env.DB.prepare("SELECT id, location_id, status FROM fulfillments WHERE order_id = ?").bind(row.id).all<{ id: string; location_id: string; status: FulfillmentState }>()).results;
  const known = new Set(existing.map((f) => f.id));
  const byLocation = new Map<string, LoadedExchange["allocations"]>();
  for (const a of x.allocations) byLocation.set(a.location_id, [...(byLocation.get(a.location_id) ?? []), a]);
  const shipments: Sql[] = [];
  const fulfillmentIds: string[] = [];
  for (const [locationId, allocations] of byLocation) {
    let nth = 1;
    while (known.has(fulfillmentIdOf(row.id, locationId, nth))) nth++;
    const id = fulfillmentIdOf(row.id, locationId, nth);
    fulfillmentIds.push(id);
    shipments.push(
      sql("INSERT INTO fulfillments (id, order_id, location_id, status, version, created_at, updated_at) VALUES (?, ?, ?, 'pending', 1, ?, ?)", id, row.id, locationId, at, at),
      ...allocations.map((a) =>
        sql("INSERT INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id) VALUES (?, ?, ?, ?, ?, ?)", fulfillmentLineIdOf(a.id), id, a.line_id, a.sku, a.quantity, a.hold_id),
      ),
      insert("order_events", timelineEvent(row.id, "fulfillment.created", actor, at, { fulfillment_id: id, location_id: locationId, exchange_id: x.row.id })),
    );
  }
  const fulfillmentStatus = rollUp([...existing.map((f) => f.status), ...fulfillmentIds.map((): FulfillmentState => "pending")]);

  const data = { exchange_id: x.row.id, return_id: ret.row.id, rma: ret.row.rma, order_id: row.id, number: row.number, fulfillment_id: fulfillmentIds[0], fulfillment_ids: fulfillmentIds, difference: x.row.difference };
  const statements: Sql[] = [
    updateOrder(row.id, row.version, { subtotal, total, payment_status: paymentStatus, fulfillment_status: fulfillmentStatus }),
    ...lines.map((l) => insert("order_lines", l)),
    ...money_,
    ...shipments,
    versionedUpdate("exchanges", x.row.id, x.row.version, { state: "shipped", shipped_at: at, ...(paymentId ? { payment_id: paymentId } : {}) }),
    // Fails the batch (NOT NULL) if a refund paid any of these units out meanwhile: they cannot pay twice.
    sql("UPDATE return_lines SET refunded = CASE WHEN refunded = 0 THEN quantity ELSE NULL END WHERE return_id = ?", ret.row.id),
    insert("order_events", timelineEvent(row.id, "exchange.shipped", actor, at, { ...data, returned_value: x.row.returned_value, new_value: x.row.new_value })),
    outboxSql("exchange.shipped", data, row.id, at),
  ];
  return {
    statements,
    after: async (env) => {
      if (fulfillmentIds.length) await env.LABELS.sendBatch(fulfillmentIds.map((id) => ({ body: job("make_label", id, { fulfillmentId: id }) })));
      for (const id of documents) await renderSoon(env, id);
      if (s.refund > 0) await sendRefunds(env, row.id);
    },
  };
}

async function previousInvoices(db: D1Database, orderId: string): Promise<InvoiceAmounts[]> {
  const { results } = await db
    .prepare("SELECT lines, subtotal, shipping_total, tax_total, total FROM invoices WHERE order_id = ? AND kind = 'invoice' ORDER BY seq")
    .bind(orderId)
    .all<Omit<InvoiceAmounts, "lines"> & { lines: string }>();
  return results.map((r) => ({ ...r, lines: JSON.parse(r.lines) as InvoiceAmounts["lines"] }));
}

/** Runs an exchange's batch; whoever changed the order, the exchange or the return meanwhile gets a 409. */
export async function writeExchangeBatch(db: D1Database, statements: Sql[]) {
  try {
    await db.batch(prepareAll(db, statements));
  } catch (err) {
    // A stale exchange, or one recorded for the same return at the same moment.
    if (isStale(err, "exchanges") || /UNIQUE constraint failed: exchanges\./.test(String(err))) throw exchangeChanged();
    if (isStaleVersion(err)) throw orderChanged();
    if (String(err).includes("NOT NULL constraint failed: return_lines.refunded"))
      throw conflict("return_refunded", "Units of this return were refunded meanwhile; they cannot also pay for an exchange.");
    throw err;
  }
}

export const exchangeChanged = () => conflict("exchange_changed", "The exchange changed while this request was being handled; read it again.");
