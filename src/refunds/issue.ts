// Issuing a refund: one D1 batch writes the refund, the money (a payments row to the original payment with its credit
// note, through refundSql; a store-credit payments row with its credit note and the credit on the customer's ledger),
// the return lines' refunded units, the order's payment status (paymentAfter) and the timeline and outbox. The batch
// fails whole when, as it runs: the order is not at the version read (another refund or payment came first: the
// figures were worked out on what it replaced), refunds would pass what was captured, or a return line's refunded
// units are not what was read. So a retry with a new key, or two staff at once, never refund a unit twice.
import { insert, prepareAll, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { paymentAfter } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { conflict, unprocessable } from "../http/problem";
import { creditNoteSql } from "../invoices/issue";
import { refundSql, sendRefunds } from "../order-changes/money";
import { timelineEvent } from "../orders/timeline";
import { isStaleVersion, updateOrder } from "../orders/write";
import { customerOfOrder, grantStoreCreditSql } from "../store-credit/ledger";
import type { Plan } from "./plan";
import type { RefundView } from "./schemas";
import { showRefund } from "./store";

export interface IssueRequest {
  kind: RefundView["kind"];
  actor: string;
  reason?: string;
  note?: string;
  storeCreditExpiresAt?: number;
}

/** Refunds of the order that moved or will move money: every refund row not refused by its provider. */
export const REFUNDED_SQL = "(SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = ?1 AND kind = 'refund' AND status != 'failed')";

export async function issueRefund(env: Env, plan: Plan, req: IssueRequest): Promise<RefundView> {
  const { order, money, figures: f } = plan;
  const { row } = order;
  if (f.total === 0) throw unprocessable("nothing_to_refund", "Nothing is left to refund: no unit is received and not refunded, and no amount was asked for.");
  if (f.total > f.max_refundable)
    throw unprocessable("refund_exceeds_captured", `${f.max_refundable} of what was captured is left to refund; the refund totals ${f.total}.`, {
      max_refundable: f.max_refundable,
      total: f.total,
    });
  const customerId = f.store_credit_amount > 0 ? await customerOfOrder(env.DB, row) : null;
  if (f.store_credit_amount > 0 && !customerId)
    throw unprocessable("store_credit_needs_customer", "The order has no customer to hold store credit; refund to the original payment.");

  const at = Date.now();
  const id = newId("rfd", at);
  const reason = req.reason ?? (req.kind === "return" ? `return ${plan.ret!.row.rma}` : req.kind.replace("_", " "));
  const paymentStatus = paymentAfter(row.payment_status, { captured: money.captured, refunded: money.refunded + f.total, total: row.total });
  const data = {
    refund_id: id,
    order_id: row.id,
    number: row.number,
    kind: req.kind,
    ...(plan.ret ? { return_id: plan.ret.row.id, rma: plan.ret.row.rma } : {}),
    total: f.total,
    original_amount: f.original_amount,
    store_credit_amount: f.store_credit_amount,
    currency: row.currency,
  };
  const statements: Sql[] = [
    updateOrder(row.id, row.version, { payment_status: paymentStatus }),
    insertRefundSql(id, plan, req, reason, money.captured, at),
    ...plan.lines.map((l) => refundLineSql(l)),
    ...(f.original_amount > 0
      ? [
          ...refundSql(row.id, order.payments, f.original_amount, row.currency, reason, at),
          // The refund row just inserted above is the order's latest: the batch runs alone.
          sql("UPDATE refunds SET payment_id = (SELECT id FROM payments WHERE order_id = ? AND kind = 'refund' ORDER BY rowid DESC LIMIT 1) WHERE id = ?", row.id, id),
        ]
      : []),
    ...(f.store_credit_amount > 0 ? storeCreditSql(id, row.id, customerId!, f.store_credit_amount, row.currency, reason, req.storeCreditExpiresAt ?? null, at) : []),
    insert("order_events", timelineEvent(row.id, "refund.created", req.actor, at, data)),
    outboxSql("refund.created", data, row.id, at),
  ];
  await runRefundBatch(env.DB, statements);
  await sendRefunds(env, row.id);
  return showRefund(env.DB, id);
}

/** Runs a refund's batch; the checks that failed it become 409/422 problems. */
export async function runRefundBatch(db: D1Database, statements: Sql[]) {
  try {
    await db.batch(prepareAll(db, statements));
  } catch (err) {
    if (isStaleVersion(err) || String(err).includes("NOT NULL constraint failed: return_lines.refunded"))
      throw conflict("refund_changed", "The order's money or the return changed while the refund was worked out (another refund came first); calculate it again.");
    if (String(err).includes("NOT NULL constraint failed: refunds.total") || String(err).includes("NOT NULL constraint failed: payments.amount"))
      throw unprocessable("refund_exceeds_captured", "Refunds would exceed what was captured.");
    throw err;
  }
}

/** The refund row; its total is NULL (failing the batch) if, with it, refunds would pass what was captured. */
function insertRefundSql(id: string, plan: Plan, req: IssueRequest, reason: string, captured: number, at: number): Sql {
  const f = plan.figures;
  return sql(
    `INSERT INTO refunds (id, order_id, return_id, kind, items_amount, tax_amount, shipping_amount, fee_amount, return_shipping_fee, total,
                          original_amount, store_credit_amount, currency, reason, note, actor, lines, created_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN ${REFUNDED_SQL} + ?10 <= ?11 THEN ?10 ELSE NULL END, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)`,
    plan.order.row.id,
    id,
    plan.ret?.row.id ?? null,
    req.kind,
    f.items_amount,
    f.tax_amount,
    f.shipping_amount,
    f.fee_amount,
    f.return_shipping_fee,
    f.total,
    captured,
    f.original_amount,
    f.store_credit_amount,
    plan.order.row.currency,
    reason,
    req.note ?? null,
    req.actor,
    f.lines.length ? JSON.stringify(f.lines) : null,
    at,
  );
}

/** A return line's refunded units, NULL (failing the batch) unless still as read and within what was received. */
const refundLineSql = (l: { id: string; refunded: number; quantity: number }): Sql =>
  sql(
    `UPDATE return_lines SET refunded = CASE WHEN refunded = ?2 AND ?2 + ?3 <= restocked + damaged + inspecting THEN refunded + ?3 ELSE NULL END WHERE id = ?1`,
    l.id,
    l.refunded,
    l.quantity,
  );

/** Store credit: a refund payment nobody has to carry out (provider store_credit), its credit note, the customer's lot. */
export function storeCreditSql(refundId: string, orderId: string, customerId: string, amount: number, currency: string, reason: string, expiresAt: number | null, at: number): Sql[] {
  const paymentId = newId("pay", at);
  const lotId = newId("sc", at);
  return [
    insert("payments", {
      id: paymentId,
      order_id: orderId,
      kind: "refund",
      provider: "store_credit",
      reference: customerId,
      amount,
      currency,
      created_at: at,
      status: "succeeded",
      provider_id: lotId,
    }),
    ...creditNoteSql({ orderId, refundId: paymentId, amount, currency, reason, at }),
    grantStoreCreditSql({ id: lotId, customerId, amount, currency, expiresAt, reason: "refund", ref: refundId, orderId, at }),
    sql("UPDATE refunds SET store_credit_payment_id = COALESCE(store_credit_payment_id, ?) WHERE id = ?", paymentId, refundId),
  ];
}
