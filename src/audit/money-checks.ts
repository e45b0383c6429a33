// The money audit's rules for one order, without I/O: its payments against its totals, its payment status, its
// invoices and credit notes. src/audit/money.ts reads the rows and calls this.
import type { PaymentRow } from "../orders/store";
import type { MoneyDiscrepancy, MoneyKind } from "./kinds";

export interface MoneyOrder {
  id: string;
  status: string;
  payment_status: string;
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
  hold_kind: string | null;
  lines: { id: string; quantity: number; cancelled_quantity: number; unit_price: number; total: number }[];
  payments: Pick<PaymentRow, "id" | "kind" | "amount" | "status">[];
  documents: MoneyDocument[];
  /** The payment was captured with its confirmation (the timeline's payment.confirmed says so): no capture row exists. */
  capturedAtConfirm: boolean;
}

export interface MoneyDocument {
  id: string;
  kind: "invoice" | "credit_note";
  payment_id: string;
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
  /** JSON array of lines with `amount`. */
  lines: string;
}

export function checkOrderMoney(o: MoneyOrder): MoneyDiscrepancy[] {
  const out: MoneyDiscrepancy[] = [];
  const report = (kind: MoneyKind, detail: string, extra: { document_id?: string; severity?: "warning" } = {}) =>
    out.push({ kind, severity: extra.severity ?? "error", order_id: o.id, ...(extra.document_id ? { document_id: extra.document_id } : {}), detail });
  // A refund or void the provider refused moved no money (migration 0015: rows without a status had succeeded).
  const payments = o.payments.filter((p) => p.status !== "failed");
  const sum = (kind: string) => payments.filter((p) => p.kind === kind).reduce((t, p) => t + p.amount, 0);
  const auth = payments.find((p) => p.kind === "authorization");
  // What took money: capture rows, or the authorization itself when it arrived captured.
  const takers = new Map(payments.filter((p) => p.kind === "capture" || (p.kind === "authorization" && o.capturedAtConfirm)).map((p) => [p.id, p.amount]));
  const refunds = new Map(payments.filter((p) => p.kind === "refund").map((p) => [p.id, p.amount]));
  const captured = [...takers.values()].reduce((t, x) => t + x, 0);
  const refunded = sum("refund");

  if (captured - refunded < 0) report("refunds_exceed_captures", `Refunded ${refunded}, captured ${captured}.`);

  const docs = (kind: MoneyDocument["kind"]) => o.documents.filter((d) => d.kind === kind);
  const invoiced = docs("invoice").reduce((t, d) => t + d.total, 0);
  const credited = docs("credit_note").reduce((t, d) => t + d.total, 0);
  if (invoiced !== captured) report("invoices_mismatch", `Invoices total ${invoiced}; captured ${captured}.`);
  if (credited !== refunded) report("credit_notes_mismatch", `Credit notes total ${credited}; refunded ${refunded}.`);
  for (const d of o.documents) {
    const payments = d.kind === "invoice" ? takers : refunds;
    const what = d.kind === "invoice" ? "invoice" : "credit note";
    const amount = payments.get(d.payment_id);
    const parts = linesTotal(d.lines);
    if (amount === undefined) report("document_mismatch", `The ${what} names payment ${d.payment_id}, which is no ${d.kind === "invoice" ? "capture" : "refund"} of this order.`, { document_id: d.id });
    else if (amount !== d.total) report("document_mismatch", `The ${what} totals ${d.total}; its payment is ${amount}.`, { document_id: d.id });
    else if (d.subtotal + d.shipping_total + d.tax_total !== d.total || (parts !== null && parts !== d.subtotal))
      report("document_mismatch", `The ${what}'s lines (${parts ?? "unreadable"}), subtotal ${d.subtotal}, shipping ${d.shipping_total} and tax ${d.tax_total} do not make its total ${d.total}.`, { document_id: d.id });
  }

  const wrongLines = o.lines.filter((l) => l.total !== l.unit_price * (l.quantity - l.cancelled_quantity));
  const subtotal = o.lines.reduce((t, l) => t + l.total, 0);
  const totals: string[] = [
    ...wrongLines.map((l) => `line ${l.id} totals ${l.total}, ${l.quantity - l.cancelled_quantity} unit(s) at ${l.unit_price} make ${l.unit_price * (l.quantity - l.cancelled_quantity)}`),
    ...(subtotal !== o.subtotal ? [`the lines add up to ${subtotal}, the subtotal is ${o.subtotal}`] : []),
    ...(o.subtotal + o.shipping_total + o.tax_total !== o.total ? [`subtotal ${o.subtotal} + shipping ${o.shipping_total} + tax ${o.tax_total} is not the total ${o.total}`] : []),
  ];
  // A channel order held because its totals did not add up is that channel's word, kept as it came.
  if (totals.length) report("order_totals_mismatch", `${totals.join("; ")}.`, o.hold_kind === "channel_issue" ? { severity: "warning" } : {});

  const expected = expectedStatus(o, { authorized: auth !== undefined, voided: sum("void") > 0, captured, refunded });
  if (!expected.includes(o.payment_status))
    report("payment_status_mismatch", `The payment status is ${o.payment_status}; the payments say ${expected.join(" or ")} (captured ${captured}, refunded ${refunded}, total ${o.total}).`);
  return out;
}

/** What the payment status may be, given the payment records (src/domain/order-status.ts is what sets it). */
function expectedStatus(o: MoneyOrder, m: { authorized: boolean; voided: boolean; captured: number; refunded: number }): string[] {
  // Nothing authorized: waiting, or cancelled (window expired, or cancelled before payment).
  if (!m.authorized) return o.status === "cancelled" ? ["expired", "voided"] : ["pending"];
  if (m.captured === 0) return m.voided ? ["voided"] : ["authorized"];
  if (m.refunded > 0) return [m.refunded >= m.captured ? "refunded" : "partially_refunded"];
  return [m.captured >= o.total ? "paid" : "partially_paid"];
}

function linesTotal(json: string): number | null {
  try {
    const lines = JSON.parse(json) as { amount?: unknown }[];
    return Array.isArray(lines) ? lines.reduce((t, l) => t + (typeof l.amount === "number" ? l.amount : 0), 0) : null;
  } catch {
    return null;
  }
}
