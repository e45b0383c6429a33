// What edge-oms needs from a payment provider, whatever its API looks like: read its signed webhooks as events we
// understand, and carry out the refunds and voids we decide on. One adapter per provider (stripe.ts, test-provider.ts).
import type { Env } from "../env";

/** A provider's webhook, verified and read into our words. */
export interface PaymentEvent {
  /** The provider's event id: a delivery of the same id again is a replay. */
  id: string;
  /** The provider's own type name, kept for the record. */
  type: string;
  /**
   * authorized: money reserved on the shopper's card; captured: money taken; refunded: refunds moved (see `refunds`);
   * canceled: the authorization will never be captured; ignored: a type we do not act on.
   */
  kind: "authorized" | "captured" | "refunded" | "canceled" | "ignored";
  /** The payment at the provider (Stripe: the PaymentIntent id): what the order's authorization row records. */
  reference: string;
  /** The order the merchant's server named when it created the payment (Stripe: metadata.order_id). */
  orderId: string | null;
  /** Minor units: authorized, or captured in total so far. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** For `refunded`: each refund the provider reports on this payment. */
  refunds?: ProviderRefund[];
}

export interface ProviderRefund {
  /** The provider's id (Stripe re_…). */
  providerId: string;
  /** Our payments row id, when we asked for this refund (it travels as metadata and as the idempotency key). */
  ourId: string | null;
  amount: number;
  status: MoneyOutcome["status"];
}

/** What the provider said about a refund or void we asked for. */
export interface MoneyOutcome {
  /** pending: accepted, the provider confirms later (its webhook); failed: refused for good. */
  status: "succeeded" | "pending" | "failed";
  providerId: string | null;
  detail?: string;
}

/** A refund or void to carry out; `id` is our payments row id and the provider's idempotency key. */
export interface MoneyRequest {
  id: string;
  orderId: string;
  reference: string;
  amount: number;
  currency: string;
}

export type WebhookCheck =
  | { ok: true; event: PaymentEvent }
  | { ok: false; reason: "not_configured" | "signature_mismatch" | "timestamp_outside_tolerance" | "malformed"; detail: string };

export interface PaymentProvider {
  name: string;
  /** Checks the signature over the raw body (never a re-serialised one) and reads the event. */
  readWebhook(env: Env, headers: Headers, rawBody: string): Promise<WebhookCheck>;
  refund(env: Env, r: MoneyRequest): Promise<MoneyOutcome>;
  /** Cancels an authorization nothing will be captured from. */
  void(env: Env, r: MoneyRequest): Promise<MoneyOutcome>;
}

/** A provider's refusal for good (bad request, nothing to refund): retrying cannot help. Anything else thrown is retried. */
export class ProviderRefusal extends Error {}
