// The stock audit's rules for one cell, without I/O: what the cell says of itself (src/inventory/cell-audit.ts)
// against what D1 says its holds are for. src/audit/stock.ts reads both and calls this.
import type { CellAudit } from "../inventory/cell-audit";
import { type StockDiscrepancy, stockDiscrepancy } from "./kinds";

export interface CellKey {
  sku: string;
  locationId: string;
}

export interface AllocationFact {
  id: string;
  orderId: string;
  holdId: string;
  quantity: number;
  /** null: the allocation names an order D1 does not have. */
  order: { status: string; stockState: string; paymentStatus: string; holdExpiresAt: number | null } | null;
  /** The status of the fulfillment its units are in, or null before the fulfillment job placed them. */
  fulfillment: string | null;
}

export interface ShippedLine {
  holdId: string;
  orderId: string;
  quantity: number;
}

/** Holds that unfinished stock changes (D1 `stock_changes`) still account for. */
export interface PendingChanges {
  /** Reserved by a change still open within its lease: its outcome is not written yet. */
  reserving: Set<string>;
  /** Cell operations a written change still has to do, by hold: release, fulfill, commit. */
  afterwards: Map<string, Set<string>>;
}

/** A stock change that finished with a cell operation refused (stock_changes.note). */
export interface RefusedChange {
  id: string;
  orderId: string | null;
  kind: string;
  note: string;
}

export interface CellFacts {
  allocations: AllocationFact[];
  shipped: ShippedLine[];
  changes: PendingChanges;
  refused: RefusedChange[];
}

const SHIPPED = new Set(["shipped", "delivered"]);

export function checkCell(cell: CellKey, a: CellAudit, facts: CellFacts, now: number): StockDiscrepancy[] {
  const out: StockDiscrepancy[] = [];
  const report = (d: Omit<StockDiscrepancy, "severity" | "sku" | "location_id">) =>
    out.push(stockDiscrepancy({ sku: cell.sku, location_id: cell.locationId, ...d }));
  checkFigures(a, report);
  checkOwners(a, facts, now, report);
  checkShipments(a, facts, report);
  for (const c of facts.refused)
    report({ kind: "stock_change_refused", ...(c.orderId ? { order_id: c.orderId } : {}), detail: `Stock change ${c.id} (${c.kind}): ${c.note}` });
  return out;
}

type Report = (d: Omit<StockDiscrepancy, "severity" | "sku" | "location_id">) => void;

const FIGURES = [
  ["onHand", "on_hand"],
  ["held", "held"],
  ["committed", "committed"],
  ["damaged", "damaged"],
] as const;

/** The cell against itself: ledger, holds, and what may not be negative. */
function checkFigures(a: CellAudit, report: Report) {
  const f = a.figures;
  for (const [k, name] of FIGURES) {
    if (f[k] < 0) report({ kind: "negative_figure", detail: `${name} is ${f[k]}.` });
    if (a.ledger.sums[k] !== f[k]) report({ kind: "ledger_mismatch", detail: `The ledger's ${name} deltas add up to ${a.ledger.sums[k]}; the cell says ${f[k]}.` });
  }
  for (const r of a.ledger.broken) {
    const wrong = FIGURES.filter(([k]) => r.expected[k] !== r.found[k]).map(([k, name]) => `${name} ${r.found[k]} (expected ${r.expected[k]})`);
    report({ kind: "ledger_row_inconsistent", detail: `Ledger row ${r.seq} (${r.op}) says ${wrong.join(", ")}.` });
  }
  if (a.ledger.brokenCount > a.ledger.broken.length)
    report({ kind: "ledger_row_inconsistent", detail: `${a.ledger.brokenCount - a.ledger.broken.length} more ledger rows are inconsistent.` });

  const counted = (state: "held" | "committed") => a.holds.filter((h) => h.counted && h.state === state).reduce((t, h) => t + h.qty, 0);
  for (const state of ["held", "committed"] as const)
    if (counted(state) !== f[state]) report({ kind: "holds_mismatch", detail: `Active ${state} holds add up to ${counted(state)}; the cell's ${state} is ${f[state]}.` });

  const floor = f.allowBackorder ? -(f.backorderLimit ?? Number.POSITIVE_INFINITY) : 0;
  const unpromised = f.onHand - f.held - f.committed;
  const available = unpromised - f.safetyStock;
  if (available >= floor) return;
  const figures = `available ${available} (on_hand ${f.onHand}, safety_stock ${f.safetyStock}, held ${f.held}, committed ${f.committed})`;
  const since = a.ledger.shortSince;
  if (unpromised >= floor) report({ kind: "safety_stock_breached", detail: `${figures}: the promises reach into the safety stock.` });
  else if (since?.op === "count") report({ kind: "count_shortfall", detail: `${figures}: the count of ledger row ${since.seq} found less than is promised.` });
  else if (since?.op === "configure") report({ kind: "settings_shortfall", detail: `${figures}: since the settings change of ledger row ${since.seq}.` });
  else report({ kind: "available_negative", detail: `${figures}${since ? `, short since ledger row ${since.seq} (${since.op})` : ""}.` });
}

/** Every open allocation points at a live hold of its units and state; every live hold has an owner. */
function checkOwners(a: CellAudit, facts: CellFacts, now: number, report: Report) {
  const live = new Map(a.holds.map((h) => [h.id, h]));
  const fulfilled = new Map(a.fulfilled.map((f) => [f.id, f]));
  const open = new Map<string, { qty: number; orders: Set<string>; expect: "held" | "committed" | null }>();
  const owned = new Set<string>();
  const ofCancelled = new Map<string, string>();
  for (const x of facts.allocations) {
    const o = x.order;
    if (!o) continue;
    if (o.status === "cancelled") {
      // An order written as cancelled whose release has not reached the cells yet: the sweep finishes it.
      if (o.stockState === "releasing") owned.add(x.holdId);
      else ofCancelled.set(x.holdId, x.orderId);
      continue;
    }
    // Shipped units are the shipment check's (it owns their hold); a cancelled shipment gave its units back by design.
    if (x.fulfillment !== null && SHIPPED.has(x.fulfillment)) {
      owned.add(x.holdId);
      continue;
    }
    if (x.fulfillment === "cancelled") continue;
    // Unpaid past its payment window: the cell expires the hold and the sweep cancels the order.
    if (o.paymentStatus === "pending" && o.holdExpiresAt !== null && o.holdExpiresAt <= now) {
      owned.add(x.holdId);
      continue;
    }
    const expect = o.stockState === "committed" ? "committed" : o.stockState === "reserved" ? "held" : null;
    const seen = open.get(x.holdId) ?? { qty: 0, orders: new Set<string>(), expect };
    seen.qty += x.quantity;
    seen.orders.add(x.orderId);
    open.set(x.holdId, seen);
  }

  for (const [holdId, o] of open) {
    owned.add(holdId);
    const orderId = [...o.orders][0];
    if (o.orders.size > 1) report({ kind: "hold_claimed_twice", hold_id: holdId, detail: `Allocations of orders ${[...o.orders].join(", ")} name this hold.` });
    const h = live.get(holdId);
    if (!h) {
      const f = fulfilled.get(holdId);
      const state = f?.state ? `is ${f.state}` : "is not held or committed (released, expired or never reserved)";
      report({ kind: "allocation_hold_not_live", hold_id: holdId, order_id: orderId, detail: `The order's open allocations of ${o.qty} unit(s) name a hold that ${state}.` });
      continue;
    }
    if (h.qty !== o.qty)
      report({ kind: "allocation_qty_mismatch", hold_id: holdId, order_id: orderId, detail: `Open allocations add up to ${o.qty} unit(s); the hold has ${h.qty}.` });
    if (o.expect && h.state !== o.expect && !facts.changes.afterwards.get(holdId)?.has("commit"))
      report({ kind: "allocation_state_mismatch", hold_id: holdId, order_id: orderId, detail: `The order's stock is ${o.expect === "held" ? "reserved" : "committed"}; the hold is ${h.state}.` });
  }

  for (const h of a.holds) {
    if (owned.has(h.id) || facts.changes.reserving.has(h.id) || facts.changes.afterwards.get(h.id)?.has("release")) continue;
    const order = ofCancelled.get(h.id);
    if (order) {
      report({ kind: "cancelled_order_holds_stock", hold_id: h.id, order_id: order, detail: `The order is cancelled; its hold still has ${h.qty} unit(s) ${h.state}.` });
      continue;
    }
    // No order names it: a paid checkout's hold waiting for its order batch, or a held hold past its time (the cell
    // alarm's to end).
    if (h.expiresAt !== null && (h.state === "committed" ? h.expiresAt > now : h.expiresAt <= now)) continue;
    report({ kind: "hold_owner_missing", hold_id: h.id, detail: `${h.qty} unit(s) ${h.state} for "${h.ref}", and no open allocation or unfinished stock change owns them.` });
  }
}

/** Units shipped were fulfilled on the cell, once, and nothing was fulfilled that did not ship. */
function checkShipments(a: CellAudit, facts: CellFacts, report: Report) {
  const shipped = new Map<string, { qty: number; orderId: string }>();
  for (const s of facts.shipped) {
    const seen = shipped.get(s.holdId) ?? { qty: 0, orderId: s.orderId };
    seen.qty += s.quantity;
    shipped.set(s.holdId, seen);
  }
  const fulfilled = new Map(a.fulfilled.map((f) => [f.id, f]));
  for (const [holdId, s] of shipped) {
    const f = fulfilled.get(holdId);
    if (f?.state === "fulfilled" || facts.changes.afterwards.get(holdId)?.has("fulfill")) continue;
    const live = a.holds.find((h) => h.id === holdId);
    report({
      kind: "shipped_hold_not_fulfilled",
      hold_id: holdId,
      order_id: s.orderId,
      detail: `${s.qty} unit(s) shipped; the hold is ${live?.state ?? f?.state ?? "unknown to the cell"}.`,
    });
  }
  for (const f of a.fulfilled) {
    const s = shipped.get(f.id);
    const wrong: string[] = [];
    if (f.state !== "fulfilled") wrong.push(`the ledger fulfils a hold that is ${f.state ?? "unknown to the cell"}`);
    else {
      if (f.entries !== 1) wrong.push(`${f.entries} fulfil entries`);
      if (f.units !== f.qty) wrong.push(`fulfil entries ship ${f.units} of the hold's ${f.qty} unit(s)`);
      if (s && s.qty !== f.qty) wrong.push(`shipments name ${s.qty} unit(s), the hold has ${f.qty}`);
      if (!s) report({ kind: "fulfilled_without_shipment", hold_id: f.id, detail: `The cell fulfilled ${f.qty} unit(s); no shipped fulfillment names the hold.` });
    }
    if (wrong.length) report({ kind: "fulfilled_qty_mismatch", hold_id: f.id, order_id: s?.orderId, detail: `${wrong.join("; ")}.` });
  }
}
