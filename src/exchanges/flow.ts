// An exchange from its record to the replacement sent. Each step is one batch (an exchange row at a version):
//   record   POST …/exchange: the items and the difference; reserved at once when the return is already open;
//   reserve  when the return is approved (hooks.ts: in the decision's own batch);
//   send     when every returned unit has come back, or at once when the policy allows advance exchanges; a shopper
//            who owes the difference first pays it (awaiting_payment, then POST …/exchange/payment);
//   cancel   when the return is declined or cancelled (or closed with units missing): holds released (reserve.ts).
import { insert, type Sql, sql } from "../db/sql";
import { versionedUpdate } from "../db/versioned";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { conflict, notFound, unprocessable, type FieldError } from "../http/problem";
import { orderOr404 } from "../orders/payments";
import type { LoadedOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { readFacts } from "../read-model/cache";
import { returnPolicy } from "../return-policy/settings";
import { type LoadedReturn, requireReturn } from "../returns/store";
import { reserveItems } from "./reserve";
import type { ExchangeView } from "./schemas";
import { exchangeChanged, type Payment, paymentReference, sendingOf, writeExchangeBatch } from "./ship";
import { type ExchangeItemRow, loadExchange, presentExchange, requireExchange } from "./store";
import { newValue, returnedValue } from "./value";

export interface ExchangeRequest {
  items: { sku: string; quantity: number; unit_price?: number }[];
  location_id?: string;
}

// Money must have been taken for the returned units: their value is what pays for the new ones.
const PAID = new Set(["paid", "partially_refunded"]);

export async function recordExchange(env: Env, returnId: string, input: ExchangeRequest, actor: string): Promise<ExchangeView> {
  const ret = await requireReturn(env.DB, returnId);
  if (ret.row.status !== "requested" && ret.row.status !== "open")
    throw conflict("exchange_not_possible", `A ${ret.row.status} return takes no exchange.`, { status: ret.row.status });
  const existing = await loadExchange(env.DB, returnId);
  // A pending exchange (nothing reserved yet) may be asked again with other items: one an approval found short of stock.
  if (existing && existing.row.state !== "pending") throw conflict("exchange_exists", "This return already has an exchange.", { exchange_id: existing.row.id, state: existing.row.state });
  if (ret.lines.some((l) => l.refunded > 0)) throw conflict("return_refunded", "Units of this return were refunded; they cannot also pay for an exchange.");
  const order = await orderOr404(env.DB, ret.row.order_id);
  if (!PAID.has(order.row.payment_status))
    throw conflict("exchange_not_possible", `The order's payment is ${order.row.payment_status}: an exchange needs the returned units paid for.`, { payment_status: order.row.payment_status });
  const at = Date.now();
  const id = newId("exc", at);
  const items = await itemsOf(env.DB, id, input, order.row.currency, at);
  if (input.location_id && !(await env.DB.prepare("SELECT 1 FROM locations WHERE id = ?").bind(input.location_id).first()))
    throw unprocessable("exchange_not_possible", "No such location.", { errors: [{ field: "body.location_id", message: `No location ${input.location_id}` }] });

  const lineOf = new Map(order.lines.map((l) => [l.id, l]));
  const returned = returnedValue(ret.lines.map((l) => ({ quantity: l.quantity, line: lineOf.get(l.order_line_id)! })));
  const added = newValue(items);
  const open = ret.row.status === "open";
  const statements: Sql[] = [
    ...(existing
      ? [sql("DELETE FROM exchange_items WHERE exchange_id = ?", existing.row.id), sql("DELETE FROM exchanges WHERE id = ? AND state = 'pending'", existing.row.id)]
      : []),
    insert("exchanges", {
      id,
      return_id: returnId,
      order_id: order.row.id,
      state: open ? "reserved" : "pending",
      location_id: input.location_id ?? null,
      returned_value: returned,
      new_value: added,
      difference: added - returned,
      currency: order.row.currency,
      version: 1,
      created_by: actor,
      created_at: at,
      updated_at: at,
      reserved_at: open ? at : null,
    }),
    ...items.map((i) => insert("exchange_items", i)),
    insert(
      "order_events",
      timelineEvent(order.row.id, "exchange.requested", actor, at, {
        exchange_id: id,
        return_id: returnId,
        rma: ret.row.rma,
        items: items.map((i) => ({ sku: i.sku, quantity: i.quantity, unit_price: i.unit_price })),
        difference: added - returned,
      }),
    ),
  ];
  if (!open) await writeExchangeBatch(env.DB, statements);
  else {
    const r = await reserveItems(env, order, items, input.location_id ?? null, at);
    await r.change.write([...statements, ...r.statements, reservedEvent(order.row.id, id, returnId, actor, at)], (all) => writeExchangeBatch(env.DB, all));
    await sendWhenReady(env, returnId, actor);
  }
  return presentExchange(await requireExchange(env.DB, returnId));
}

async function itemsOf(db: D1Database, exchangeId: string, input: ExchangeRequest, currency: string, at: number): Promise<ExchangeItemRow[]> {
  const { variants } = await readFacts(db, [...new Set(input.items.map((i) => i.sku))]);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.items.forEach((i, n) => {
    const v = variants.get(i.sku);
    const field = `body.items.${n}.sku`;
    if (seen.has(i.sku)) errors.push({ field, message: "Each SKU once per exchange" });
    seen.add(i.sku);
    if (!v) errors.push({ field, message: `Unknown SKU ${i.sku}` });
    else if (!v.sellable) errors.push({ field, message: `${i.sku} is not for sale` });
    else if (v.currency !== currency) errors.push({ field, message: `${i.sku} is priced in ${v.currency}, the order is in ${currency}` });
  });
  if (errors.length) throw unprocessable("exchange_not_possible", "Some items cannot be exchanged for.", { errors });
  return input.items.map((i, n) => {
    const v = variants.get(i.sku)!;
    return { id: newId("line", at), exchange_id: exchangeId, position: n + 1, sku: i.sku, variant_id: v.id, title: v.title, quantity: i.quantity, unit_price: i.unit_price ?? v.price_amount };
  });
}

const reservedEvent = (orderId: string, exchangeId: string, returnId: string, actor: string, at: number) =>
  insert("order_events", timelineEvent(orderId, "exchange.reserved", actor, at, { exchange_id: exchangeId, return_id: returnId }));

/** The reservation of a pending exchange, for the approval's batch (hooks.ts). */
export async function reserveOnApproval(env: Env, ret: LoadedReturn, actor: string, at: number): Promise<Sql[]> {
  const x = await loadExchange(env.DB, ret.row.id);
  if (!x || x.row.state !== "pending") return [];
  const order = await orderOr404(env.DB, ret.row.order_id);
  const r = await reserveItems(env, order, x.items, x.row.location_id, at);
  return [
    versionedUpdate("exchanges", x.row.id, x.row.version, { state: "reserved", reserved_at: at }),
    ...r.statements,
    reservedEvent(order.row.id, x.row.id, ret.row.id, actor, at),
    r.change.outcomeSql(at),
  ];
}

const allBack = (ret: LoadedReturn) => ret.lines.every((l) => l.restocked + l.damaged + l.inspecting >= l.quantity);

/**
 * Sends the replacement if it may go: the return is open and every returned unit is back (or the policy allows
 * advance exchanges). A shopper who owes the difference is asked for it first (awaiting_payment). Safe to call again,
 * from anywhere: after a receive (returns-receiving), after an approval, after the payment.
 */
export async function sendWhenReady(env: Env, returnId: string, actor = "system"): Promise<void> {
  const x = await loadExchange(env.DB, returnId);
  if (!x || x.row.state !== "reserved") return;
  const ret = await requireReturn(env.DB, returnId);
  if (ret.row.status !== "open" && !(ret.row.status === "closed" && allBack(ret))) return;
  if (!allBack(ret) && !(await returnPolicy(env.DB)).advance_exchange) return;
  const at = Date.now();
  if (x.row.difference > 0) {
    await writeExchangeBatch(env.DB, [
      versionedUpdate("exchanges", x.row.id, x.row.version, { state: "awaiting_payment" }),
      insert("order_events", timelineEvent(x.row.order_id, "exchange.awaiting_payment", actor, at, { exchange_id: x.row.id, return_id: returnId, amount: x.row.difference, currency: x.row.currency })),
    ]);
    return;
  }
  await send(env, await orderOr404(env.DB, x.row.order_id), ret, returnId, actor, null);
}

/** The shopper paid the difference (the merchant's server says so, with payments:write): the replacement goes. */
export async function payExchange(env: Env, returnId: string, payment: Payment, actor: string): Promise<ExchangeView> {
  const x = await requireExchange(env.DB, returnId);
  if (x.row.state === "shipped" && x.row.payment_id) {
    const paid = await env.DB.prepare("SELECT reference FROM payments WHERE id = ?").bind(x.row.payment_id).first<{ reference: string }>();
    if (paid?.reference === paymentReference(payment)) return presentExchange(x);
  }
  if (x.row.state !== "awaiting_payment")
    throw conflict("exchange_not_awaiting_payment", `The exchange is ${x.row.state}: nothing is owed now.`, { state: x.row.state, difference: x.row.difference });
  if (payment.amount !== x.row.difference)
    throw unprocessable("payment_amount_mismatch", `The payment covers ${payment.amount}, the shopper owes ${x.row.difference}.`, {
      errors: [{ field: "body.amount", message: `Must equal the difference ${x.row.difference}` }],
    });
  const ret = await requireReturn(env.DB, returnId);
  await send(env, await orderOr404(env.DB, x.row.order_id), ret, returnId, actor, payment);
  return presentExchange(await requireExchange(env.DB, returnId));
}

async function send(env: Env, order: LoadedOrder, ret: LoadedReturn, returnId: string, actor: string, payment: Payment | null) {
  const x = await requireExchange(env.DB, returnId);
  if (x.row.state !== "reserved" && x.row.state !== "awaiting_payment") throw exchangeChanged();
  if (order.row.status !== "open") throw conflict("exchange_not_possible", `The order is ${order.row.status}: nothing ships for it.`);
  const sending = await sendingOf(env, order, ret, x, actor, payment);
  await writeExchangeBatch(env.DB, sending.statements);
  await sending.after(env);
}

export async function showExchange(db: D1Database, returnId: string): Promise<ExchangeView> {
  const x = await loadExchange(db, returnId);
  if (!x) {
    if (!(await db.prepare("SELECT 1 FROM returns WHERE id = ?").bind(returnId).first())) throw notFound("return_not_found", `No return ${returnId}.`);
    throw notFound("exchange_not_found", `Return ${returnId} has no exchange.`);
  }
  return presentExchange(x);
}
