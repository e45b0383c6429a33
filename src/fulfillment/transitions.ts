// Admin moves of a fulfillment: picking, packed, shipped, delivered, cancelled. Each checks the pure state machines
// first, then writes one optimistic D1 batch; stock moves on the cells only after it landed, through the stock-change
// record (src/stock-changes), so a ship that loses a race with a cancel (or the other way round) moves nothing.
import { canMove, type FulfillmentState, rollUp } from "../domain/fulfillment-status";
import { applyChange, type OrderChange } from "../domain/order-status";
import type { Env } from "../env";
import { timelineEvent } from "../orders/timeline";
import { insert, type Sql } from "../db/sql";
import { outboxSql } from "../events/emit";
import { conflict, validationFailed } from "../http/problem";
import { cellOf } from "../inventory/cells";
import { newId } from "../domain/ids";
import { StockChange } from "../stock-changes/change";
import type { Afterward } from "../stock-changes/record";
import { columnsOf, stateOf } from "../orders/state";
import type { OrderRow } from "../orders/store";
import { updateOrder } from "../orders/write";
import { noteSnapshots } from "../read-model/cache";
import type { Parcel } from "./schemas";
import { type FulfillmentLineRow, fulfillmentOr404, type LoadedFulfillment, presentFulfillment, trackingUrl, updateFulfillment, writeFulfillmentBatch } from "./store";
import type { z } from "@hono/zod-openapi";
import { giveBackLabels } from "../carriers/give-back";

async function movable(db: D1Database, id: string, to: FulfillmentState) {
  const f = await fulfillmentOr404(db, id);
  if (!canMove(f.row.status, to))
    throw conflict("invalid_transition", `A ${f.row.status} fulfillment cannot become ${to}.`, { from: f.row.status, to });
  return f;
}

const timeline = (f: LoadedFulfillment, type: string, actor: string, at: number, data: Record<string, unknown> = {}) =>
  insert("order_events", timelineEvent(f.row.order_id, type, actor, at, { fulfillment_id: f.row.id, location_id: f.row.location_id, ...data }));

const reread = async (db: D1Database, id: string) => presentFulfillment(await fulfillmentOr404(db, id));

/** The order's next state once this fulfillment is `to`, given where its siblings stand. */
async function orderAfter(env: Env, f: LoadedFulfillment, to: FulfillmentState, type: Extract<OrderChange["type"], `fulfillment_${string}`>) {
  const [orders, siblings] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM orders WHERE id = ?").bind(f.row.order_id),
    env.DB.prepare("SELECT id, status FROM fulfillments WHERE order_id = ?").bind(f.row.order_id),
  ]);
  const row = orders.results[0] as OrderRow;
  const states = (siblings.results as { id: string; status: FulfillmentState }[]).map((s) => (s.id === f.row.id ? to : s.status));
  const fulfillmentStatus = rollUp(states);
  return { row, next: applyChange(stateOf(row), { type, fulfillmentStatus }) };
}

/** One cell operation per distinct hold (lines of one SKU may share a hold), once the change is written. */
function onCellsAfter(lines: FulfillmentLineRow[], locationId: string, op: "fulfill" | "release", reason: string): Afterward[] {
  const holds = new Map(lines.map((l) => [l.hold_id, l.sku]));
  return [...holds].map(([holdId, sku]) => ({ op, holdId, sku, locationId, reason }));
}

/**
 * Before shipping: the cells must still hold the parcel's units committed, and have them on hand. A count that found
 * fewer units than were promised is answered 409 here, with what is missing, rather than shipping what is not there.
 */
async function checkShippable(env: Env, lines: FulfillmentLineRow[], locationId: string) {
  const qty = new Map<string, number>();
  for (const l of lines) qty.set(l.sku, (qty.get(l.sku) ?? 0) + l.quantity);
  const snapshots = await Promise.all([...qty.keys()].map((sku) => cellOf(env, sku, locationId).snapshot()));
  noteSnapshots(snapshots);
  const short = snapshots.filter((s) => s.onHand < qty.get(s.sku)!);
  if (short.length)
    throw conflict("insufficient_on_hand", "The location has fewer units on hand than this parcel holds; count or receive stock first.", {
      shortages: short.map((s) => ({ sku: s.sku, requested: qty.get(s.sku)!, on_hand: s.onHand })),
    });
}

const orderWrite = (row: OrderRow, next: ReturnType<typeof applyChange>): Sql => updateOrder(row.id, row.version, columnsOf(next));

export async function startPicking(env: Env, actor: string, id: string) {
  const f = await movable(env.DB, id, "picking");
  const now = Date.now();
  await writeFulfillmentBatch(env.DB, [updateFulfillment(id, f.row.version, { status: "picking" }), timeline(f, "fulfillment.picking", actor, now)]);
  return reread(env.DB, id);
}

export async function pack(env: Env, actor: string, id: string, parcel: z.infer<typeof Parcel>) {
  const f = await movable(env.DB, id, "packed");
  const now = Date.now();
  await writeFulfillmentBatch(env.DB, [
    updateFulfillment(id, f.row.version, { status: "packed", parcel: JSON.stringify(parcel) }),
    timeline(f, "fulfillment.packed", actor, now, { parcel }),
  ]);
  return reread(env.DB, id);
}

export async function ship(env: Env, actor: string, id: string, input: { carrier?: string; service?: string; tracking_number: string }) {
  const f = await movable(env.DB, id, "shipped");
  const carrier = input.carrier ?? f.row.carrier;
  const service = input.service ?? f.row.service;
  const missing = [...(carrier ? [] : ["carrier"]), ...(service ? [] : ["service"])];
  if (missing.length) throw validationFailed(missing.map((m) => ({ field: `body.${m}`, message: `Required: no label chose the ${m} yet` })));
  const { row, next } = await orderAfter(env, f, "shipped", "fulfillment_shipped");
  await checkShippable(env, f.lines, f.row.location_id);
  const now = Date.now();
  const tracking = { carrier, service, tracking_number: input.tracking_number, tracking_url: trackingUrl(carrier, input.tracking_number) };
  // D1 first (versioned on the fulfillment and the order), then on-hand goes down on the cells, once.
  const change = StockChange.without(env, { id: newId("chg", now), orderId: row.id, kind: "ship", afterwards: onCellsAfter(f.lines, f.row.location_id, "fulfill", "shipped") });
  await change.write([
    updateFulfillment(id, f.row.version, { status: "shipped", carrier, service, tracking_number: input.tracking_number, shipped_at: now }),
    orderWrite(row, next),
    timeline(f, "fulfillment.shipped", actor, now, tracking),
    outboxSql("fulfillment.shipped", { fulfillment_id: id, order_id: row.id, number: row.number, email: row.email, location_id: f.row.location_id, ...tracking, fulfillment_status: next.fulfillmentStatus }, row.id, now),
  ], (all) => writeFulfillmentBatch(env.DB, all));
  await change.finish();
  return reread(env.DB, id);
}

export async function deliver(env: Env, actor: string, id: string) {
  const f = await movable(env.DB, id, "delivered");
  const { row, next } = await orderAfter(env, f, "delivered", "fulfillment_delivered");
  const now = Date.now();
  await writeFulfillmentBatch(env.DB, [
    updateFulfillment(id, f.row.version, { status: "delivered", delivered_at: now }),
    orderWrite(row, next),
    timeline(f, "fulfillment.delivered", actor, now),
    outboxSql("fulfillment.delivered", { fulfillment_id: id, order_id: row.id, number: row.number, email: row.email, location_id: f.row.location_id, carrier: f.row.carrier, tracking_number: f.row.tracking_number, fulfillment_status: next.fulfillmentStatus }, row.id, now),
  ]);
  return reread(env.DB, id);
}

/**
 * Cancelling a shipment before it ships gives its units back to the cell and nothing more: the order stays open, its
 * allocation rows stay as the record of where stock was reserved, and its fulfillment_status ignores the cancelled
 * shipment (every shipment cancelled: still unfulfilled). Rerouting those units elsewhere is a separate decision.
 */
export async function cancel(env: Env, actor: string, id: string, reason = "fulfillment cancelled") {
  const f = await movable(env.DB, id, "cancelled");
  const { row, next } = await orderAfter(env, f, "cancelled", "fulfillment_cancelled");
  const now = Date.now();
  const change = StockChange.without(env, { id: newId("chg", now), orderId: row.id, kind: "fulfillment_cancel", afterwards: onCellsAfter(f.lines, f.row.location_id, "release", reason) });
  await change.write(
    [updateFulfillment(id, f.row.version, { status: "cancelled" }), orderWrite(row, next), timeline(f, "fulfillment.cancelled", actor, now, { reason })],
    (all) => writeFulfillmentBatch(env.DB, all),
  );
  await change.finish();
  await giveBackLabels(env, [id]);
  return reread(env.DB, id);
}

