// The money audit: every order (or one) against its payments, invoices and credit notes. Reads only, a page of
// orders per D1 batch.
import type { Env } from "../env";
import type { PaymentRow } from "../orders/store";
import type { MoneyDiscrepancy } from "./kinds";
import { checkOrderMoney, type MoneyDocument, type MoneyOrder } from "./money-checks";

export interface MoneyAudit {
  checked: { orders: number; payments: number; invoices: number; credit_notes: number };
  discrepancies: MoneyDiscrepancy[];
}

const ORDERS_PER_READ = 200;

export async function auditMoney(env: Env, opts: { orderId?: string } = {}): Promise<MoneyAudit> {
  const out: MoneyAudit = { checked: { orders: 0, payments: 0, invoices: 0, credit_notes: 0 }, discrepancies: [] };
  let after = "";
  for (;;) {
    const orders = await pageOf(env.DB, opts.orderId ? { id: opts.orderId } : { after });
    for (const o of orders) {
      out.checked.orders++;
      out.checked.payments += o.payments.length;
      out.checked.invoices += o.documents.filter((d) => d.kind === "invoice").length;
      out.checked.credit_notes += o.documents.filter((d) => d.kind === "credit_note").length;
      out.discrepancies.push(...checkOrderMoney(o));
    }
    if (opts.orderId || orders.length < ORDERS_PER_READ) return out;
    after = orders[orders.length - 1].id;
  }
}

async function pageOf(db: D1Database, where: { id: string } | { after: string }): Promise<MoneyOrder[]> {
  const ids = "id" in where ? "SELECT ?1" : `SELECT id FROM orders WHERE id > ?1 ORDER BY id LIMIT ${ORDERS_PER_READ}`;
  const arg = "id" in where ? where.id : where.after;
  const [orders, lines, payments, documents, confirmed] = await db.batch([
    db.prepare(`SELECT id, status, payment_status, subtotal, shipping_total, tax_total, total, hold_kind FROM orders WHERE id IN (${ids}) ORDER BY id`).bind(arg),
    db.prepare(`SELECT id, order_id, quantity, cancelled_quantity, unit_price, total FROM order_lines WHERE order_id IN (${ids})`).bind(arg),
    // SELECT *: payments.status came with migration 0015; a row without it counts as succeeded.
    db.prepare(`SELECT * FROM payments WHERE order_id IN (${ids})`).bind(arg),
    db.prepare(`SELECT id, order_id, kind, payment_id, subtotal, shipping_total, tax_total, total, lines FROM invoices WHERE order_id IN (${ids})`).bind(arg),
    db
      .prepare(`SELECT DISTINCT order_id FROM order_events WHERE order_id IN (${ids}) AND type = 'payment.confirmed' AND json_extract(data, '$.captured') = 1`)
      .bind(arg),
  ]);
  const by = <T extends { order_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.order_id);
      if (list) list.push(r);
      else m.set(r.order_id, [r]);
    }
    return m;
  };
  const l = by(lines.results as (MoneyOrder["lines"][number] & { order_id: string })[]);
  const p = by(payments.results as PaymentRow[]);
  const d = by(documents.results as (MoneyDocument & { order_id: string })[]);
  const captured = new Set((confirmed.results as { order_id: string }[]).map((r) => r.order_id));
  return (orders.results as Omit<MoneyOrder, "lines" | "payments" | "documents" | "capturedAtConfirm">[]).map((o) => ({
    ...o,
    lines: l.get(o.id) ?? [],
    payments: p.get(o.id) ?? [],
    documents: d.get(o.id) ?? [],
    capturedAtConfirm: captured.has(o.id),
  }));
}
