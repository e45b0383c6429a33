// Reads of invoices and credit notes, shaped as the API shows them.
import type { Address } from "../domain/address";
import type { InvoiceLine } from "../domain/invoice";
import type { SellerProfile } from "./seller";

export type DocumentKind = "invoice" | "credit_note";

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  seq: number;
  number: string;
  order_id: string;
  payment_id: string;
  invoice_id: string | null;
  currency: string;
  seller: string;
  buyer: string;
  lines: string;
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
  reason: string | null;
  issued_at: number;
  pdf_key: string | null;
  rendered_at: number | null;
}

export interface DocumentWithOrder extends DocumentRow {
  order_number: number;
  /** Credit notes: the number of the invoice they correct. */
  corrects_number: string | null;
}

const SELECT = `SELECT i.*, o.number AS order_number, c.number AS corrects_number
  FROM invoices i JOIN orders o ON o.id = i.order_id LEFT JOIN invoices c ON c.id = i.invoice_id`;

export const findDocument = (db: D1Database, kind: DocumentKind, id: string) =>
  db.prepare(`${SELECT} WHERE i.id = ? AND i.kind = ?`).bind(id, kind).first<DocumentWithOrder>();

/** Newest first (by number); the cursor is the last number's sequence. */
export async function listDocuments(db: D1Database, kind: DocumentKind, q: { limit: number; cursor?: string; order_id?: string }) {
  const before = q.cursor ? Number.parseInt(q.cursor, 10) : null;
  const { results } = await db
    .prepare(`${SELECT} WHERE i.kind = ?1 AND (?2 IS NULL OR i.order_id = ?2) AND (?3 IS NULL OR i.seq < ?3) ORDER BY i.seq DESC LIMIT ?4`)
    .bind(kind, q.order_id ?? null, before !== null && Number.isFinite(before) ? before : null, q.limit + 1)
    .all<DocumentWithOrder>();
  return results;
}

export const presentDocument = (d: DocumentWithOrder) => ({
  id: d.id,
  number: d.number,
  order_id: d.order_id,
  order_number: d.order_number,
  payment_id: d.payment_id,
  ...(d.kind === "credit_note" ? { invoice_id: d.invoice_id, invoice_number: d.corrects_number, reason: d.reason } : {}),
  currency: d.currency,
  seller: JSON.parse(d.seller) as SellerProfile,
  buyer: JSON.parse(d.buyer) as { email: string; address: Address | null },
  lines: JSON.parse(d.lines) as InvoiceLine[],
  subtotal: d.subtotal,
  shipping_total: d.shipping_total,
  tax_total: d.tax_total,
  total: d.total,
  issued_at: d.issued_at,
  pdf_ready: d.pdf_key !== null,
});
