// Invoices and credit notes are written in the same D1 batch as the money movement they document, so a capture
// without its invoice (or a refund without its credit note) can never exist, and numbers come out gapless.
// PLACEHOLDER (session scaffolding): the invoices work replaces these bodies.
import type { Sql } from "../db/sql";

export interface CreditNoteRequest {
  orderId: string;
  /** The payments row (kind 'refund') this credit note documents. */
  refundId: string;
  amount: number;
  currency: string;
  reason: string | null;
  at: number;
}

/** Statements that issue a credit note for a recorded refund; put them in the refund's own batch. */
export function creditNoteSql(_r: CreditNoteRequest): Sql[] {
  return [];
}
