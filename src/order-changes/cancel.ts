// Cancelling an order, whole or some units of some lines, before they ship: stock back to the cells it came from,
// captured money refunded (an authorization voided), totals and statuses following. Twice changes nothing twice.
import { releaseAll } from "../checkout/holds";
import { insert, type Sql, sql } from "../db/sql";
import { holdChanges, moneyOf, openUnits, refundDue, takeFromLine, totalsOf } from "../domain/order-edit";
import { applyChange } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { cancel as cancelFulfillment } from "../fulfillment/transitions";
import { writeFulfillmentBatch } from "../fulfillment/store";
import { type FieldError, unprocessable } from "../http/problem";
import { orderEventData } from "../orders/event-data";
import { finishRelease, orderOr404 } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { columnsOf, stateOf } from "../orders/state";
import { holdsOf } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder, writeOrderBatch } from "../orders/write";
import { rewriteAllocations } from "./allocations";
import { checkVersion, loadForChange, type OrderForChange } from "./load";
import { refundSql, voidSql } from "./money";
import { finishStockReturns, projections, returnsSql, shrinkHolds } from "./stock";

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
  await finishStockReturns(env, orderId);
  const c = await loadForChange(env, orderId);
  const { row } = c.order;
  // Already cancelled (by anyone, for any reason): the same order again, after finishing what a dead worker left.
  if (row.status === "cancelled") {
    if (row.stock_state !== "released" || c.fulfillments.some((f) => UNSHIPPED.has(f.status))) {
      await settleCancelled(env, c, req.actor, row.cancel_reason ?? req.reason);
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
  // Written first with stock "releasing", then the stock goes back: a worker dying in between leaves a cancelled
  // order still holding stock, which the sweep (or a repeated cancel) releases.
  await writeOrderBatch(env.DB, [
    updateOrder(row.id, row.version, {
      ...columnsOf(next),
      stock_state: "releasing",
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
    ...refundSql(row.id, payments, refunded, row.currency, req.reason, now),
    ...voidSql(row.id, payments, voided, row.currency, now),
    insert("order_events", timelineEvent(row.id, "order.cancelled", req.actor, now, { reason: req.reason, lines, refunded, voided })),
    outboxSql("order.cancelled", { ...orderEventData({ ...view, ...columnsOf(next), total: 0 }), reason: req.reason, refunded }, row.id, now),
  ]);
  await settleCancelled(env, c, req.actor, req.reason);
  return (await orderOr404(env.DB, row.id)).view;
}

/** Nothing of a cancelled order ships and its stock goes back. Safe to run again. */
async function settleCancelled(env: Env, c: OrderForChange, actor: string, reason: string) {
  for (const f of c.fulfillments.filter((f) => UNSHIPPED.has(f.status))) {
    // Releases the shipment's holds too. If it fails (someone moved it meanwhile), the order's state machine still
    // refuses to ship anything of a cancelled order, and the release below gives the stock back.
    await cancelFulfillment(env, actor, f.id, reason).catch((err) => console.warn("could not cancel a fulfillment of a cancelled order", { id: f.id, error: String(err) }));
  }
  await finishRelease(env, c.order.row.id, holdsOf(c.order.allocations), reason);
}

async function cancelLines(env: Env, c: OrderForChange, req: CancelRequest, asked: Map<string, number>): Promise<OrderView> {
  const { row, payments, view } = c.order;
  const next = new Map<string, number>();
  for (const [lineId, units] of asked) takeFromLine(c.lines.find((l) => l.id === lineId)!, c.allocs, units, next);
  const shrunk = await shrinkHolds(env, row, holdChanges(c.allocs, next), `cancel:v${row.version}`);
  const lines = c.lines.map((l) => ({ ...l, cancelledQuantity: l.cancelledQuantity + (asked.get(l.id) ?? 0) }));
  const totals = totalsOf(lines, row.shipping_total, row.tax_total);
  const money = moneyOf(row.payment_status, payments);
  const refund = refundDue(money, totals.total);
  let state = applyChange(stateOf(row), { type: "lines_cancelled", unitsShipped: false, captured: money.captured, refunded: money.refunded + refund, total: totals.total });
  const lost = lostHold(shrunk.lost);
  if (lost && state.status === "open") state = applyChange(state, { type: "hold_placed", kind: "manual" });
  const rewrite = rewriteAllocations(c, next, shrunk.replacedBy);
  const now = Date.now();
  const cancelled = [...asked].map(([line_id, quantity]) => ({ line_id, quantity }));
  const statements: Sql[] = [
    updateOrder(row.id, row.version, { ...columnsOf(state), subtotal: totals.subtotal, total: totals.total, ...(lost && state.status === "on_hold" && !row.hold_kind ? lost : {}) }),
    ...lines
      .filter((l) => asked.has(l.id))
      .map((l) => sql("UPDATE order_lines SET cancelled_quantity = ?, total = ? WHERE id = ?", l.cancelledQuantity, totals.lineTotals.get(l.id), l.id)),
    ...rewrite.statements,
    ...refundSql(row.id, payments, refund, row.currency, req.reason, now),
    ...returnsSql(row.id, shrunk.returns, req.reason, now),
    insert(
      "order_events",
      timelineEvent(row.id, "order.lines_cancelled", req.actor, now, {
        reason: req.reason,
        lines: cancelled,
        total_before: row.total,
        total_after: totals.total,
        refunded: refund,
        ...(lost ? { hold: lost } : {}),
      }),
    ),
    outboxSql("order.updated", { ...orderEventData({ ...view, ...columnsOf(state), total: totals.total }), change: "lines_cancelled", lines: cancelled, reason: req.reason }, row.id, now),
    ...projections(shrunk.snapshots),
  ];
  try {
    await writeFulfillmentBatch(env.DB, statements);
  } catch (err) {
    await releaseAll(env, [...shrunk.replacedBy].map(([old, holdId]) => ({ ...shrunk.returns.find((r) => r.holdId === old)!, holdId })), "order change failed");
    throw err;
  }
  await finishStockReturns(env, row.id);
  for (const f of rewrite.emptied) await cancelFulfillment(env, req.actor, f, req.reason);
  return (await orderOr404(env.DB, row.id)).view;
}

/** Units another order took in the instant a hold was being replaced: the order is held for a person to decide. */
function lostHold(lost: { sku: string; locationId: string; to: number }[]) {
  if (!lost.length) return null;
  const what = lost.map((l) => `${l.to} x ${l.sku} at ${l.locationId}`).join(", ");
  return { hold_kind: "manual" as const, hold_reason: `Stock for ${what} was taken by another order while this one changed; reallocate or cancel those units.` };
}
