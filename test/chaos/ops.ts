// The operations a chaos run interleaves, as data (so fast-check can generate, print and shrink them), and how each
// runs against the OMS: through the typed client where a route exists, through the service function where a fault
// is injected into D1. What an operation learns (orders made, checkouts refused or interrupted) goes into the Run.
import { createMessageBatch, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { placeCheckout } from "../../src/checkout/service";
import type { CheckoutInput } from "../../src/checkout/schemas";
import { InvalidTransition } from "../../src/domain/order-status";
import { ship as shipFulfillment, cancel as cancelFulfillment } from "../../src/fulfillment/transitions";
import { Problem } from "../../src/http/problem";
import { ingestChannelEvent } from "../../src/ingest/job";
import { cellOf } from "../../src/inventory/cells";
import { cancelOrder } from "../../src/order-changes/cancel";
import { editOrder } from "../../src/order-changes/edit";
import type { EditInput } from "../../src/order-changes/schemas";
import { confirmPayment } from "../../src/orders/payments";
import { sweep } from "../../src/orders/sweep";
import { consume } from "../../src/queues/consumer";
import { job } from "../../src/queues/job";
import { SCOPES } from "../../src/http/auth-scopes";
import { admin, client, key } from "../helpers/client";
import { shipTo } from "../helpers/fixtures";
import { sendShopify, shopifyOrder } from "../channels/helpers";
import type { Env } from "../../src/env";
import { type Fault, faultyEnv, InjectedFault, underFault } from "./faults";
import { executeReturnOp, type ReturnOp, returnOps } from "./returns-ops";
import { env, type Place, priceOf, type Run } from "./world";

type Via = "http" | "service";
export type Op =
  | { t: "checkout"; via: Via; paid: boolean; lines: { sku: number; qty: number }[]; to: Place; holdSeconds: number; twice: boolean; fault: Fault | null }
  | { t: "retry_checkout"; i: number }
  | { t: "confirm"; i: number; via: Via; fault: Fault | null }
  | { t: "cancel"; i: number; partial: boolean; via: Via; fault: Fault | null }
  | { t: "edit"; i: number; change: "more" | "less" | "add" | "remove"; sku: number; via: Via; fault: Fault | null }
  | { t: "fulfill"; i: number; f: number; step: "picking" | "pack" | "ship" | "cancel"; via: Via; fault: Fault | null }
  | { t: "move"; sku: number; at: Place; kind: "receive" | "adjust" | "count"; qty: number }
  | { t: "channel"; i: number; topic: "create" | "paid" | "updated" | "cancelled"; paid: boolean; copies: number; sameId: boolean; direct: boolean }
  | { t: "sweep"; aheadMs: number }
  | { t: "alarm"; sku: number; at: Place }
  | { t: "queue_twice"; i: number; what: "fulfillments" | "backorders" }
  | { t: "evict"; sku: number; at: Place }
  | { t: "together"; ops: Op[] }
  | ReturnOp;

// ── generation ─────────────────────────────────────────────────────────────

const place = fc.constantFrom<Place>("berlin", "lyon");
const sku = fc.nat({ max: 2 });
const idx = fc.nat({ max: 30 });
const via = fc.constantFrom<Via>("http", "service");
const fault: fc.Arbitrary<Fault | null> = fc.option(
  fc.record({ kind: fc.constantFrom("fail_before", "fail_after", "die_before", "die_after"), at: fc.nat({ max: 1 }) }),
  { freq: 2 },
) as fc.Arbitrary<Fault | null>;

const single: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("checkout" as const),
      via,
      paid: fc.boolean(),
      // The same SKU may come twice: both lines draw on the same stock.
      lines: fc.array(fc.record({ sku, qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      to: place,
      holdSeconds: fc.constantFrom(1, 2, 900),
      twice: fc.boolean(),
      fault,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("retry_checkout" as const), i: idx }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("confirm" as const), i: idx, via, fault }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("cancel" as const), i: idx, partial: fc.boolean(), via, fault }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("edit" as const), i: idx, change: fc.constantFrom("more", "less", "add", "remove"), sku, via, fault }) },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant("fulfill" as const), i: idx, f: fc.nat({ max: 1 }), step: fc.constantFrom("picking", "pack", "ship", "ship", "cancel"), via, fault }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("move" as const), sku, at: place, kind: fc.constantFrom("receive", "receive", "adjust", "count"), qty: fc.integer({ min: -2, max: 3 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("channel" as const),
      i: idx,
      topic: fc.constantFrom("create", "create", "paid", "updated", "cancelled"),
      paid: fc.boolean(),
      copies: fc.integer({ min: 1, max: 3 }),
      sameId: fc.boolean(),
      direct: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("sweep" as const), aheadMs: fc.constantFrom(0, 3_000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("alarm" as const), sku, at: place }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("queue_twice" as const), i: idx, what: fc.constantFrom("fulfillments", "backorders") }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("evict" as const), sku, at: place }) },
  ...returnOps,
);

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: single },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("together" as const), ops: fc.array(single.filter((o) => o.t !== "evict"), { minLength: 2, maxLength: 3 }) }) },
);

/** One line per operation; a fault only where it applies (service calls). */
export const show = (op: Op): string => {
  if (op.t === "together") return `together(${op.ops.map(show).join(" ‖ ")})`;
  const { t, ...rest } = op as Record<string, unknown>;
  if (rest.via === "http" || (t === "fulfill" && (rest.step === "picking" || rest.step === "pack"))) delete rest.fault;
  if (rest.fault === null) delete rest.fault;
  if (t === "checkout" && rest.via === "http") delete rest.holdSeconds;
  if (t === "checkout" && rest.via === "service") delete rest.twice;
  return `${t} ${JSON.stringify(rest)}`;
};

// ── running ────────────────────────────────────────────────────────────────

const ACTOR = "api_key:bootstrap";
const BOOTSTRAP = { id: "bootstrap", kind: "secret" as const, scopes: SCOPES };
const path = (id: string) => ({ params: { path: { id } } });

// An operation still running after this long hung: that is a finding (named after the operation), not a test timeout.
// A watchdog, not a pause: nothing waits for it unless the operation hangs.
const HUNG_MS = 20_000;

export async function bounded(run: Run, what: string, p: Promise<unknown>, ms = HUNG_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      run.anomalies.push(`${what}: still running after ${ms / 1000} s (hung)`);
      resolve();
    }, ms);
  });
  try {
    await Promise.race([p, hung]);
  } finally {
    clearTimeout(timer);
  }
}

export async function execute(run: Run, op: Op): Promise<void> {
  return bounded(run, `#${run.seq + 1} ${show(op)}`, executeOp(run, op));
}

async function executeOp(run: Run, op: Op): Promise<void> {
  const n = ++run.seq;
  const label = `#${n} ${op.t}`;
  try {
    switch (op.t) {
      case "together":
        await Promise.all(op.ops.map((o) => executeOp(run, o)));
        return;
      case "checkout":
        return await checkout(run, op, label, n);
      case "retry_checkout":
        return await retryCheckout(run, op.i, label);
      case "confirm":
        return await confirm(run, op, label);
      case "cancel":
        return await cancel(run, op, label);
      case "edit":
        return await edit(run, op, label);
      case "fulfill":
        return await fulfill(run, op, label);
      case "move":
        return await move(run, op, label);
      case "channel":
        return await channel(run, op, label);
      case "sweep":
        await sweep(env, Date.now() + op.aheadMs);
        return;
      case "alarm": {
        const stub = cellOf(env, run.skus[op.sku], run.shared.loc[op.at]);
        await Promise.all([runDurableObjectAlarm(stub), runDurableObjectAlarm(stub)]);
        return;
      }
      case "queue_twice":
        return await queueTwice(run, op, n);
      case "evict": {
        const stub = cellOf(env, run.skus[op.sku], run.shared.loc[op.at]);
        await runInDurableObject(stub, (_cell, state) => state.abort("chaos: evicted")).catch(() => {});
        return;
      }
      default:
        return await executeReturnOp(run, op, label, n);
    }
  } catch (err) {
    run.anomalies.push(`${label} ${show(op)}: threw ${String(err).slice(0, 300)}`);
  }
}

/** An HTTP answer of 5xx is a defect: no operation here is bad input, and nothing fails by design. */
function answered(run: Run, label: string, res: { response: Response; error?: unknown }) {
  if (res.response.status >= 500) run.anomalies.push(`${label}: HTTP ${res.response.status} ${JSON.stringify(res.error ?? null).slice(0, 300)}`);
  return res.response.status;
}

/** A service call's error: the injected fault (or what it caused), a 4xx problem, or a defect. */
function threw(run: Run, label: string, err: unknown, faultFired: boolean) {
  if (err instanceof InjectedFault || faultFired) return;
  if (err instanceof Problem && err.status < 500) return;
  if (err instanceof InvalidTransition) return;
  run.anomalies.push(`${label}: threw ${String(err).slice(0, 300)}`);
}

/** Runs a service call with a fault; returns the value, or null when it died or threw. */
async function viaService<T>(run: Run, label: string, fault: Fault | null, call: (e: Env) => Promise<T>, overrides = {}): Promise<T | null> {
  const f = faultyEnv(env, fault, overrides);
  try {
    const r = await underFault(f, call);
    return r.died ? null : r.value;
  } catch (err) {
    threw(run, label, err, f.fired());
    return null;
  }
}

const orderAt = (run: Run, i: number) => (run.orders.length ? run.orders[i % run.orders.length].id : null);

async function checkout(run: Run, op: Extract<Op, { t: "checkout" }>, label: string, n: number) {
  const lines = op.lines.map((l) => ({ sku: run.skus[l.sku], quantity: l.qty }));
  const amount = lines.reduce((t, l) => t + priceOf(run, l.sku) * l.quantity, 0);
  const payment = op.paid ? { provider: "psp", reference: `pi_chaos_${run.id}_${n}`, amount } : undefined;
  const input: CheckoutInput = { email: `shopper${n}@example.com`, currency: "EUR", lines, shipping_address: shipTo(op.to), ...(payment ? { payment } : {}) };
  if (op.via === "http") {
    // Paid checkouts are the merchant's server (a secret key), unpaid ones the storefront (a publishable key).
    const c = client(op.paid ? env.ADMIN_API_KEY : run.shared.pk);
    const k = key(`chaos-${run.id}`);
    const send = () => c.POST("/v1/checkouts", { params: { header: { "idempotency-key": k } }, body: input });
    const results = await Promise.all(op.twice ? [send(), send()] : [send()]);
    const ids = new Set<string>();
    for (const r of results) {
      const status = answered(run, label, r);
      if (status === 201) ids.add(r.data!.id);
    }
    if (ids.size > 1) run.anomalies.push(`${label}: one Idempotency-Key made ${ids.size} orders: ${[...ids].join(", ")}`);
    for (const id of ids) run.orders.push({ id, how: `${label} http ${op.paid ? "paid" : "unpaid"}` });
    return;
  }
  const checkoutKey = `chaos:${run.id}:${n}`;
  const f = faultyEnv(env, op.fault, { PAYMENT_HOLD_SECONDS: String(op.holdSeconds) });
  const ctx = (e: Env) => ({ env: e, principal: BOOTSTRAP, checkoutKey, waitUntil: (p: Promise<unknown>) => void run.background.push(p.catch(() => {})) });
  try {
    const r = await underFault(f, (e) => placeCheckout(ctx(e), input));
    if (r.died) run.interrupted.push({ checkoutKey, input, paid: op.paid });
    else run.orders.push({ id: r.value.id, how: `${label} service ${op.paid ? "paid" : "unpaid"} hold ${op.holdSeconds}s` });
  } catch (err) {
    if (err instanceof Problem && err.code === "insufficient_stock" && !f.fired()) run.refused.push(checkoutKey);
    else run.interrupted.push({ checkoutKey, input, paid: op.paid });
    threw(run, label, err, f.fired());
  }
}

/** The shopper's client retries a checkout that failed or died: same key, same cart. */
async function retryCheckout(run: Run, i: number, label: string) {
  if (!run.interrupted.length) return;
  const c = run.interrupted[i % run.interrupted.length];
  try {
    const order = await placeCheckout({ env, principal: BOOTSTRAP, checkoutKey: c.checkoutKey, waitUntil: (p) => void run.background.push(p.catch(() => {})) }, c.input as CheckoutInput);
    if (!run.orders.some((o) => o.id === order.id)) run.orders.push({ id: order.id, how: `${label} retry of ${c.checkoutKey}` });
  } catch (err) {
    threw(run, label, err, false);
  }
}

async function confirm(run: Run, op: Extract<Op, { t: "confirm" }>, label: string) {
  const id = orderAt(run, op.i);
  if (!id) return;
  const row = await env.DB.prepare("SELECT total FROM orders WHERE id = ?").bind(id).first<{ total: number }>();
  if (!row) return;
  const p = { provider: "psp", reference: `pi_confirm_${id}`, amount: row.total };
  if (op.via === "http") answered(run, label, await client(run.shared.pk).POST("/v1/orders/{id}/confirm-payment", { ...path(id), body: p }));
  else await viaService(run, label, op.fault, (e) => confirmPayment(e, ACTOR, id, p));
}

async function linesOf(id: string) {
  const { results } = await env.DB.prepare("SELECT id, sku, quantity, cancelled_quantity FROM order_lines WHERE order_id = ? ORDER BY position").bind(id).all<{
    id: string;
    sku: string;
    quantity: number;
    cancelled_quantity: number;
  }>();
  return results.map((l) => ({ ...l, left: l.quantity - l.cancelled_quantity }));
}

async function cancel(run: Run, op: Extract<Op, { t: "cancel" }>, label: string) {
  const id = orderAt(run, op.i);
  if (!id) return;
  const live = (await linesOf(id)).filter((l) => l.left > 0);
  const lines = op.partial && live.length ? [{ line_id: live[0].id, quantity: 1 }] : undefined;
  const body = { reason: "chaos", ...(lines ? { lines } : {}) };
  if (op.via === "http") answered(run, label, await admin().POST("/v1/orders/{id}/cancel", { ...path(id), body }));
  else await viaService(run, label, op.fault, (e) => cancelOrder(e, id, { ...body, actor: ACTOR }));
}

async function edit(run: Run, op: Extract<Op, { t: "edit" }>, label: string) {
  const id = orderAt(run, op.i);
  if (!id) return;
  const order = await env.DB.prepare("SELECT version FROM orders WHERE id = ?").bind(id).first<{ version: number }>();
  const live = (await linesOf(id)).filter((l) => l.left > 0);
  if (!order || !live.length) return;
  const l = live[0];
  const change: EditInput["changes"][number] | null =
    op.change === "more"
      ? { type: "set_quantity", line_id: l.id, quantity: l.left + 1 }
      : op.change === "less"
        ? l.left > 1
          ? { type: "set_quantity", line_id: l.id, quantity: l.left - 1 }
          : null
        : op.change === "add"
          ? { type: "add_line", sku: run.skus[op.sku], quantity: 1 }
          : live.length > 1
            ? { type: "remove_line", line_id: live[1].id }
            : null;
  if (!change) return;
  const input: EditInput = { expected_version: order.version, changes: [change], reason: "chaos" };
  if (op.via === "http") answered(run, label, await admin().POST("/v1/orders/{id}/edit", { ...path(id), body: input }));
  else await viaService(run, label, op.fault, (e) => editOrder(e, id, ACTOR, input));
}

const PARCEL = { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 };
const SHIPMENT = { carrier: "dhl", service: "paket", tracking_number: "CHAOS1" };

async function fulfill(run: Run, op: Extract<Op, { t: "fulfill" }>, label: string) {
  const id = orderAt(run, op.i);
  if (!id) return;
  const { results } = await env.DB.prepare("SELECT id FROM fulfillments WHERE order_id = ? ORDER BY id").bind(id).all<{ id: string }>();
  if (!results.length) return;
  const fid = results[op.f % results.length].id;
  const c = admin();
  if (op.step === "picking") answered(run, label, await c.POST("/v1/fulfillments/{id}/picking", path(fid)));
  else if (op.step === "pack") answered(run, label, await c.POST("/v1/fulfillments/{id}/pack", { ...path(fid), body: PARCEL }));
  else if (op.step === "ship") {
    if (op.via === "http") answered(run, label, await c.POST("/v1/fulfillments/{id}/ship", { ...path(fid), body: SHIPMENT }));
    else await viaService(run, label, op.fault, (e) => shipFulfillment(e, ACTOR, fid, SHIPMENT));
  } else if (op.via === "http") answered(run, label, await c.POST("/v1/fulfillments/{id}/cancel", { ...path(fid), body: { reason: "chaos" } }));
  else await viaService(run, label, op.fault, (e) => cancelFulfillment(e, ACTOR, fid, "chaos"));
}

async function move(run: Run, op: Extract<Op, { t: "move" }>, label: string) {
  const sku = run.skus[op.sku];
  const locationId = run.shared.loc[op.at];
  let quantity = op.kind === "receive" ? Math.max(1, op.qty) : op.qty === 0 ? 1 : op.qty;
  if (op.kind === "count") quantity = Math.max(0, (await cellOf(env, sku, locationId).snapshot()).onHand + op.qty);
  const res = await admin().POST("/v1/inventory/movements", {
    params: { header: { "idempotency-key": key(`chaos-move-${run.id}`) } },
    body: { sku, location_id: locationId, kind: op.kind, quantity, reason: op.kind === "receive" ? "purchase_order" : op.kind === "count" ? "cycle_count" : "correction" },
  });
  answered(run, label, res);
  // A count is physical truth: if it found fewer units than were promised, availability may go below zero.
  if (res.data && op.kind === "count" && res.data.level.available < (res.data.level.allow_backorder ? -(res.data.level.backorder_limit ?? Infinity) : 0))
    run.shortCounted.add(`${locationId}/${sku}`);
}

/** Deliveries of one Shopify order: created, paid, updated or cancelled, sent 1–3 times at once, maybe ingested directly too. */
async function channel(run: Run, op: Extract<Op, { t: "channel" }>, label: string) {
  const isNew = op.i >= run.channelOrders.length || op.topic === "create" && op.i % 2 === 0;
  let base: Record<string, any>;
  if (isNew) {
    base = shopifyOrder([run.skus[0], run.skus[op.i % 2 ? 2 : 1]], { financial_status: op.paid ? "paid" : "pending" });
    run.channelOrders.push(base);
  } else base = run.channelOrders[op.i % run.channelOrders.length] as Record<string, any>;
  // Each later delivery carries a later modification time, so the channel's own order of events is clear.
  base.__v = (base.__v ?? 0) + 1;
  const updated_at = new Date(Date.parse("2025-03-04T10:00:00+01:00") + base.__v * 60_000).toISOString();
  const { __v, ...payload } = { ...base, updated_at } as Record<string, any>;
  const topic = { create: "orders/create", paid: "orders/paid", updated: "orders/updated", cancelled: "orders/cancelled" }[op.topic];
  if (op.topic === "paid") Object.assign(payload, { financial_status: "paid" });
  if (op.topic === "cancelled") Object.assign(payload, { cancelled_at: updated_at, cancel_reason: "customer" });
  const eventId = crypto.randomUUID();
  const send = () => sendShopify(run.shared.channel, topic, payload, { eventId: op.sameId ? eventId : undefined });
  const responses = await Promise.all(Array.from({ length: op.copies }, send));
  const events: string[] = [];
  for (const res of responses) {
    if (res.status >= 500) run.anomalies.push(`${label}: webhook HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    else if (res.status === 202 || res.status === 200) {
      const j = (await res.json().catch(() => ({}))) as { event_id?: string };
      if (j.event_id) events.push(j.event_id);
    } else run.anomalies.push(`${label}: webhook answered ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
  // The ingest job run here as well as by the queue: two workers on one delivery at once.
  if (op.direct)
    await Promise.all(
      [...new Set(events)].map((eventId) => ingestChannelEvent(env, { eventId }).catch((err) => void run.warnings.push(`${label} direct ingest threw (the queue retries it): ${String(err).slice(0, 200)}`))),
    );
  // Orders the channel made become targets of the later operations.
  if (!events.length) return;
  const { results } = await env.DB.prepare("SELECT DISTINCT order_id FROM channel_events WHERE id IN (SELECT value FROM json_each(?)) AND order_id IS NOT NULL")
    .bind(JSON.stringify(events))
    .all<{ order_id: string }>();
  for (const r of results) if (!run.orders.some((o) => o.id === r.order_id)) run.orders.push({ id: r.order_id, how: `${label} channel` });
}

async function queueTwice(run: Run, op: Extract<Op, { t: "queue_twice" }>, n: number) {
  const body =
    op.what === "fulfillments"
      ? (() => {
          const id = orderAt(run, op.i);
          return id ? job("create_fulfillments", `${id}:chaos${n}`, { orderId: id }) : null;
        })()
      : job("allocate_backorders", `${run.shared.loc.lyon}/${run.skus[2]}:chaos${n}`, { sku: run.skus[2], locationId: run.shared.loc.lyon });
  if (!body) return;
  const queue = "oms-fulfillment";
  const msg = () => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body });
  // Twice in one batch and once more in a batch of its own, side by side.
  await Promise.all([consume(createMessageBatch(queue, [msg(), msg()]), env), consume(createMessageBatch(queue, [msg()]), env)]);
}
