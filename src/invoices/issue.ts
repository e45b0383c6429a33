// Invoices and credit notes are written in the same D1 batch as the money movement they document, so a capture
// without its invoice (or a refund without its credit note) can never exist, and numbers come out gapless: D1 has
// one writer, the number is MAX + 1 inside the inserting statement, and a batch that fails takes its number with it.
import { newId } from "../domain/ids";
import { type InvoiceAmounts, invoiceAmounts, type OrderFigures } from "../domain/invoice";
import { type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import type { LineRow, OrderRow } from "../orders/store";
import { job } from "../queues/job";
import { DEFAULT_SELLER } from "./seller";

export interface CreditNoteRequest {
  orderId: string;
  /** The payments row (kind 'refund') this credit note documents. */
  refundId: string;
  amount: number;
  currency: string;
  reason: string | null;
  at: number;
}

export interface InvoiceRequest {
  order: OrderFigures & { id: string; currency: string };
  /** The payments row that took the money: a capture, or an authorization that arrived already captured. */
  paymentId: string;
  amount: number;
  /** Invoices already issued for this order (earlier partial captures); see invoiceAmounts. */
  previous: InvoiceAmounts[];
  at: number;
}

// Pieces both kinds share. `n.seq` is the kind's next number; `o` is the order row; ?1 the document id, ?2 the time.
const nextSeq = (kind: "invoice" | "credit_note") => `(SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM invoices WHERE kind = '${kind}') n`;
const numberOf = (prefix: string) => `'${prefix}-' || strftime('%Y', CAST(?2 / 1000 AS INTEGER), 'unixepoch') || '-' || printf('%06d', n.seq)`;
// The seller as the merchant set it up at issue time; the buyer as the order names them (billing, else shipping).
const SELLER = "COALESCE((SELECT profile FROM seller_profile WHERE id = 1), ?3)";
const BUYER = "json_object('email', o.email, 'address', json(COALESCE(o.billing_address, o.shipping_address)))";

export const invoiceIdFor = (at: number) => newId("inv", at);

/** Statements that issue the invoice of a capture; put them in the capture's own batch, after the order's row. */
export function invoiceSql(r: InvoiceRequest, id = invoiceIdFor(r.at)): Sql[] {
  const a = invoiceAmounts(r.order, r.previous, r.amount);
  return [
    sql(
      `INSERT INTO invoices (id, kind, seq, number, order_id, payment_id, invoice_id, currency, seller, buyer, lines,
                             subtotal, shipping_total, tax_total, total, reason, issued_at)
       SELECT ?1, 'invoice', n.seq, ${numberOf("INV")}, o.id, ?4, NULL, ?5, ${SELLER}, ${BUYER}, ?6, ?7, ?8, ?9, ?10, NULL, ?2
       FROM ${nextSeq("invoice")} JOIN orders o ON o.id = ?11`,
      id,
      r.at,
      JSON.stringify(DEFAULT_SELLER),
      r.paymentId,
      r.order.currency,
      JSON.stringify(a.lines),
      a.subtotal,
      a.shipping_total,
      a.tax_total,
      a.total,
      r.order.id,
    ),
  ];
}

/**
 * Statements that issue a credit note for a recorded refund; put them in the refund's own batch. A credit note reverses
 * what was invoiced for the part refunded, so it reads the order's invoices and earlier credit notes, never the order's
 * totals: the refund's batch changes those before this statement runs (a whole cancel sets them to 0, a partial one
 * lowers the total and keeps the tax). What is left to credit (invoiced minus credited, for tax, shipping and the rest)
 * is split in proportion, rounded half up, so no part is ever credited beyond what was invoiced of it, and a refund of
 * everything left credits exactly the tax and shipping left. A refund of money nobody invoiced credits no tax. The note
 * credits one line for the net, and names the order's latest invoice as the one it corrects.
 */
export function creditNoteSql(r: CreditNoteRequest): Sql[] {
  const id = newId("cn", r.at);
  // Integer arithmetic throughout: D1 may bind a JS number as a real, and a real would divide without rounding.
  // The part's share of the amount `a` credited: a × part / total, rounded half up, never above the part itself.
  const share = (row: string, part: string) => `CASE WHEN ${row}.total > 0 THEN (${row}.a * ${row}.${part} * 2 + ${row}.total) / (2 * ${row}.total) ELSE 0 END`;
  return [
    sql(
      `WITH credited AS (
         SELECT SUM(CASE kind WHEN 'invoice' THEN total ELSE -total END) AS total,
                SUM(CASE kind WHEN 'invoice' THEN tax_total ELSE -tax_total END) AS tax,
                SUM(CASE kind WHEN 'invoice' THEN shipping_total ELSE -shipping_total END) AS shipping
         FROM invoices WHERE order_id = ?8),
       k AS (
         SELECT MAX(0, MIN(CAST(?4 AS INTEGER), COALESCE(total, 0))) AS a, MAX(0, COALESCE(total, 0)) AS total,
                MAX(0, COALESCE(tax, 0)) AS tax, MAX(0, COALESCE(shipping, 0)) AS shipping
         FROM credited),
       t AS (SELECT k.*, ${share("k", "tax")} AS tax_part FROM k),
       -- Shipping's share, but never so much that the net would go below 0 when both shares round up.
       s AS (SELECT t.tax_part, MIN(t.a - t.tax_part, ${share("t", "shipping")}) AS shipping_part FROM t),
       split AS (SELECT CAST(?4 AS INTEGER) - tax_part - shipping_part AS net, shipping_part, tax_part FROM s)
       INSERT INTO invoices (id, kind, seq, number, order_id, payment_id, invoice_id, currency, seller, buyer, lines,
                             subtotal, shipping_total, tax_total, total, reason, issued_at)
       SELECT ?1, 'credit_note', n.seq, ${numberOf("CN")}, o.id, ?5,
              (SELECT id FROM invoices WHERE kind = 'invoice' AND order_id = o.id ORDER BY seq DESC LIMIT 1),
              ?6, ${SELLER}, ${BUYER},
              json_array(json_object('sku', NULL, 'description', 'Refund for order #' || o.number || COALESCE(': ' || ?7, ''),
                                     'quantity', 1, 'unit_price', split.net, 'amount', split.net)),
              split.net, split.shipping_part, split.tax_part, CAST(?4 AS INTEGER), ?7, ?2
       FROM ${nextSeq("credit_note")} JOIN orders o ON o.id = ?8 JOIN split`,
      id,
      r.at,
      JSON.stringify(DEFAULT_SELLER),
      r.amount,
      r.refundId,
      r.currency,
      r.reason,
      r.orderId,
    ),
  ];
}

/** The PDF is drawn by a job after the batch (src/invoices/render.ts); the download draws it if the job has not yet. */
export const renderJob = (documentId: string) => job("render_document", documentId, { documentId });

/** Sends the render job; if the send is lost, the first download draws the PDF instead. */
export const renderSoon = (env: Pick<Env, "LABELS">, documentId: string) =>
  env.LABELS.send(renderJob(documentId)).catch((err) => console.warn("could not enqueue document rendering", { documentId, error: String(err) }));

/**
 * The invoice of a capture on an order read from D1. Earlier invoices are read only when part of the order was
 * captured before; the capture's version check on the order keeps them from changing under us.
 */
export async function captureInvoice(
  db: D1Database,
  order: { row: OrderRow; lines: LineRow[] },
  c: { paymentId: string; amount: number; capturedBefore: number; at: number },
) {
  const previous =
    c.capturedBefore > 0
      ? (
          await db
            .prepare("SELECT lines, subtotal, shipping_total, tax_total, total FROM invoices WHERE order_id = ? AND kind = 'invoice' ORDER BY seq")
            .bind(order.row.id)
            .all<Omit<InvoiceAmounts, "lines"> & { lines: string }>()
        ).results.map((r) => ({ ...r, lines: JSON.parse(r.lines) as InvoiceAmounts["lines"] }))
      : [];
  const id = invoiceIdFor(c.at);
  return { id, statements: invoiceSql({ order: { ...order.row, lines: order.lines }, paymentId: c.paymentId, amount: c.amount, previous, at: c.at }, id) };
}
