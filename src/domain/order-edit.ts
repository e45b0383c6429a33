// What a change to an order's lines does to its allocations, holds, totals and money. Pure: the caller loads the
// order and moves the stock.
import type { FulfillmentState } from "./fulfillment-status";
import type { PaymentStatus } from "./order-status";

/** Where an allocation's units stand: not yet in a fulfillment, or in a fulfillment in this state. */
export type Stage = "unassigned" | FulfillmentState;

export interface AllocationFact {
  id: string;
  lineId: string;
  holdId: string;
  sku: string;
  locationId: string;
  quantity: number;
  stage: Stage;
}

export interface LineFact {
  id: string;
  sku: string;
  quantity: number;
  cancelledQuantity: number;
  unitPrice: number;
}

const GONE: Stage[] = ["shipped", "delivered"];
// The units of a cancelled fulfillment went back to their cell when it was cancelled: taking them costs no stock move.
const DEAD: Stage[] = ["cancelled"];
// Cheapest to take back first: units already back on the shelf, then those nobody started on, then picked, then packed.
const TAKE_ORDER: Stage[] = ["cancelled", "unassigned", "pending", "picking", "packed"];

export const shippedUnits = (allocs: AllocationFact[], lineId: string) =>
  allocs.filter((a) => a.lineId === lineId && GONE.includes(a.stage)).reduce((t, a) => t + a.quantity, 0);

/** Units of a line that can still be cancelled or edited away: ordered, less cancelled, less shipped. */
export const openUnits = (line: LineFact, allocs: AllocationFact[]) => line.quantity - line.cancelledQuantity - shippedUnits(allocs, line.id);

/** Units of a line that no allocation names (sold beyond stock, waiting for it): cancelling them moves no stock. */
export const unallocatedUnits = (line: LineFact, allocs: AllocationFact[]) =>
  Math.max(0, line.quantity - line.cancelledQuantity - allocs.filter((a) => a.lineId === line.id).reduce((t, a) => t + a.quantity, 0));

/**
 * Takes `units` of a line off its allocations (never off shipped ones), cheapest first: units no allocation names,
 * then by TAKE_ORDER, the newest allocation of a kind first. Returns the new quantity of every allocation it touched.
 */
export function takeFromLine(line: LineFact, allocs: AllocationFact[], units: number, into = new Map<string, number>()): Map<string, number> {
  let left = Math.max(0, units - unallocatedUnits(line, allocs));
  const candidates = allocs
    .filter((a) => a.lineId === line.id && TAKE_ORDER.includes(a.stage))
    .sort((a, b) => TAKE_ORDER.indexOf(a.stage) - TAKE_ORDER.indexOf(b.stage) || b.id.localeCompare(a.id));
  for (const a of candidates) {
    if (left === 0) break;
    const now = into.get(a.id) ?? a.quantity;
    const take = Math.min(now, left);
    into.set(a.id, now - take);
    left -= take;
  }
  if (left > 0) throw new Error(`line ${line.id} has fewer open units than ${units}`);
  return into;
}

export interface HoldChange {
  holdId: string;
  sku: string;
  locationId: string;
  from: number;
  to: number;
}

/** The live holds whose units change once allocations take the quantities in `next` (a hold is the sum of its allocations). */
export function holdChanges(allocs: AllocationFact[], next: Map<string, number>): HoldChange[] {
  const byHold = new Map<string, HoldChange>();
  for (const a of allocs) {
    if (DEAD.includes(a.stage) || GONE.includes(a.stage)) continue;
    const h = byHold.get(a.holdId) ?? { holdId: a.holdId, sku: a.sku, locationId: a.locationId, from: 0, to: 0 };
    h.from += a.quantity;
    h.to += next.get(a.id) ?? a.quantity;
    byHold.set(a.holdId, h);
  }
  return [...byHold.values()].filter((h) => h.from !== h.to);
}

export interface Totals {
  lineTotals: Map<string, number>;
  subtotal: number;
  total: number;
}

/** Totals follow what is still sold: each line at its unit price for its units not cancelled. */
export function totalsOf(lines: LineFact[], shippingTotal: number, taxTotal: number): Totals {
  const lineTotals = new Map(lines.map((l) => [l.id, l.unitPrice * (l.quantity - l.cancelledQuantity)]));
  const subtotal = [...lineTotals.values()].reduce((t, x) => t + x, 0);
  return { lineTotals, subtotal, total: subtotal + shippingTotal + taxTotal };
}

export interface Money {
  /** Taken from the shopper so far. */
  captured: number;
  /** Given back so far. */
  refunded: number;
}

/**
 * Money of an order from its payment records. A payment confirmed as already captured has no capture record: its
 * authorization is the captured amount (captures can only follow an uncaptured authorization).
 */
export function moneyOf(paymentStatus: PaymentStatus, payments: { kind: string; amount: number; provider?: string }[]): Money {
  const sum = (kind: string) => payments.filter((p) => p.kind === kind).reduce((t, p) => t + p.amount, 0);
  // An exchange's payments (src/exchanges/ship.ts) come on top of whatever took the order's money, never instead of it.
  const exchanged = payments.filter((p) => p.kind === "capture" && p.provider === EXCHANGE_PROVIDER).reduce((t, p) => t + p.amount, 0);
  const captures = payments.filter((p) => p.kind === "capture" && p.provider !== EXCHANGE_PROVIDER);
  // Money taken with the confirmation has no capture row; partially_paid without one is such an order whose total an
  // edit raised since (the chaos test found it cancelled as "voided" with the money kept).
  const takenAtConfirm = captures.length === 0 && ["paid", "partially_paid", "partially_refunded", "refunded"].includes(paymentStatus);
  return { captured: (takenAtConfirm ? sum("authorization") : sum("capture") - exchanged) + exchanged, refunded: sum("refund") };
}

/** The provider of an exchange's own payment records. */
export const EXCHANGE_PROVIDER = "exchange";

/** What must go back to the shopper once the order totals `total`: what was taken beyond it and not yet refunded. */
export const refundDue = (m: Money, total: number) => Math.max(0, m.captured - m.refunded - total);

/** What the shopper still has to pay once the order totals `total` (an edit that adds to a paid order). */
export const amountDue = (m: Money, total: number) => Math.max(0, total - (m.captured - m.refunded));
