// What the payment provider did, applied to the order and its stock. The provider is the source of truth for money;
// we record its references and amounts, and move the stock accordingly.
import { newId } from "../domain/ids";
import { job } from "../queues/job";
import { outboxSql } from "../events/emit";
import { orderEventData } from "./event-data";
import { applyChange } from "../domain/order-status";
import type { Env } from "../env";
import { commitAll, releaseAll } from "../checkout/holds";
import { StockChange } from "../stock-changes/change";
import { timelineEvent } from "./timeline";
import { insert, prepareAll, sql } from "../db/sql";
import { conflict, notFound, unprocessable } from "../http/problem";
import { newestPerCell, projectionSql } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";
import { columnsOf, stateOf } from "./state";
import { holdsOf, type LoadedOrder, loadOrder, type PaymentRow } from "./store";
import { updateOrder, writeOrderBatch } from "./write";
import { captureInvoice, renderSoon } from "../invoices/issue";

export async function orderOr404(db: D1Database, id: string): Promise<LoadedOrder> {
  const order = await loadOrder(db, { id });
  if (!order) throw notFound("order_not_found", `No order has the id ${id}.`);
  return order;
}

const projections = (snapshots: Snapshot[]) => newestPerCell(snapshots).map(projectionSql);

/** The storefront got an authorization (or capture) for a pending order: commit its held stock. */
export async function confirmPayment(
  env: Env,
  actor: string,
  id: string,
  p: { provider: string; reference: string; amount: number; captured?: boolean },
) {
  const order = await orderOr404(env.DB, id);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "payment_confirmed", captured: p.captured ?? false });
  if (p.amount !== row.total)
    throw unprocessable("payment_amount_mismatch", `The payment covers ${p.amount}, the order totals ${row.total}.`, {
      errors: [{ field: "body.amount", message: `Must equal the order total ${row.total}` }],
    });
  const now = Date.now();
  const holds = holdsOf(order.allocations);
  const committed = row.hold_expires_at !== null && row.hold_expires_at <= now ? [] : await commitAll(env, holds);
  if (committed.length !== holds.length || committed.some((r) => !r.ok)) {
    await expireOrder(env, order, "payment arrived after the payment window", { force: true });
    throw conflict("payment_window_expired", "The stock held for this order was released before payment arrived; the order is cancelled. Void the authorization.");
  }
  const payment: PaymentRow = { id: newId("pay", now), order_id: id, kind: "authorization", ...pickPayment(p), currency: row.currency, created_at: now };
  // Captured with the confirmation: invoiced in the same batch.
  const invoice = p.captured ? await captureInvoice(env.DB, order, { paymentId: payment.id, amount: p.amount, capturedBefore: 0, at: now }) : null;
  await writeOrderBatch(env.DB, [
    updateOrder(id, row.version, { ...columnsOf(next), stock_state: "committed", hold_expires_at: null }),
    insert("payments", payment),
    insert("order_events", timelineEvent(id, "payment.confirmed", actor, now, { ...pickPayment(p), captured: p.captured ?? false })),
    outboxSql("order.confirmed", orderEventData({ ...order.view, ...columnsOf(next) }), id, now),
    ...projections(committed.map((r) => r.snapshot)),
    ...(invoice?.statements ?? []),
  ]);
  if (invoice) await renderSoon(env, invoice.id);
  // Paid for: on to fulfillment. If this send fails the sweep sends it.
  await env.FULFILLMENT.send(job("create_fulfillments", id, { orderId: id })).catch((err) =>
    console.warn("could not enqueue fulfillment; the sweep will", { id, error: String(err) }),
  );
  return (await orderOr404(env.DB, id)).view;
}

/** Money taken from an authorization, in full or in parts. */
export async function capturePayment(env: Env, actor: string, id: string, p: { reference: string; amount?: number }) {
  const order = await orderOr404(env.DB, id);
  const { row } = order;
  const authorization = order.payments.find((x) => x.kind === "authorization");
  const capturedSoFar = order.payments.filter((x) => x.kind === "capture").reduce((t, x) => t + x.amount, 0);
  const amount = p.amount ?? row.total - capturedSoFar;
  const next = applyChange(stateOf(row), { type: "payment_captured", capturedSoFar: capturedSoFar + amount, total: row.total });
  if (amount <= 0 || capturedSoFar + amount > row.total)
    throw unprocessable("capture_exceeds_authorization", `${row.total - capturedSoFar} is left to capture.`, {
      errors: [{ field: "body.amount", message: `At most ${row.total - capturedSoFar}` }],
    });
  const now = Date.now();
  const provider = authorization?.provider ?? "unknown";
  const captureId = newId("pay", now);
  const invoice = await captureInvoice(env.DB, order, { paymentId: captureId, amount, capturedBefore: capturedSoFar, at: now });
  await writeOrderBatch(env.DB, [
    updateOrder(id, row.version, columnsOf(next)),
    insert("payments", { id: captureId, order_id: id, kind: "capture", provider, reference: p.reference, amount, currency: row.currency, created_at: now }),
    insert("order_events", timelineEvent(id, "payment.captured", actor, now, { provider, reference: p.reference, amount })),
    ...invoice.statements,
  ]);
  await renderSoon(env, invoice.id);
  return (await orderOr404(env.DB, id)).view;
}

/** The authorization was voided at the provider: nothing will be paid, so the order is cancelled and its stock goes back. */
export async function voidPayment(env: Env, actor: string, id: string, p: { reference?: string; reason?: string }) {
  const order = await orderOr404(env.DB, id);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "payment_voided" });
  const now = Date.now();
  const authorization = order.payments.find((x) => x.kind === "authorization");
  const reason = p.reason ?? "payment voided";
  // The order and the record of the stock to give back are written together, then the cells release it; if the
  // worker dies in between, the sweep finishes the change (src/stock-changes).
  const change = StockChange.without(env, { id: newId("chg", now), orderId: id, kind: "void", afterwards: [] }).followedBy(
    ...holdsOf(order.allocations).map((h) => ({ op: "release" as const, holdId: h.holdId, sku: h.sku, locationId: h.locationId, reason })),
  );
  await change.write([
    updateOrder(id, row.version, { ...columnsOf(next), stock_state: "released", cancel_reason: reason }),
    insert("payments", {
      id: newId("pay", now),
      order_id: id,
      kind: "void",
      provider: authorization?.provider ?? "unknown",
      reference: p.reference ?? authorization?.reference ?? "",
      amount: authorization?.amount ?? 0,
      currency: row.currency,
      created_at: now,
    }),
    insert("order_events", timelineEvent(id, "order.cancelled", actor, now, { reason })),
    outboxSql("order.cancelled", { ...orderEventData({ ...order.view, ...columnsOf(next) }), reason }, id, now),
  ], (all) => writeOrderBatch(env.DB, all));
  await change.finish();
  return (await orderOr404(env.DB, id)).view;
}

/**
 * Cancels a pending order whose payment window closed. Holds are released only if still merely held: one that was
 * committed meanwhile belongs to a payment being confirmed right now, and that path decides.
 */
export async function expireOrder(env: Env, order: LoadedOrder, reason = "payment window expired", opts: { force?: boolean } = {}) {
  const { row } = order;
  if (row.payment_status !== "pending" || (row.status !== "open" && row.status !== "on_hold")) return false;
  const holds = holdsOf(order.allocations);
  const released = await releaseAll(env, holds, reason, { onlyIfHeld: !opts.force });
  if (released.some((r) => !r.ok)) return false;
  const now = Date.now();
  const next = applyChange(stateOf(row), { type: "payment_window_expired" });
  try {
    await writeOrderBatch(env.DB, [
      updateOrder(row.id, row.version, { ...columnsOf(next), stock_state: "released", hold_expires_at: null, cancel_reason: reason }),
      insert("order_events", timelineEvent(row.id, "order.cancelled", "system", now, { reason })),
      outboxSql("order.cancelled", { ...orderEventData({ ...order.view, ...columnsOf(next) }), reason }, row.id, now),
      ...projections(released.map((r) => r.snapshot)),
    ]);
  } catch (err) {
    // Someone else changed the order first (a confirmation that lost its holds cancels it itself): nothing to add.
    if ((err as { code?: string }).code === "order_changed") return false;
    throw err;
  }
  return true;
}

/**
 * Releases the stock of a cancelled order and records that it went back. Safe to run again. Only for orders cancelled
 * before changes were recorded (stock_state 'releasing'); every cancel now goes through src/stock-changes.
 */
export async function finishRelease(env: Env, id: string, holds: ReturnType<typeof holdsOf>, reason: string) {
  const released = await releaseAll(env, holds, reason);
  await env.DB.batch(
    prepareAll(env.DB, [
      sql("UPDATE orders SET stock_state = 'released' WHERE id = ? AND status = 'cancelled'", id),
      ...projections(released.map((r) => r.snapshot)),
    ]),
  );
}

const pickPayment = (p: { provider: string; reference: string; amount: number }) => ({ provider: p.provider, reference: p.reference, amount: p.amount });
