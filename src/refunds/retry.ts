// A refund the provider refused (refund_failed) is staff's to settle: send it to the original payment again, or give it
// as store credit instead. The refund keeps its one credit note: the note is moved to the new payments row, so what
// was credited still equals what was refunded. One batch, failing whole if the order moved meanwhile (two retries at
// once: one wins) or if, with it, refunds would pass what was captured.
import { insert, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { paymentAfter } from "../domain/order-status";
import type { Env } from "../env";
import { conflict, notFound, unprocessable } from "../http/problem";
import { sendRefunds } from "../order-changes/money";
import { loadOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder } from "../orders/write";
import { customerOfOrder, grantStoreCreditSql } from "../store-credit/ledger";
import { REFUNDED_SQL, runRefundBatch } from "./issue";
import { moneyOfOrder } from "./plan";
import type { RefundView } from "./schemas";
import { refundRow, showRefund } from "./store";

export async function retryRefund(env: Env, id: string, to: "original" | "store_credit", actor: string, expiresAt?: number): Promise<RefundView> {
  const refund = await refundRow(env.DB, id);
  if (refund.status !== "refund_failed") throw conflict("refund_not_failed", `The refund is ${refund.status}: only a refused refund is sent again.`, { status: refund.status });
  const order = await loadOrder(env.DB, { id: refund.order_id });
  if (!order) throw notFound("order_not_found", `No order ${refund.order_id}.`);
  const failed = order.payments.find((p) => p.id === refund.payment_id)!;
  const customerId = to === "store_credit" ? await customerOfOrder(env.DB, order.row) : null;
  if (to === "store_credit" && !customerId) throw unprocessable("store_credit_needs_customer", "The order has no customer to hold store credit.");
  const money = moneyOfOrder(order);
  const at = Date.now();
  const paymentId = newId("pay", at);
  const lotId = newId("sc", at);
  const credit = to === "store_credit";
  const { row } = order;
  const statements: Sql[] = [
    updateOrder(row.id, row.version, { payment_status: paymentAfter(row.payment_status, { captured: money.captured, refunded: money.refunded + failed.amount, total: row.total }) }),
    // The amount is NULL (failing the batch) if refunds would pass what was captured.
    sql(
      `INSERT INTO payments (id, order_id, kind, provider, reference, amount, currency, created_at, status, provider_id)
       VALUES (?2, ?1, 'refund', ?3, ?4, CASE WHEN ${REFUNDED_SQL} + ?5 <= ?6 THEN ?5 ELSE NULL END, ?7, ?8, ?9, ?10)`,
      row.id,
      paymentId,
      credit ? "store_credit" : failed.provider,
      credit ? customerId : failed.reference,
      failed.amount,
      money.captured,
      failed.currency,
      at,
      credit ? "succeeded" : "requested",
      credit ? lotId : null,
    ),
    sql("UPDATE invoices SET payment_id = ? WHERE kind = 'credit_note' AND payment_id = ?", paymentId, failed.id),
    sql(
      `UPDATE refunds SET payment_id = CASE WHEN ?3 THEN NULL ELSE ?2 END, store_credit_payment_id = CASE WHEN ?3 THEN COALESCE(store_credit_payment_id, ?2) ELSE store_credit_payment_id END,
         original_amount = original_amount - CASE WHEN ?3 THEN ?4 ELSE 0 END, store_credit_amount = store_credit_amount + CASE WHEN ?3 THEN ?4 ELSE 0 END
       WHERE id = ?1`,
      id,
      paymentId,
      credit ? 1 : 0,
      failed.amount,
    ),
    ...(credit ? [grantStoreCreditSql({ id: lotId, customerId: customerId!, amount: failed.amount, currency: failed.currency, expiresAt: expiresAt ?? null, reason: "refund", ref: id, orderId: row.id, at })] : []),
    insert("order_events", timelineEvent(row.id, "refund.retried", actor, at, { refund_id: id, failed_payment_id: failed.id, payment_id: paymentId, to, amount: failed.amount })),
  ];
  await runRefundBatch(env.DB, statements);
  await sendRefunds(env, row.id);
  return showRefund(env.DB, id);
}
