// Reads of orders from D1, shaped as the API shows them.
import type { Address } from "../domain/address";
import type { OrderState } from "../domain/order-status";
import { RETURN_STATUS_SQL, type ReturnStatus } from "./return-status";
import type { OrderSummaryView, OrderView } from "./schemas";

export interface OrderRow {
  id: string;
  number: number;
  channel_id: string;
  status: OrderState["status"];
  payment_status: OrderState["paymentStatus"];
  fulfillment_status: OrderState["fulfillmentStatus"];
  // Where the order's units stand on the cells; the sweep finishes any move a dead worker left half done.
  stock_state: "reserved" | "committed" | "releasing" | "released";
  currency: string;
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
  email: string;
  shipping_address: string | null;
  pickup_location_id: string | null;
  hold_expires_at: number | null;
  cancel_reason: string | null;
  shipping_speed: "standard" | "express" | "pickup";
  ship_by: number | null;
  /** The end of the promised delivery day (migrations/0030); left out by writers that make no promise. */
  promised_delivery_at?: number | null;
  version: number;
  customer_id: string | null;
  /** JSON array of strings. */
  tags: string;
  hold_kind: HoldKind | null;
  hold_reason: string | null;
  risk_score: number | null;
  /** JSON array of strings. */
  risk_reasons: string | null;
  billing_address: string | null;
  client_ip_hash: string | null;
  external_id: string | null;
  /** Derived when read (RETURN_STATUS_SQL); rows built in memory for a new order leave it out: none. */
  return_status?: ReturnStatus;
  created_at: number;
  updated_at: number;
}

export type HoldKind = "manual" | "fraud_review" | "address_verification" | "payment_review" | "channel_issue";

export interface AllocationRow {
  id: string;
  order_id: string;
  line_id: string;
  sku: string;
  location_id: string;
  quantity: number;
  hold_id: string;
}

export interface LineRow {
  id: string;
  order_id: string;
  position: number;
  sku: string;
  variant_id: string;
  title: string;
  quantity: number;
  unit_price: number;
  total: number;
  cancelled_quantity: number;
  supply: "stock" | "backorder" | "preorder";
  available_on: number | null;
}

export interface PaymentRow {
  id: string;
  order_id: string;
  kind: "authorization" | "capture" | "void" | "refund";
  provider: string;
  reference: string;
  amount: number;
  currency: string;
  created_at: number;
  /** Standing at the provider (migration 0015); rows built in memory before their insert leave it out: succeeded. */
  status?: "requested" | "succeeded" | "failed" | "manual";
  provider_id?: string | null;
}

export interface EventRow {
  id: string;
  order_id: string;
  type: string;
  actor: string;
  data: string | null;
  created_at: number;
}

export interface OrderParts {
  row: OrderRow;
  lines: LineRow[];
  allocations: AllocationRow[];
  payments: PaymentRow[];
  events: EventRow[];
}

export interface LoadedOrder extends OrderParts {
  view: OrderView;
}

export async function loadOrder(db: D1Database, where: { id: string } | { checkoutKey: string }): Promise<LoadedOrder | null> {
  const [key, value] = "id" in where ? ["id", where.id] : ["checkout_key", where.checkoutKey];
  const parts = partsOf(await db.batch(orderStatements(db, `SELECT id FROM orders WHERE ${key} = ?1`, value)))[0];
  return parts ? { ...parts, view: presentOrder(parts) } : null;
}

/**
 * The reads of every part of the orders `ids` selects (a SELECT of order ids, bound to `args`): one batch loads one
 * order or all orders of a customer alike. partsOf puts the answers back together.
 */
export function orderStatements(db: D1Database, ids: string, ...args: unknown[]) {
  return [
    db.prepare(`SELECT *, ${RETURN_STATUS_SQL} AS return_status FROM orders WHERE id IN (${ids}) ORDER BY created_at, id`).bind(...args),
    db.prepare(`SELECT * FROM order_lines WHERE order_id IN (${ids}) ORDER BY position`).bind(...args),
    db.prepare(`SELECT * FROM allocations WHERE order_id IN (${ids}) ORDER BY id`).bind(...args),
    db.prepare(`SELECT * FROM payments WHERE order_id IN (${ids}) ORDER BY created_at, id`).bind(...args),
    db.prepare(`SELECT * FROM order_events WHERE order_id IN (${ids}) ORDER BY created_at, id`).bind(...args),
  ];
}

export function partsOf([orders, lines, allocations, payments, events]: D1Result[]): OrderParts[] {
  const of = <T extends { order_id: string }>(r: D1Result) => groupBy(r.results as T[], (x) => x.order_id);
  const [l, a, p, e] = [of<LineRow>(lines), of<AllocationRow>(allocations), of<PaymentRow>(payments), of<EventRow>(events)];
  return (orders.results as OrderRow[]).map((row) => ({
    row,
    lines: l.get(row.id) ?? [],
    allocations: a.get(row.id) ?? [],
    payments: p.get(row.id) ?? [],
    events: e.get(row.id) ?? [],
  }));
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** An order as lists show it: without lines, payments and timeline. */
export function presentSummary(row: OrderRow): OrderSummaryView {
  const { lines: _l, payments: _p, events: _e, ...summary } = presentOrder({ row, lines: [], allocations: [], payments: [], events: [] });
  return summary;
}

export function presentOrder({ row, lines, allocations, payments, events }: OrderParts): OrderView {
  return {
    id: row.id,
    number: row.number,
    channel_id: row.channel_id,
    status: row.status,
    payment_status: row.payment_status,
    fulfillment_status: row.fulfillment_status,
    return_status: row.return_status ?? "none",
    currency: row.currency,
    subtotal: row.subtotal,
    shipping_total: row.shipping_total,
    tax_total: row.tax_total,
    total: row.total,
    email: row.email,
    shipping_address: row.shipping_address ? (JSON.parse(row.shipping_address) as Address) : null,
    pickup_location_id: row.pickup_location_id,
    payment_due_by: row.payment_status === "pending" ? row.hold_expires_at : null,
    cancel_reason: row.cancel_reason,
    shipping_speed: row.shipping_speed,
    ship_by: row.ship_by,
    promised_delivery_at: row.promised_delivery_at ?? null,
    customer_id: row.customer_id,
    external_id: row.external_id,
    tags: JSON.parse(row.tags ?? "[]") as string[],
    hold: row.hold_kind ? { kind: row.hold_kind, reason: row.hold_reason } : null,
    risk: row.risk_score === null ? null : { score: row.risk_score, reasons: row.risk_reasons ? (JSON.parse(row.risk_reasons) as string[]) : [] },
    billing_address: row.billing_address ? (JSON.parse(row.billing_address) as Address) : null,
    lines: lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unit_price: l.unit_price,
      total: l.total,
      cancelled_quantity: l.cancelled_quantity,
      supply: l.supply,
      available_on: l.available_on,
      allocations: allocations.filter((a) => a.line_id === l.id).map((a) => ({ location_id: a.location_id, quantity: a.quantity })),
    })),
    payments: payments.map(({ order_id: _, ...p }) => ({ ...p, status: p.status ?? "succeeded", provider_id: p.provider_id ?? null })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
      created_at: e.created_at,
    })),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Distinct holds of an order: allocations of several lines may share one hold. */
export const holdsOf = (allocations: AllocationRow[]) => {
  const byHold = new Map<string, { holdId: string; sku: string; locationId: string }>();
  for (const a of allocations) byHold.set(a.hold_id, { holdId: a.hold_id, sku: a.sku, locationId: a.location_id });
  return [...byHold.values()];
};
