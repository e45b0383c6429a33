// A verified provider event applied to its order, through the same functions the merchant's server calls
// (src/orders/payments.ts). The order is found by the id the merchant put on the payment (metadata.order_id) or by
// the payment's reference; the amount and currency must be the order's, or nothing changes and the refusal is kept.
import { insert, prepareAll, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { InvalidTransition } from "../domain/order-status";
import type { Env } from "../env";
import { Problem } from "../http/problem";
import { capturePayment, confirmPayment, voidPayment } from "../orders/payments";
import { type LoadedOrder, loadOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import type { PaymentEvent } from "./provider";
import { eventIfChangedSql, type MoneyRow, outcomeSql, settleJob } from "./settle";

export type Outcome =
  | "applied"
  | "already_applied"
  | "ignored"
  | "unmatched"
  | "reference_mismatch"
  | "amount_mismatch"
  | "currency_mismatch"
  | "order_not_payable"
  | "refunds_recorded";

export interface Applied {
  outcome: Outcome;
  orderId: string | null;
  detail?: string;
}

async function orderOf(db: D1Database, provider: string, e: PaymentEvent): Promise<LoadedOrder | null> {
  if (e.orderId) return loadOrder(db, { id: e.orderId });
  const hit = await db
    .prepare("SELECT order_id FROM payments WHERE provider = ? AND reference = ? ORDER BY kind = 'authorization' DESC LIMIT 1")
    .bind(provider, e.reference)
    .first<{ order_id: string }>();
  return hit ? loadOrder(db, { id: hit.order_id }) : null;
}

export async function applyEvent(env: Env, provider: string, e: PaymentEvent): Promise<Applied> {
  if (e.kind === "ignored") return { outcome: "ignored", orderId: null };
  const order = await orderOf(env.DB, provider, e);
  if (!order) return { outcome: "unmatched", orderId: e.orderId, detail: `No order for ${provider} payment ${e.reference}.` };
  const { row } = order;
  const done = (outcome: Outcome, detail?: string): Applied => ({ outcome, orderId: row.id, ...(detail ? { detail } : {}) });
  const authorization = order.payments.find((p) => p.kind === "authorization");
  // Another payment already pays this order: this one is not ours to apply.
  if (authorization && (authorization.provider !== provider || authorization.reference !== e.reference))
    return done("reference_mismatch", `The order is paid by ${authorization.provider} ${authorization.reference}, not ${e.reference}.`);
  const actor = `payment_provider:${provider}`;

  if (e.kind === "refunded") return done("refunds_recorded", await recordRefunds(env, order, provider, e, actor));
  if (e.kind === "canceled") return canceled(env, order, e, actor, done);

  if (e.currency !== row.currency) return refused(env, order, e, actor, "currency_mismatch", `The payment is in ${e.currency}, the order in ${row.currency}.`);
  const captured = e.kind === "captured";
  if (!authorization) {
    if (row.status === "cancelled" || row.payment_status !== "pending")
      return giveBack(env, order, provider, e, actor, "The order was cancelled before the payment arrived.");
    if (e.amount !== row.total) return refused(env, order, e, actor, "amount_mismatch", `The payment covers ${e.amount}, the order totals ${row.total}.`);
    try {
      await confirmPayment(env, actor, row.id, { provider, reference: e.reference, amount: e.amount, captured });
      return done("applied");
    } catch (err) {
      // Its holds ran out first: confirmPayment cancelled the order; the money goes back through the adapter.
      if (err instanceof Problem && err.code === "payment_window_expired")
        return giveBack(env, (await loadOrder(env.DB, { id: row.id }))!, provider, e, actor, "The payment arrived after the payment window; the order is cancelled.");
      throw err;
    }
  }
  if (!captured || row.payment_status === "paid" || !["authorized", "partially_paid"].includes(row.payment_status)) return done("already_applied");
  const capturedSoFar = order.payments.filter((p) => p.kind === "capture").reduce((t, p) => t + p.amount, 0);
  if (e.amount > row.total) return refused(env, order, e, actor, "amount_mismatch", `The capture of ${e.amount} exceeds the order total ${row.total}.`);
  if (e.amount <= capturedSoFar) return done("already_applied");
  try {
    await capturePayment(env, actor, row.id, { reference: e.reference, amount: e.amount - capturedSoFar });
  } catch (err) {
    if (err instanceof InvalidTransition) return done("order_not_payable", err.message);
    throw err;
  }
  return done("applied");
}

/** The provider cancelled the payment. Ours (a void we asked for): confirmed. An uncaptured authorization: voided, the order cancelled. */
async function canceled(env: Env, order: LoadedOrder, e: PaymentEvent, actor: string, done: (o: Outcome, d?: string) => Applied): Promise<Applied> {
  const { row } = order;
  const asked = order.payments.find((p) => p.kind === "void" && (p as MoneyRow).status === "requested");
  if (asked) {
    await env.DB.batch(prepareAll(env.DB, outcomeSql(asked, { status: "succeeded", providerId: e.reference }, actor)));
    return done("applied");
  }
  if (row.payment_status !== "authorized") return done(row.payment_status === "voided" ? "already_applied" : "ignored");
  try {
    await voidPayment(env, actor, row.id, { reference: e.reference, reason: "payment canceled at the provider" });
  } catch (err) {
    if (err instanceof InvalidTransition) return done("order_not_payable", err.message);
    throw err;
  }
  return done("applied");
}

/** Confirms (or fails) the refunds we asked for; refunds made at the provider by hand are noted, not invented here. */
async function recordRefunds(env: Env, order: LoadedOrder, provider: string, e: PaymentEvent, actor: string): Promise<string | undefined> {
  const ours = order.payments.filter((p) => p.kind === "refund") as MoneyRow[];
  const unknown: string[] = [];
  const statements = (e.refunds ?? []).flatMap((r) => {
    const row = ours.find((p) => (r.ourId && p.id === r.ourId) || (p.provider_id && p.provider_id === r.providerId));
    if (!row) {
      unknown.push(r.providerId);
      return [];
    }
    return outcomeSql(row, { status: r.status, providerId: r.providerId }, actor);
  });
  if (statements.length) await env.DB.batch(prepareAll(env.DB, statements));
  return unknown.length ? `Refunds made at ${provider} outside edge-oms, not recorded: ${unknown.join(", ")}.` : undefined;
}

/** Nothing changes on the order; its timeline says why the payment was refused, so staff can see it. */
async function refused(env: Env, order: LoadedOrder, e: PaymentEvent, actor: string, outcome: Outcome, detail: string): Promise<Applied> {
  const at = Date.now();
  const data = { provider_event: e.id, reference: e.reference, amount: e.amount, currency: e.currency, reason: outcome };
  await env.DB.batch(prepareAll(env.DB, [insert("order_events", timelineEvent(order.row.id, "payment.refused", actor, at, data))]));
  return { outcome, orderId: order.row.id, detail };
}

/** Money for an order that can no longer take it: voided (or refunded, if captured) through the adapter. */
async function giveBack(env: Env, order: LoadedOrder, provider: string, e: PaymentEvent, actor: string, detail: string): Promise<Applied> {
  const at = Date.now();
  const kind = e.kind === "captured" ? "refund" : "void";
  const id = newId("pay", at);
  const row = { id, order_id: order.row.id, kind, provider, reference: e.reference, amount: e.amount, currency: e.currency, created_at: at, status: "requested" };
  await env.DB.batch(
    prepareAll(env.DB, [
      // One give-back per payment reference, however often the provider repeats itself under new event ids.
      sql(
        `INSERT INTO payments (id, order_id, kind, provider, reference, amount, currency, created_at, status)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM payments WHERE order_id = ? AND reference = ? AND kind IN ('void', 'refund'))`,
        ...Object.values(row),
        order.row.id,
        e.reference,
      ),
      eventIfChangedSql(order.row.id, "payment.returned", actor, at, { provider_event: e.id, reference: e.reference, amount: e.amount, kind, reason: detail }),
    ]),
  );
  await env.FULFILLMENT.send(settleJob(id, at));
  return { outcome: "order_not_payable", orderId: order.row.id, detail };
}
