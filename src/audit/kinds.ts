// The stable lists of what the audits can find. A kind is never renamed or reused: dashboards and alerts key on it.

/** Stock: the cells against themselves and against D1's orders, allocations, shipments and stock changes. */
export const STOCK_KINDS = {
  ledger_mismatch: "The ledger's deltas do not add up to the cell's on_hand, held or committed.",
  ledger_row_inconsistent: "A ledger row's running figures do not follow from the row before it and its own deltas.",
  holds_mismatch: "The cell's held or committed figure is not the sum of its active top-level holds in that state.",
  negative_figure: "on_hand, held or committed is below zero.",
  available_negative: "Available is below zero (below the backorder limit) and neither a count nor a settings change explains it.",
  allocation_hold_not_live: "An open allocation names a hold that is not held or committed on its cell.",
  allocation_qty_mismatch: "The open allocations naming a hold do not add up to the hold's units.",
  allocation_state_mismatch: "The hold is held while its order's stock is committed, or committed while it is only reserved.",
  hold_claimed_twice: "Allocations of more than one order name the same hold.",
  hold_owner_missing: "A live hold that no open allocation, unfinished stock change or confirmation window owns.",
  cancelled_order_holds_stock: "A hold of a cancelled order is still live and nothing is about to release it.",
  shipped_hold_not_fulfilled: "A shipped or delivered fulfillment names a hold the cell has not fulfilled.",
  fulfilled_qty_mismatch: "A fulfilled hold's fulfil entries do not match its units or the units shipped, or it was fulfilled more than once.",
  fulfilled_without_shipment: "The cell fulfilled a hold that no shipped or delivered fulfillment names.",
  stock_change_refused: "A stock change of an order at this cell finished with a cell operation refused (its note says which).",
  // Warnings: the store is consistent, but the merchant promised more than is there.
  count_shortfall: "Warning: a count found fewer units than are promised to orders.",
  settings_shortfall: "Warning: a settings change (backorders turned off or limited) left more promised than is on hand.",
  safety_stock_breached: "Warning: the units promised reach into the safety stock (it was raised, or stock adjusted down into it).",
} as const;

export type StockKind = keyof typeof STOCK_KINDS;
export const STOCK_WARNINGS: readonly StockKind[] = ["count_shortfall", "settings_shortfall", "safety_stock_breached"];

/** Money: each order's payments against its totals, its payment status, its invoices and credit notes. */
export const MONEY_KINDS = {
  refunds_exceed_captures: "More was refunded than was captured.",
  invoices_mismatch: "The order's invoices do not add up to what was captured.",
  credit_notes_mismatch: "The order's credit notes do not add up to what was refunded.",
  document_mismatch: "An invoice or credit note names no payment of its kind, differs from its payment's amount, or its parts do not add up to its total.",
  order_totals_mismatch: "A line total, the subtotal or the total does not follow from the units not cancelled, shipping and tax.",
  payment_status_mismatch: "The payment status is not what the payment records say.",
} as const;

export type MoneyKind = keyof typeof MONEY_KINDS;

export type Severity = "error" | "warning";

export interface StockDiscrepancy {
  kind: StockKind;
  severity: Severity;
  sku: string;
  location_id: string;
  hold_id?: string;
  order_id?: string;
  detail: string;
}

export interface MoneyDiscrepancy {
  kind: MoneyKind;
  severity: Severity;
  order_id: string;
  document_id?: string;
  detail: string;
}

export const stockDiscrepancy = (d: Omit<StockDiscrepancy, "severity">): StockDiscrepancy => ({
  ...d,
  severity: STOCK_WARNINGS.includes(d.kind) ? "warning" : "error",
});

/** How a finding is recognised again in a later pass: the same kind about the same hold and order. */
export const findingKey = (d: StockDiscrepancy) => [d.kind, d.location_id, d.sku, d.hold_id ?? "", d.order_id ?? ""].join("|");
