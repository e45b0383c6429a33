// Checkout: validate → plan → hold stock on every cell (all or nothing) → write the order in one D1 batch
// → commit the holds when payment is already authorized.
import { insertOrderSql, isOrderTaken } from "../orders/write";
import { type Allocation, type Destination, demandOf, planAllocation, planLine, type Shortage, splitAcrossLines } from "../domain/allocation";
import { batchTogether } from "../db/together";
import { newId } from "../domain/ids";
import { job } from "../queues/job";
import { sendTogether } from "../queues/send-together";
import { outboxSql } from "../events/emit";
import { orderEventData } from "../orders/event-data";
import { applyChange, INITIAL } from "../domain/order-status";
import type { Env, Principal } from "../env";
import { type Claim, rememberSql } from "../http/idempotency";
import { insert, sql } from "../db/sql";
import { conflict, Problem, unprocessable } from "../http/problem";
import type { Snapshot } from "../inventory/types";
import { newestPerCell, projectionSql } from "../inventory/projection";
import { type AllocationRow, type EventRow, type LineRow, loadOrder, type OrderRow, type PaymentRow, presentOrder } from "../orders/store";
import type { OrderView } from "../orders/schemas";
import { timelineEvent } from "../orders/timeline";
import { type PlannedHold, releaseAll } from "./holds";
import { type Reserved, StockChange } from "../stock-changes/change";
import { isStoreCreditShort } from "../store-credit/ledger";
import { STORE_CREDIT, storeCreditPaymentSql } from "../store-credit/payment";
import { holdIdOf, type Reserve } from "../stock-changes/record";
import type { CheckoutInput } from "./schemas";
import { candidatesFromCells, candidatesFromReadModel } from "./stock";
import { markBeyondStock } from "../backorders/mark";
import { invoiceIdFor, invoiceSql, renderJob } from "../invoices/issue";
import { type LocationFacts, readFacts, type VariantFacts } from "../read-model/cache";
import { linkCustomerSql } from "../customers/link";
import { screenShopper } from "../fraud/screen";
import { reservationLimits } from "./limits";
import { deliverySettings } from "../delivery-promises/cache";
import { orderPromise } from "../delivery-promises/estimate";
import { pickStripes, retryOnStripes } from "../striping/reserve";

export const WEB_CHANNEL_ID = "ch_web";

// How long a hold committed at checkout waits for its order batch before its cell checks D1 for the order. Far longer
// than any request lives; short enough that a checkout that died gives its stock back soon.
const CONFIRM_WINDOW_MS = 10 * 60_000;

// The ship-by promise: what on-time shipment is measured against.
const STANDARD_SHIP_MS = 48 * 3_600_000;
const EXPRESS_SHIP_MS = 24 * 3_600_000;

export interface CheckoutContext {
  env: Env;
  principal: Principal;
  /** Names this checkout for the effects that outlive a request: the order's checkout_key and its hold ids. */
  checkoutKey: string;
  /** The request's claimed Idempotency-Key: the answer is stored in the order's own batch. */
  claim?: Claim;
  /** Work that may finish after the answer: handing a paid order to fulfillment (the sweep is the safety net). */
  waitUntil: (p: Promise<unknown>) => void;
  /** Set for orders a channel sold (marketplace, shop, import): the web storefront when absent. */
  channel?: ChannelOrigin;
  /** The shopper's IP as the edge saw it: screening hashes it for the rules that count orders per IP; only the hash is kept. */
  clientIp?: string;
}

/** Where a channel order comes from, and what the channel charged: its prices, shipping and tax are the order's. */
export interface ChannelOrigin {
  id: string;
  /** The order's id at the channel: the same channel order never makes two orders. */
  externalId: string;
  /** Per line, in input order: the unit price the channel charged. Catalog prices when absent. */
  unitPrices?: number[];
  shippingTotal?: number;
  taxTotal?: number;
}

export async function placeCheckout(ctx: CheckoutContext, input: CheckoutInput): Promise<OrderView> {
  const { env } = ctx;
  const now = Date.now();
  const { checkoutKey } = ctx;
  const demand = demandOf(input.lines);
  // The delivery promise reads the merchant's calendars and transit times from the isolate's cache (no D1 round trip
  // when warm); started now, it is long settled by the time the order row is built. An unreadable table promises nothing.
  const promiseSettings = input.shipping_address ? deliverySettings(env.DB, now, ctx.waitUntil).catch(() => null) : null;
  // The shopper's reservation limits (src/checkout/limits.ts), beside the catalog read: a checkout too large is
  // refused here; an unpaid storefront checkout's window is counted in the round trip that records the stock change
  // (below), not in one of its own. Channel orders are the channel's, already sold, and are not limited here.
  const [facts, windowCount] = await Promise.all([
    readFacts(env.DB, demand.map((d) => d.sku)),
    ctx.channel
      ? null
      : reservationLimits(env, { principal: ctx.principal, clientIp: ctx.clientIp, units: input.lines.reduce((n, l) => n + l.quantity, 0), paid: !!input.payment }),
  ]);
  const variants = checkLines(input, facts.variants);
  const dest = destinationOf(input, facts.locations);
  const origin = ctx.channel;
  const unitPrice = (i: number) => origin?.unitPrices?.[i] ?? variants[input.lines[i].sku].price_amount;
  const subtotal = input.lines.reduce((t, l, i) => t + unitPrice(i) * l.quantity, 0);
  const shippingTotal = origin?.shippingTotal ?? 0;
  const taxTotal = origin?.taxTotal ?? 0;
  const total = subtotal + shippingTotal + taxTotal;
  if (input.payment && input.payment.amount !== total)
    throw unprocessable("payment_amount_mismatch", `The payment covers ${input.payment.amount}, the order totals ${total}.`, {
      errors: [{ field: "body.payment.amount", message: `Must equal the order total ${total}` }],
    });

  const plan = planAllocation(demand, candidatesFromReadModel(facts.locations, facts.levels), dest);
  if (!plan.ok) throw insufficientStock(plan.shortages);

  const orderId = newId("ord", now);
  // Paid with the customer's store credit: its debits go in the order's own batch (checked before any stock is held).
  const storeCredit =
    input.payment?.provider === STORE_CREDIT
      ? await storeCreditPaymentSql(env.DB, { customerId: input.payment.reference, email: input.email, currency: input.currency, amount: total, captured: input.payment.captured ?? false, orderId, at: now })
      : [];
  // Unpaid: held until payment is due. Paid: committed at once, and settled by the cell if no order ever names it.
  const paid = !!input.payment;
  const ttlMs = paid ? CONFIRM_WINDOW_MS : Number(env.PAYMENT_HOLD_SECONDS) * 1000;
  // Fraud screening (the merchant's rules, at most one D1 read) runs while the cells hold the stock.
  const screening = screenShopper(env.DB, {
    email: input.email,
    total,
    currency: input.currency,
    shippingAddress: input.shipping_address,
    billingAddress: input.billing_address,
    clientIp: ctx.clientIp,
    at: now,
  });
  screening.catch(() => {}); // awaited below; a refused hold must not leave it unhandled
  // Recorded before any cell is touched (src/stock-changes): if this request dies, the sweep gives the holds back.
  const changeId = newId("chg", now);
  const { change, results: counted } = await StockChange.beginWith(env, {
    id: changeId,
    orderId,
    kind: "checkout",
    // A striped SKU's hold goes to one of its stripes (src/striping/).
    reserves: pickStripes(await reservesFor(changeId, plan.allocations, 0, paid, ttlMs), facts.levels),
    afterwards: [],
  }, windowCount?.statements ?? []);
  try {
    windowCount?.check(counted);
  } catch (err) {
    // Refused before any cell was asked for anything: the record is closed, no stock to give back.
    await change.abandonUnreserved();
    throw err;
  }
  const { holds, snapshots } = await holdStock(ctx, change, plan.allocations, dest, facts.locations, ttlMs, paid);
  const { verdict, factsSql, ipHash } = await screening.catch(async (err) => {
    await change.abandon();
    throw err;
  });


  const confirmed = input.payment ? applyChange(INITIAL, { type: "payment_confirmed", captured: input.payment.captured ?? false }) : INITIAL;
  // Held for review: its stock stays reserved (committed when paid) and it is not sent to fulfillment until released.
  const held = !!verdict?.hold;
  const state = held ? applyChange(confirmed, { type: "hold_placed", kind: "fraud_review" }) : confirmed;
  const actor = origin ? `channel:${origin.id}` : (ctx.principal.actor ?? `api_key:${ctx.principal.id}`);
  const settings = await promiseSettings;
  const promisedDeliveryAt = settings
    ? orderPromise(settings, holds.map((h) => h.locationId), { country: input.shipping_address!.country, postalCode: input.shipping_address!.postal_code }, input.shipping_speed ?? "standard", now)
    : null;
  const row: OrderRow = {
    id: orderId,
    number: 0, // assigned by D1 inside the batch, so numbers never collide
    channel_id: origin?.id ?? WEB_CHANNEL_ID,
    status: state.status,
    payment_status: state.paymentStatus,
    fulfillment_status: state.fulfillmentStatus,
    stock_state: paid ? "committed" : "reserved",
    currency: input.currency,
    subtotal,
    shipping_total: shippingTotal,
    tax_total: taxTotal,
    total,
    email: input.email,
    shipping_address: input.shipping_address ? JSON.stringify(input.shipping_address) : null,
    pickup_location_id: input.pickup_location_id ?? null,
    hold_expires_at: input.payment ? null : now + ttlMs,
    cancel_reason: null,
    shipping_speed: input.pickup_location_id ? "pickup" : (input.shipping_speed ?? "standard"),
    ship_by: now + (input.shipping_speed === "express" ? EXPRESS_SHIP_MS : STANDARD_SHIP_MS),
    promised_delivery_at: promisedDeliveryAt,
    version: 1,
    customer_id: null,
    tags: "[]",
    hold_kind: held ? "fraud_review" : null,
    hold_reason: held ? `risk score ${verdict!.score}` : null,
    risk_score: verdict?.score ?? null,
    risk_reasons: verdict ? JSON.stringify(verdict.reasons) : null,
    billing_address: input.billing_address ? JSON.stringify(input.billing_address) : null,
    client_ip_hash: ipHash,
    external_id: origin?.externalId ?? null,
    created_at: now,
    updated_at: now,
  };
  const lines: LineRow[] = input.lines.map((l, i) => ({
    id: newId("line", now),
    order_id: orderId,
    position: i + 1,
    sku: l.sku,
    variant_id: variants[l.sku].id,
    title: variants[l.sku].title,
    quantity: l.quantity,
    unit_price: unitPrice(i),
    total: unitPrice(i) * l.quantity,
    cancelled_quantity: 0,
    supply: "stock",
    available_on: null,
  }));
  const holdAt = new Map(holds.map((h) => [`${h.sku}\n${h.locationId}`, h.holdId]));
  const allocations: AllocationRow[] = splitAcrossLines(
    input.lines,
    holds.map((h) => ({ sku: h.sku, locationId: h.locationId, qty: h.qty })),
  ).map((a) => ({
    id: newId("alloc", now),
    order_id: orderId,
    line_id: lines[a.lineIndex].id,
    sku: input.lines[a.lineIndex].sku,
    location_id: a.locationId,
    quantity: a.qty,
    hold_id: holdAt.get(`${input.lines[a.lineIndex].sku}\n${a.locationId}`)!,
  }));
  // Units promised beyond stock: their lines become backorders or preorders and wait in their cells' queues.
  const beyondStock = await markBeyondStock(env.DB, { orderId, orderedAt: now, lines, allocations, holds, snapshots });
  const payments: PaymentRow[] = input.payment
    ? [{ id: newId("pay", now), order_id: orderId, kind: "authorization", ...pick(input.payment), currency: input.currency, created_at: now }]
    : [];
  const events: EventRow[] = [
    timelineEvent(orderId, "order.created", actor, now, { channel: row.channel_id, external_id: row.external_id, lines: lines.length, total, currency: input.currency }),
    ...(input.payment ? [timelineEvent(orderId, "payment.confirmed", actor, now, { ...pick(input.payment), captured: input.payment.captured ?? false })] : []),
    ...(held ? [timelineEvent(orderId, "order.on_hold", "system", now, { kind: "fraud_review", reason: row.hold_reason, score: verdict!.score, reasons: verdict!.reasons })] : []),
  ];

  // Money taken at checkout is invoiced in the order's own batch.
  const invoiceId = input.payment?.captured ? invoiceIdFor(now) : null;
  const invoice = invoiceId
    ? invoiceSql({ order: { ...row, lines }, paymentId: payments[0].id, amount: total, previous: [], at: now }, invoiceId)
    : [];
  // The answer is known before the batch but for the number D1 assigns in it; the stored copy takes it from there.
  const answer = presentOrder({ row, lines, allocations, payments, events });
  try {
    const results = await change.write(
      [
        insertOrderSql(row, checkoutKey),
        ...(ctx.claim ? [rememberSql(ctx.claim, 201, JSON.stringify(answer), sql("SELECT number FROM orders WHERE id = ?6", orderId))] : []),
        ...lines.map((l) => insert("order_lines", l)),
        ...allocations.map((a) => insert("allocations", a)),
        ...beyondStock,
        ...payments.map((p) => insert("payments", p)),
        ...storeCredit,
        ...invoice,
        ...events.map((e) => insert("order_events", e)),
        // The order's customer, found or created by email, linked in this same write (the answer says null: built before).
        ...linkCustomerSql(row),
        factsSql(orderId),
        outboxSql("order.created", orderEventData(answer), orderId, now, true),
        ...(paid ? [outboxSql("order.confirmed", orderEventData(answer), orderId, now, true)] : []),
        ...newestPerCell(snapshots).map(projectionSql),
      ],
      (statements) => batchTogether(env.DB, statements),
    );
    answer.number = row.number = (results[0].results[0] as { number: number }).number;
    if (ctx.claim) ctx.claim.storedInBatch = true;
    if (paid && !held) ctx.waitUntil(sendTogether(env.FULFILLMENT, job("create_fulfillments", orderId, { orderId })));
    if (invoiceId) ctx.waitUntil(sendTogether(env.LABELS, renderJob(invoiceId)));
  } catch (err) {
    // change.write gave this attempt's own holds back. A retry of a checkout whose worker died after writing (or a
    // channel order placed meanwhile by another delivery of it) finds the order there, with holds of its own.
    if (isOrderTaken(err)) {
      const existing = await loadOrder(env.DB, { checkoutKey });
      if (existing) return existing.view;
    }
    if (isStoreCreditShort(err)) throw conflict("store_credit_changed", "The customer's store credit was spent or expired meanwhile; read the balance and try again.");
    throw err;
  }

  return answer;
}

/** The holds of a plan, named after the change (attempt 1 is the re-plan of SKUs the read model misjudged). */
const reservesFor = (changeId: string, allocs: Allocation[], attempt: number, commit: boolean, ttlMs: number): Promise<Reserve[]> =>
  Promise.all(allocs.map(async (a) => ({ holdId: await holdIdOf(changeId, a.sku, a.locationId, attempt), sku: a.sku, locationId: a.locationId, qty: a.qty, commit, ttlMs })));

const asPlanned = (r: Reserved): PlannedHold => ({ holdId: r.reserve.holdId, sku: r.reserve.sku, locationId: r.reserve.locationId, qty: r.reserve.qty });

/**
 * Hold every planned unit; re-plan a SKU once with the cells' own figures when the read model was stale. Every hold
 * is the change's own, so giving some back (or abandoning the change) never touches another request's stock.
 */
async function holdStock(
  ctx: CheckoutContext,
  change: StockChange,
  planned: Allocation[],
  dest: Destination,
  locations: LocationFacts[],
  ttlMs: number,
  commit: boolean,
): Promise<{ holds: PlannedHold[]; snapshots: Snapshot[] }> {
  const { env } = ctx;
  // A stripe that could not cover its line is not the last word: the SKU's other stripes are (src/striping/).
  const first = await retryOnStripes(env, change, await change.reserve());
  const failedSkus = new Set(first.filter((r) => !r.result.ok).map((r) => r.reserve.sku));
  const kept = first.filter((r) => r.result.ok && !failedSkus.has(r.reserve.sku));
  const snapshots = first.map((r) => r.result.snapshot);
  if (!failedSkus.size) return { holds: kept.map(asPlanned), snapshots };

  // Give back what the failed SKUs got (this change's own holds), then plan them again from the cells themselves.
  await releaseAll(env, first.filter((r) => r.result.ok && failedSkus.has(r.reserve.sku)).map(asPlanned), "re-planning");
  const shortages: Shortage[] = [];
  const retry: Allocation[] = [];
  for (const sku of failedSkus) {
    const qty = planned.filter((a) => a.sku === sku).reduce((t, a) => t + a.qty, 0);
    const where = dest.kind === "pickup" ? locations.filter((l) => l.id === dest.locationId) : locations;
    const fresh = await candidatesFromCells(env, sku, where);
    const line = dest.kind === "pickup" ? planAllocation([{ sku, qty }], new Map([[sku, fresh]]), dest) : planLine({ sku, qty }, fresh, dest);
    if (line.ok) retry.push(...line.allocations);
    else shortages.push(...line.shortages);
  }
  if (shortages.length) {
    await change.abandon();
    throw insufficientStock(shortages);
  }
  const second = await change.reserveMore(await reservesFor(change.plan.id, retry, 1, commit, ttlMs));
  snapshots.push(...second.map((r) => r.result.snapshot));
  if (second.some((r) => !r.result.ok)) {
    await change.abandon();
    throw insufficientStock(
      [...new Set(second.filter((r) => !r.result.ok).map((r) => r.reserve.sku))].map((sku) => ({
        sku,
        requested: retry.filter((a) => a.sku === sku).reduce((t, a) => t + a.qty, 0),
        available: Math.max(0, ...second.filter((r) => r.reserve.sku === sku).map((r) => r.result.snapshot.available)),
      })),
    );
  }
  return { holds: [...kept, ...second].map(asPlanned), snapshots };
}

function checkLines(input: CheckoutInput, variants: Map<string, VariantFacts>): Record<string, VariantFacts> {
  const errors: { field: string; message: string }[] = [];
  const found: Record<string, VariantFacts> = {};
  input.lines.forEach((l, i) => {
    const v = variants.get(l.sku);
    if (!v) errors.push({ field: `body.lines.${i}.sku`, message: `Unknown SKU ${l.sku}` });
    else if (!v.sellable) errors.push({ field: `body.lines.${i}.sku`, message: `${l.sku} is not for sale` });
    else if (v.currency !== input.currency)
      errors.push({ field: `body.lines.${i}.sku`, message: `${l.sku} is priced in ${v.currency}, the checkout is in ${input.currency}` });
    else found[l.sku] = v;
  });
  if (errors.length) {
    const code = errors.some((e) => e.message.startsWith("Unknown")) ? "unknown_sku" : errors.some((e) => e.message.includes("priced in")) ? "currency_mismatch" : "sku_not_sellable";
    throw unprocessable(code, "Some lines cannot be sold as asked.", { errors });
  }
  return found;
}

function destinationOf(input: CheckoutInput, locations: LocationFacts[]): Destination {
  if (input.pickup_location_id) {
    const loc = locations.find((l) => l.id === input.pickup_location_id);
    if (!loc || !loc.can_pickup)
      throw unprocessable("invalid_pickup_location", "That location does not exist, is closed, or does not do pickup.", {
        errors: [{ field: "body.pickup_location_id", message: "Not a pickup location" }],
      });
    return { kind: "pickup", locationId: loc.id };
  }
  const a = input.shipping_address!;
  return { kind: "ship", latitude: a.latitude, longitude: a.longitude };
}

const insufficientStock = (shortages: Shortage[]): Problem =>
  conflict("insufficient_stock", "Not enough stock for some lines; nothing was reserved.", { shortages });

const pick = (p: NonNullable<CheckoutInput["payment"]>) => ({ provider: p.provider, reference: p.reference, amount: p.amount });
