// Cancelling an order, whole or some units of some lines, before they ship: stock back to the cells it came from,
// captured money refunded (an authorization voided), totals and statuses following. Twice changes nothing twice.
import { insert, type Sql, sql } from "../db/sql";
import { holdChanges, moneyOf, openUnits, refundDue, takeFromLine, totalsOf } from "../domain/order-edit";
import { applyChange } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { cancel as cancelFulfillment } from "../fulfillment/transitions";
import { updateFulfillment, writeFulfillmentBatch } from "../fulfillment/store";
import { type FieldError, unprocessable } from "../http/problem";
import { orderEventData } from "../orders/event-data";
import { finishRelease, orderOr404 } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { columnsOf, stateOf } from "../orders/state";
import { holdsOf } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder } from "../orders/write";
import { rewriteAllocations } from "./allocations";
import { checkVersion, loadForChange, type OrderForChange } from "./load";
import { refundSql, voidSql } from "./money";
import { planShrink, refusedReplacement, replacementsSql } from "./stock";
import { sendRefunds } from "./money";
import { newId } from "../domain/ids";
import { StockChange } from "../stock-changes/change";
import { finishChangesOf } from "../stock-changes/drive";
import { giveBackLabels } from "../carriers/give-back";

export interface CancelRequest {
  reason: string;
  /** Who asked: "api_key:<id>", "channel:<id>", "system". */
  actor: string;
  /** When given, a change made against an older version is refused (409 order_changed). */
  expectedVersion?: number;
  /** Part of some lines; the whole order when absent. */
  lines?: { line_id: string; quantity: number }[];
}

const UNSHIPPED = new Set(["pending", "picking", "packed"]);

/**
 * Cancels the whole order (or some quantity of some lines) before it ships: stock back to the cells, payment voided
 * or a refund recorded, statuses and totals follow. Twice changes nothing twice. Throws InvalidTransition when what
 * is asked has shipped.
 */
export async function cancelOrder(env: Env, orderId: string, req: CancelRequest): Promise<OrderView> {
  // What an earlier change of this order wrote and did not finish (its worker died) is finished first.
  await finishChangesOf(env, orderId);
  const c = await loadForChange(env, orderId);
  const { row } = c.order;
  // Already cancelled (by anyone, for any reason): the same order again. One cancelled before changes were recorded
  // may still be giving its stock back.
  if (row.status === "cancelled") {
    if (row.stock_state === "releasing") {
      await finishRelease(env, row.id, holdsOf(c.order.allocations), row.cancel_reason ?? req.reason);
      return (await orderOr404(env.DB, orderId)).view;
    }
    return c.order.view;
  }
  checkVersion(c.order, req.expectedVersion);
  if (!req.lines) return cancelWhole(env, c, req);
  const asked = checkLines(c, req.lines);
  const everything = c.lines.every((l) => l.cancelledQuantity + (asked.get(l.id) ?? 0) === l.quantity);
  return everything ? cancelWhole(env, c, req) : cancelLines(env, c, req, asked);
}

/** Unknown lines and more units than a line has left are 422; units that have shipped are 409 invalid_transition. */
function checkLines(c: OrderForChange, asked: { line_id: string; quantity: number }[]): Map<string, number> {
  const errors: FieldError[] = [];
  const out = new Map<string, number>();
  let shipped = false;
  asked.forEach((a, i) => {
    const line = c.lines.find((l) => l.id === a.line_id);
    const at = `body.lines.${i}`;
    if (!line) return errors.push({ field: `${at}.line_id`, message: "No line of this order has this id" });
    if (out.has(line.id)) return errors.push({ field: `${at}.line_id`, message: "Name each line once" });
    const left = line.quantity - line.cancelledQuantity;
    if (a.quantity > left) return errors.push({ field: `${at}.quantity`, message: `At most ${left} unit(s) of this line are left to cancel` });
    if (a.quantity > openUnits(line, c.allocs)) shipped = true;
    out.set(line.id, a.quantity);
  });
  if (errors.length) throw unprocessable("cancel_exceeds_order", "Some lines cannot be cancelled as asked.", { errors });
  if (shipped) applyChange(stateOf(c.order.row), { type: "lines_cancelled", unitsShipped: true, captured: 0, refunded: 0, total: 0 });
  return out;
}

async function cancelWhole(env: Env, c: OrderForChange, req: CancelRequest): Promise<OrderView> {
  const { row, payments, view } = c.order;
  const money = moneyOf(row.payment_status, payments);
  const next = applyChange(stateOf(row), { type: "order_cancelled", captured: money.captured });
  const now = Date.now();
  const refunded = money.captured - money.refunded;
  const authorized = payments.find((p) => p.kind === "authorization")?.amount ?? 0;
  const voided = Math.max(0, authorized - money.captured);
  const lines = c.lines.filter((l) => l.quantity > l.cancelledQuantity).map((l) => ({ line_id: l.id, quantity: l.quantity - l.cancelledQuantity }));
  // One change: the order, its unshipped shipments and the money are written together with the record of the stock to
  // give back; then the cells release it. If the worker dies in between, the sweep finishes the release.
  const change = StockChange.without(env, { id: newId("chg", now), orderId: row.id, kind: "cancel", afterwards: [] }).followedBy(
    ...holdsOf(c.order.allocations).map((h) => ({ op: "release" as const, holdId: h.holdId, sku: h.sku, locationId: h.locationId, reason: req.reason })),
  );
  const unshipped = c.fulfillments.filter((f) => UNSHIPPED.has(f.status));
  await change.write(
    [
      updateOrder(row.id, row.version, {
        ...columnsOf(next),
        stock_state: "released",
        cancel_reason: req.reason,
        hold_expires_at: null,
        hold_kind: null,
        hold_reason: null,
        subtotal: 0,
        shipping_total: 0,
        tax_total: 0,
        total: 0,
      }),
      sql("UPDATE order_lines SET cancelled_quantity = quantity, total = 0 WHERE order_id = ?", row.id),
      // Versioned: a pack or label racing the cancel fails, and nothing of a cancelled order ships.
      ...unshipped.map((f) => updateFulfillment(f.id, f.version, { status: "cancelled" })),
      ...unshipped.map((f) =>
        insert("order_events", timelineEvent(row.id, "fulfillment.cancelled", req.actor, now, { fulfillment_id: f.id, location_id: f.location_id, reason: req.reason })),
      ),
      ...refundSql(row.id, payments, refunded, row.currency, req.reason, now),
      ...voidSql(row.id, payments, voided, row.currency, now),
      insert("order_events", timelineEvent(row.id, "order.cancelled", req.actor, now, { reason: req.reason, lines, refunded, voided })),
      outboxSql("order.cancelled", { ...orderEventData({ ...view, ...columnsOf(next), total: 0 }), reason: req.reason, refunded }, row.id, now),
    ],
    (statements) => writeFulfillmentBatch(env.DB, statements),
  );
  await change.finish();
  await giveBackLabels(env, unshipped.map((f) => f.id));
  await sendRefunds(env, row.id);
  return (await orderOr404(env.DB, row.id)).view;
}

async function cancelLines(env: Env, c: OrderForChange, req: CancelRequest, asked: Map<string, number>): Promise<OrderView> {
  const { row, payments, view } = c.order;
  const next = new Map<string, number>();
  for (const [lineId, units] of asked) takeFromLine(c.lines.find((l) => l.id === lineId)!, c.allocs, units, next);
  const now = Date.now();
  const changeId = newId("chg", now);
  const holdMoves = holdChanges(c.allocs, next);
  const shrink = await planShrink(row, holdMoves, changeId, req.reason);
  const change = await StockChange.begin(env, { id: changeId, orderId: row.id, kind: "cancel_lines", reserves: shrink.reserves, afterwards: shrink.releases });
  const reserved = await change.reserve();
  const refused = refusedReplacement(reserved);
  if (refused) {
    await change.abandon();
    throw refused;
  }
  const lines = c.lines.map((l) => ({ ...l, cancelledQuantity: l.cancelledQuantity + (asked.get(l.id) ?? 0) }));
  const totals = totalsOf(lines, row.shipping_total, row.tax_total);
  const money = moneyOf(row.payment_status, payments);
  const refund = refundDue(money, totals.total);
  const state = applyChange(stateOf(row), { type: "lines_cancelled", unitsShipped: false, captured: money.captured, refunded: money.refunded + refund, total: totals.total });
  const rewrite = rewriteAllocations(c, next, shrink.replacedBy);
  const cancelled = [...asked].map(([line_id, quantity]) => ({ line_id, quantity }));
  const statements: Sql[] = [
    updateOrder(row.id, row.version, { ...columnsOf(state), subtotal: totals.subtotal, total: totals.total }),
    ...lines
      .filter((l) => asked.has(l.id))
      .map((l) => sql("UPDATE order_lines SET cancelled_quantity = ?, total = ? WHERE id = ?", l.cancelledQuantity, totals.lineTotals.get(l.id), l.id)),
    ...rewrite.statements,
    ...replacementsSql(shrink, holdMoves),
    ...refundSql(row.id, payments, refund, row.currency, req.reason, now),
    insert(
      "order_events",
      timelineEvent(row.id, "order.lines_cancelled", req.actor, now, {
        reason: req.reason,
        lines: cancelled,
        total_before: row.total,
        total_after: totals.total,
        refunded: refund,
      }),
    ),
    outboxSql("order.updated", { ...orderEventData({ ...view, ...columnsOf(state), total: totals.total }), change: "lines_cancelled", lines: cancelled, reason: req.reason }, row.id, now),
  ];
  await change.write(statements, (all) => writeFulfillmentBatch(env.DB, all));
  await change.finish();
  await sendRefunds(env, row.id);
  for (const f of rewrite.emptied) await cancelFulfillment(env, req.actor, f, req.reason);
  return (await orderOr404(env.DB, row.id)).view;
}
