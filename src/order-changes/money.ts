// Payment records an order change writes: a refund of captured money (with its credit note, in the same batch) or
// the void of an authorization nothing will be taken from. They start 'requested' and go out through the provider's
// adapter as queue jobs (src/payments/settle.ts), counting as done once the provider confirms; a provider we have
// no adapter for (a channel's, another PSP's) gets 'manual': carried out there.
import { insert, type Sql } from "../db/sql";
import { newId } from "../domain/ids";
import { creditNoteSql } from "../invoices/issue";
import type { PaymentRow } from "../orders/store";
import { hasAdapter } from "../payments/providers";
import { sendRequestedMoney } from "../payments/settle";
import { STORE_CREDIT, storeCreditReturnedSql } from "../store-credit/payment";
import type { Env } from "../env";

const authorizationOf = (payments: PaymentRow[]) => payments.find((p) => p.kind === "authorization");
const statusFor = (provider: string) => (hasAdapter(provider) ? "requested" : "manual");

export function refundSql(orderId: string, payments: PaymentRow[], amount: number, currency: string, reason: string, at: number): Sql[] {
  if (amount <= 0) return [];
  const auth = authorizationOf(payments);
  const refund: PaymentRow = {
    id: newId("pay", at),
    order_id: orderId,
    kind: "refund",
    provider: auth?.provider ?? "unknown",
    reference: auth?.reference ?? "",
    amount,
    currency,
    created_at: at,
  };
  // Money paid with store credit goes back there at once: nothing to send to a provider.
  if (refund.provider === STORE_CREDIT)
    return [
      insert("payments", { ...refund, status: "succeeded" }),
      storeCreditReturnedSql({ customerId: refund.reference, refundId: refund.id, orderId, amount, currency, at }),
      ...creditNoteSql({ orderId, refundId: refund.id, amount, currency, reason, at }),
    ];
  return [insert("payments", { ...refund, status: statusFor(refund.provider) }), ...creditNoteSql({ orderId, refundId: refund.id, amount, currency, reason, at })];
}

export function voidSql(orderId: string, payments: PaymentRow[], amount: number, currency: string, at: number): Sql[] {
  const auth = authorizationOf(payments);
  if (!auth || amount <= 0) return [];
  const row: PaymentRow = { id: newId("pay", at), order_id: orderId, kind: "void", provider: auth.provider, reference: auth.reference, amount, currency, created_at: at };
  return [insert("payments", { ...row, status: statusFor(row.provider) })];
}

/**
 * The refunds and voids a change just requested go to the provider now, whoever changed the order (staff, a channel's
 * cancellation); if this send is lost, the cron sends them.
 */
export const sendRefunds = (env: Env, orderId: string) =>
  sendRequestedMoney(env, orderId).catch((err) => console.warn("could not send refund jobs; the cron will", { orderId, error: String(err) }));
