// Store credit as the payment of a checkout. It is our own ledger, so it is a verified source of money like a
// provider's webhook: the merchant's server (payments:write) names the customer as the payment's reference, the
// customer's email must be the order's, and the debits travel in the order's own batch (each fails the batch if its
// lot was spent or expired meanwhile). Such money is taken at once (captured), and a refund grants it back.
import { grantStoreCreditSql, redeemStoreCreditSql } from "./ledger";
import type { Sql } from "../db/sql";
import { unprocessable } from "../http/problem";

export const STORE_CREDIT = "store_credit";

export async function storeCreditPaymentSql(
  db: D1Database,
  p: { customerId: string; email: string; currency: string; amount: number; captured: boolean; orderId: string; at: number },
): Promise<Sql[]> {
  if (!p.captured)
    throw unprocessable("store_credit_is_captured", "Store credit is taken at once: send the payment with captured: true.", {
      errors: [{ field: "body.payment.captured", message: "Must be true for store credit" }],
    });
  const customer = await db.prepare("SELECT email FROM customers WHERE id = ?").bind(p.customerId).first<{ email: string }>();
  if (!customer || customer.email !== p.email.trim().toLowerCase())
    throw unprocessable("store_credit_not_this_customers", "The payment's reference must be the id of the customer whose email the order carries.", {
      errors: [{ field: "body.payment.reference", message: "Not the customer of this email" }],
    });
  return redeemStoreCreditSql(db, { customerId: p.customerId, currency: p.currency, amount: p.amount, orderId: p.orderId, at: p.at });
}

/** A refund of money paid with store credit: the customer's credit comes back as a new lot without expiry. */
export const storeCreditReturnedSql = (r: { customerId: string; refundId: string; orderId: string; amount: number; currency: string; at: number }): Sql =>
  grantStoreCreditSql({ customerId: r.customerId, amount: r.amount, currency: r.currency, expiresAt: null, reason: "refund", ref: r.refundId, orderId: r.orderId, at: r.at });
