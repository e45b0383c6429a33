// Holds: an order on hold keeps its stock reserved and is never sent to fulfillment until someone releases it
// (for a fraud review, releasing is the approval; refusing is a cancellation). The one held order without stock is a
// channel order the ingest could not place (channel_issue, src/ingest/held-order.ts): releasing it reserves its stock
// first, through a stock change (src/stock-changes), and a shortage leaves it on hold.
import type { Shortage } from "../domain/allocation";
import { insert, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { applyChange, type HoldKind } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { conflict, unprocessable } from "../http/problem";
import type { Snapshot } from "../inventory/types";
import { orderEventData } from "../orders/event-data";
import { orderOr404 } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { columnsOf, stateOf } from "../orders/state";
import type { LoadedOrder, OrderRow } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder, writeOrderBatch } from "../orders/write";
import { job } from "../queues/job";
import { markBeyondStock } from "../backorders/mark";
import { StockChange } from "../stock-changes/change";
import { finishChangesOf } from "../stock-changes/drive";
import { checkVersion } from "./load";
import { destinationOf, planFromCells } from "./plan-from-cells";
import { holdTerms, projections } from "./stock";

const CONFIRMED = new Set(["authorized", "partially_paid", "paid", "partially_refunded"]);

export async function placeHold(env: Env, id: string, req: { kind: HoldKind; reason?: string; actor: string; expectedVersion?: number }): Promise<OrderView> {
  const order = await orderOr404(env.DB, id);
  checkVersion(order, req.expectedVersion);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "hold_placed", kind: req.kind });
  const now = Date.now();
  const hold = { kind: req.kind, reason: req.reason ?? null };
  await writeOrderBatch(env.DB, [
    updateOrder(id, row.version, { ...columnsOf(next), hold_kind: req.kind, hold_reason: hold.reason }),
    insert("order_events", timelineEvent(id, "order.on_hold", req.actor, now, hold)),
    outboxSql("order.on_hold", { ...orderEventData({ ...order.view, ...columnsOf(next) }), hold }, id, now),
  ]);
  return (await orderOr404(env.DB, id)).view;
}

/**
 * Releases the hold; a confirmed order then goes on to fulfillment. An order holding no stock (a channel order held
 * with an issue) gets it first: planned from the cells' own figures, reserved, and written with the release in one
 * versioned batch. Still short: 409 insufficient_stock, nothing reserved, the order stays on hold.
 */
export async function releaseHold(env: Env, id: string, req: { actor: string; note?: string; expectedVersion?: number }): Promise<OrderView> {
  await finishChangesOf(env, id);
  const order = await orderOr404(env.DB, id);
  checkVersion(order, req.expectedVersion);
  const { row } = order;
  const next = applyChange(stateOf(row), { type: "hold_released" });
  const now = Date.now();
  const stock = await reserveMissing(env, order, now);
  const released = { kind: row.hold_kind, reason: row.hold_reason, note: req.note ?? null, approved: row.hold_kind === "fraud_review", ...(stock ? { reserved: stock.reserved } : {}) };
  const statements: Sql[] = [
    updateOrder(id, row.version, { ...columnsOf(next), hold_kind: null, hold_reason: null, ...(stock?.columns ?? {}) }),
    ...(stock?.statements ?? []),
    insert("order_events", timelineEvent(id, "order.hold_released", req.actor, now, released)),
    outboxSql("order.hold_released", { ...orderEventData({ ...order.view, ...columnsOf(next) }), released }, id, now),
  ];
  if (stock) {
    // A refused batch (another change of the order won) abandons the change: its own holds go back.
    await stock.change.write(statements, (all) => writeOrderBatch(env.DB, all));
    await stock.change.finish();
  } else await writeOrderBatch(env.DB, statements);
  // Job ids are deduplicated and the order's first fulfillment job may have run already (and waited): this one is
  // named by the release. An order held at checkout was never sent, so if this send fails the sweep sends it.
  if (CONFIRMED.has(row.payment_status))
    await env.FULFILLMENT.send(job("create_fulfillments", `${id}:release:${row.version}`, { orderId: id })).catch((err) =>
      console.warn("could not enqueue fulfillment after a release", { id, error: String(err) }),
    );
  return (await orderOr404(env.DB, id)).view;
}

interface Reserved {
  change: StockChange;
  /** Order columns: how its units are now held. */
  columns: Partial<OrderRow>;
  /** Allocations, backorder rows, line marks and the cells' figures, for the release's batch. */
  statements: Sql[];
  reserved: { sku: string; location_id: string; quantity: number }[];
}

/**
 * For an order whose stock was never reserved (stock_state released while it is live): the units of its lines not
 * cancelled and not allocated yet, reserved on the cells. Null when there is nothing to reserve.
 */
async function reserveMissing(env: Env, order: LoadedOrder, now: number): Promise<Reserved | null> {
  const { row } = order;
  if (row.stock_state !== "released") return null;
  const allocated = new Map<string, number>();
  for (const a of order.allocations) allocated.set(a.line_id, (allocated.get(a.line_id) ?? 0) + a.quantity);
  const demandLines = order.lines
    .map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity - l.cancelled_quantity - (allocated.get(l.id) ?? 0) }))
    .filter((l) => l.quantity > 0);
  if (!demandLines.length) return null;

  // The catalog itself, not the read model's cache: a SKU created a moment ago must count.
  const variants = await variantsOf(env.DB, demandLines.map((l) => l.sku));
  const unknown = order.lines.map((l, i) => ({ l, i })).filter(({ l }) => demandLines.some((d) => d.id === l.id) && !variants.has(l.sku));
  if (unknown.length)
    throw unprocessable("unknown_sku", "Some lines name SKUs the catalog does not know; create or map them (or edit the lines) before releasing.", {
      errors: unknown.map(({ l, i }) => ({ field: `lines.${i}.sku`, message: `Unknown SKU ${l.sku}` })),
    });

  // Held the way the order will be: committed once it is paid for, else for the payment window like a checkout's.
  const paid = CONFIRMED.has(row.payment_status);
  const columns: Partial<OrderRow> = paid
    ? { stock_state: "committed", hold_expires_at: null }
    : { stock_state: "reserved", hold_expires_at: now + Number(env.PAYMENT_HOLD_SECONDS) * 1000 };
  const changeId = newId("chg", now);
  const { reserves, allocations } = await planFromCells(env, {
    orderId: row.id,
    demand: demandLines,
    dest: destinationOf(row, row.shipping_address ? JSON.parse(row.shipping_address) : null),
    changeId,
    ...holdTerms({ ...row, ...columns }, now),
    short: insufficient,
  });
  const change = await StockChange.begin(env, { id: changeId, orderId: row.id, kind: "release_hold", reserves, afterwards: [] });
  const results = await change.reserve();
  const short = results.filter((r) => !r.result.ok);
  if (short.length) {
    await change.abandon();
    throw insufficient(short.map((r) => ({ sku: r.reserve.sku, requested: r.reserve.qty, available: Math.max(0, r.result.snapshot.available) })));
  }
  const snapshots: Snapshot[] = results.map((r) => r.result.snapshot);

  // Units a cell promised beyond its stock wait in its queue, like a checkout's; their lines are marked (in place).
  const lines = order.lines.map((l) => ({ ...l }));
  const beyondStock = await markBeyondStock(env.DB, {
    orderId: row.id,
    orderedAt: row.created_at,
    lines,
    allocations,
    holds: reserves.map((r) => ({ holdId: r.holdId, sku: r.sku, locationId: r.locationId, qty: r.qty })),
    snapshots,
  });
  const lineFixes = lines.flatMap((l, i) => {
    const before = order.lines[i];
    const variantId = variants.get(l.sku) ?? l.variant_id;
    if (l.supply === before.supply && l.available_on === before.available_on && l.variant_id === variantId) return [];
    // The ingest wrote "unknown" for a SKU the catalog did not have then.
    return [sql("UPDATE order_lines SET supply = ?, available_on = ?, variant_id = ? WHERE id = ?", l.supply, l.available_on, variantId, l.id)];
  });
  return {
    change,
    columns,
    statements: [...allocations.map((a) => insert("allocations", a)), ...beyondStock, ...lineFixes, ...projections(snapshots)],
    reserved: reserves.map((r) => ({ sku: r.sku, location_id: r.locationId, quantity: r.qty })),
  };
}

async function variantsOf(db: D1Database, skus: string[]): Promise<Map<string, string>> {
  const { results } = await db
    .prepare("SELECT id, sku FROM variants WHERE sku IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(skus)]))
    .all<{ id: string; sku: string }>();
  return new Map(results.map((v) => [v.sku, v.id]));
}

const insufficient = (shortages: Shortage[]) =>
  conflict("insufficient_stock", "Not enough stock to release this order; it stays on hold and nothing was reserved.", { shortages });
