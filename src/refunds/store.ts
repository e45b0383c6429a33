// Reads of refunds, shaped as the API shows them; their status comes from their payments (status.ts).
import { notFound } from "../http/problem";
import type { RefundView } from "./schemas";
import { REFUND_STATUS_SQL } from "./status";

export interface RefundRow {
  id: string;
  order_id: string;
  return_id: string | null;
  kind: RefundView["kind"];
  items_amount: number;
  tax_amount: number;
  shipping_amount: number;
  fee_amount: number;
  return_shipping_fee: number;
  total: number;
  original_amount: number;
  store_credit_amount: number;
  currency: string;
  reason: string | null;
  note: string | null;
  actor: string;
  payment_id: string | null;
  store_credit_payment_id: string | null;
  lines: string | null;
  created_at: number;
  status: RefundView["status"];
}

const SELECT = `SELECT f.*, ${REFUND_STATUS_SQL} AS status FROM refunds f`;

export const presentRefund = (r: RefundRow): RefundView => ({
  id: r.id,
  order_id: r.order_id,
  return_id: r.return_id,
  kind: r.kind,
  status: r.status,
  lines: r.lines ? JSON.parse(r.lines) : [],
  items_amount: r.items_amount,
  tax_amount: r.tax_amount,
  shipping_amount: r.shipping_amount,
  fee_amount: r.fee_amount,
  return_shipping_fee: r.return_shipping_fee,
  total: r.total,
  original_amount: r.original_amount,
  store_credit_amount: r.store_credit_amount,
  currency: r.currency,
  reason: r.reason,
  note: r.note,
  actor: r.actor,
  payment_id: r.payment_id,
  store_credit_payment_id: r.store_credit_payment_id,
  created_at: r.created_at,
});

export async function refundRow(db: D1Database, id: string): Promise<RefundRow> {
  const row = await db.prepare(`${SELECT} WHERE f.id = ?`).bind(id).first<RefundRow>();
  if (!row) throw notFound("refund_not_found", `No refund ${id}.`);
  return row;
}

export const showRefund = async (db: D1Database, id: string) => presentRefund(await refundRow(db, id));

export async function refundsOfOrder(db: D1Database, orderId: string): Promise<RefundView[]> {
  const { results } = await db.prepare(`${SELECT} WHERE f.order_id = ? ORDER BY f.created_at, f.id`).bind(orderId).all<RefundRow>();
  return results.map(presentRefund);
}
