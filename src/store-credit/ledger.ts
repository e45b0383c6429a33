// A customer's store credit (migration 0022): credits are lots with their own expiry, spending writes debits against
// lots, earliest expiry first. What is left of a lot is the lot plus its debits; the balance is what is left of the
// lots not expired. Every debit checks its lot inside the statement that writes it, so a batch that would spend more
// than is left (two checkouts at once, a lot expiring meanwhile) fails whole.
import { type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { unprocessable } from "../http/problem";

export type StoreCreditReason = "refund" | "redemption" | "adjustment";

export interface StoreCreditEntry {
  id: string;
  customer_id: string;
  amount: number;
  currency: string;
  expires_at: number | null;
  lot_id: string | null;
  reason: StoreCreditReason;
  ref: string | null;
  order_id: string | null;
  created_at: number;
}

/** The customer an order's store credit belongs to: the order's customer, else the one with its email (channel orders). */
export async function customerOfOrder(db: D1Database, order: { customer_id: string | null; email: string | null }): Promise<string | null> {
  if (order.customer_id) return order.customer_id;
  if (!order.email) return null;
  const row = await db.prepare("SELECT id FROM customers WHERE email = ?").bind(order.email.trim().toLowerCase()).first<{ id: string }>();
  return row?.id ?? null;
}

/** A credit (a new lot) of `amount` > 0. */
export function grantStoreCreditSql(g: { id?: string; customerId: string; amount: number; currency: string; expiresAt: number | null; reason: StoreCreditReason; ref: string | null; orderId: string | null; at: number }): Sql {
  return sql(
    `INSERT INTO store_credit_entries (id, customer_id, amount, currency, expires_at, lot_id, reason, ref, order_id, created_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
    g.id ?? newId("sc", g.at),
    g.customerId,
    g.amount,
    g.currency,
    g.expiresAt,
    g.reason,
    g.ref,
    g.orderId,
    g.at,
  );
}

// What is left of lot `?` (the lot's own row aliased `lot`).
const LEFT_OF_LOT = "(lot.amount + (SELECT COALESCE(SUM(d.amount), 0) FROM store_credit_entries d WHERE d.lot_id = lot.id))";

interface Lot {
  id: string;
  left: number;
  expires_at: number | null;
}

async function liveLots(db: D1Database, customerId: string, currency: string, now: number): Promise<Lot[]> {
  const { results } = await db
    .prepare(
      `SELECT lot.id, ${LEFT_OF_LOT} AS left, lot.expires_at FROM store_credit_entries lot
       WHERE lot.customer_id = ? AND lot.currency = ? AND lot.amount > 0 AND (lot.expires_at IS NULL OR lot.expires_at > ?)
       ORDER BY lot.expires_at IS NULL, lot.expires_at, lot.created_at, lot.id`,
    )
    .bind(customerId, currency, now)
    .all<Lot>();
  return results.filter((l) => l.left > 0);
}

/** What the customer can spend in `currency` at `now`: what is left of the lots not expired. */
export async function storeCreditBalance(db: D1Database, customerId: string, currency: string, now = Date.now()): Promise<number> {
  return (await liveLots(db, customerId, currency, now)).reduce((t, l) => t + l.left, 0);
}

/**
 * The statements that spend `amount` of the customer's store credit for an order: one debit per lot, earliest expiry
 * first. Put them in the batch that records the payment: each debit fails the batch (NOT NULL on amount) if its lot
 * has less left, or has expired, when the batch runs. 422 store_credit_insufficient when the balance read is short.
 */
export async function redeemStoreCreditSql(db: D1Database, r: { customerId: string; currency: string; amount: number; orderId: string; at: number }): Promise<Sql[]> {
  if (r.amount <= 0) return [];
  const lots = await liveLots(db, r.customerId, r.currency, r.at);
  const balance = lots.reduce((t, l) => t + l.left, 0);
  if (balance < r.amount)
    throw unprocessable("store_credit_insufficient", `The customer has ${balance} of store credit in ${r.currency}.`, {
      balance,
      errors: [{ field: "body.store_credit_amount", message: `At most ${balance}` }],
    });
  const out: Sql[] = [];
  let due = r.amount;
  for (const lot of lots) {
    if (due === 0) break;
    const take = Math.min(due, lot.left);
    due -= take;
    out.push(
      sql(
        `INSERT INTO store_credit_entries (id, customer_id, amount, currency, expires_at, lot_id, reason, ref, order_id, created_at)
         SELECT ?1, lot.customer_id, CASE WHEN ${LEFT_OF_LOT} >= ?3 AND (lot.expires_at IS NULL OR lot.expires_at > ?5) THEN -?3 ELSE NULL END,
                lot.currency, NULL, lot.id, 'redemption', ?4, ?4, ?5
         FROM store_credit_entries lot WHERE lot.id = ?2`,
        newId("sc", r.at),
        lot.id,
        take,
        r.orderId,
        r.at,
      ),
    );
  }
  return out;
}

/** Whether a batch failed because a redemption found its lot spent or expired meanwhile. */
export const isStoreCreditShort = (err: unknown) => String(err).includes("NOT NULL constraint failed: store_credit_entries.amount");

/** The customer's entries, newest first, and the balance per currency. */
export async function storeCreditOf(db: D1Database, customerId: string, now = Date.now()) {
  const [entries, lots] = await db.batch([
    db.prepare("SELECT * FROM store_credit_entries WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 500").bind(customerId),
    db
      .prepare(
        `SELECT lot.currency, SUM(${LEFT_OF_LOT}) AS balance, MIN(CASE WHEN ${LEFT_OF_LOT} > 0 THEN lot.expires_at END) AS next_expiry
         FROM store_credit_entries lot WHERE lot.customer_id = ?1 AND lot.amount > 0 AND (lot.expires_at IS NULL OR lot.expires_at > ?2)
         GROUP BY lot.currency ORDER BY lot.currency`,
      )
      .bind(customerId, now),
  ]);
  return {
    customer_id: customerId,
    balances: (lots.results as { currency: string; balance: number; next_expiry: number | null }[]).map((b) => ({ currency: b.currency, balance: b.balance, next_expiry: b.next_expiry })),
    entries: (entries.results as StoreCreditEntry[]).map((e) => ({ ...e })),
  };
}
