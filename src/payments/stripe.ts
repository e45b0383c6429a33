// Stripe through its official library, which runs in workerd: webhooks verified with constructEventAsync over the
// SubtleCrypto provider (Stripe-Signature `t=…,v1=…`, HMAC-SHA256 of `${t}.${rawBody}`, any v1 may match, 300 s
// tolerance), refunds and voids sent with fetch and our row id as the Idempotency-Key. The library is imported when
// first needed, so requests that never touch Stripe do not pay for evaluating it.
import type StripeType from "stripe";
import type { Env } from "../env";
import { type MoneyOutcome, type MoneyRequest, type PaymentEvent, type PaymentProvider, ProviderRefusal, type WebhookCheck } from "./provider";

const TOLERANCE_SECONDS = 300;

let library: Promise<typeof StripeType> | undefined;
const stripeLibrary = () => (library ??= import("stripe").then((m) => m.default));

const clients = new Map<string, StripeType>();
async function client(env: Env): Promise<StripeType> {
  const key = env.STRIPE_SECRET_KEY;
  // Thrown, not refused: the job is retried, and succeeds once the secret is set.
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set: refunds and voids to Stripe wait until it is");
  let c = clients.get(key);
  if (!c) {
    const Stripe = await stripeLibrary();
    // The queue retries with backoff; the library retrying inside one job would only hold the consumer.
    c = new Stripe(key, { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 0 });
    clients.set(key, c);
  }
  return c;
}

const upper = (currency: string) => currency.toUpperCase();

/** Stripe's events on a PaymentIntent or Charge, in our words. Anything else is acknowledged and ignored. */
function eventOf(e: StripeType.Event): PaymentEvent {
  const base = { id: e.id, type: e.type };
  switch (e.type) {
    case "payment_intent.amount_capturable_updated":
    case "payment_intent.succeeded":
    case "payment_intent.canceled": {
      const pi = e.data.object;
      const kind = e.type === "payment_intent.succeeded" ? "captured" : e.type === "payment_intent.canceled" ? "canceled" : "authorized";
      return {
        ...base,
        kind,
        reference: pi.id,
        orderId: pi.metadata?.order_id ?? null,
        amount: kind === "captured" ? pi.amount_received : kind === "authorized" ? pi.amount_capturable : pi.amount,
        currency: upper(pi.currency),
      };
    }
    case "charge.refunded": {
      const ch = e.data.object;
      const pi = typeof ch.payment_intent === "string" ? ch.payment_intent : (ch.payment_intent?.id ?? ch.id);
      return {
        ...base,
        kind: "refunded",
        reference: pi,
        orderId: ch.metadata?.order_id ?? null,
        amount: ch.amount_refunded,
        currency: upper(ch.currency),
        // Charges carry their refunds only when expanded (API versions since 2022-11-15 leave them out); without them
        // the refunds are confirmed by the refund job's own answer.
        refunds: (ch.refunds?.data ?? []).map((r) => ({
          providerId: r.id,
          ourId: r.metadata?.refund_id ?? null,
          amount: r.amount,
          status: r.status === "succeeded" ? "succeeded" : r.status === "failed" || r.status === "canceled" ? "failed" : "pending",
        })),
      };
    }
    case "refund.updated":
    case "charge.refund.updated": {
      const r = e.data.object;
      const pi = typeof r.payment_intent === "string" ? r.payment_intent : (r.payment_intent?.id ?? "");
      const status = r.status === "succeeded" ? "succeeded" : r.status === "failed" || r.status === "canceled" ? "failed" : "pending";
      return {
        ...base,
        kind: "refunded",
        reference: pi,
        orderId: r.metadata?.order_id ?? null,
        amount: r.amount,
        currency: upper(r.currency),
        refunds: [{ providerId: r.id, ourId: r.metadata?.refund_id ?? null, amount: r.amount, status }],
      };
    }
    default:
      return { ...base, kind: "ignored", reference: "", orderId: null, amount: 0, currency: "" };
  }
}

/** Stripe's 4xx (bad request, already refunded, cannot cancel) are final; 429, 5xx and network errors are retried. */
async function call<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500 && status !== 429 && status !== 409) throw new ProviderRefusal((err as Error).message);
    throw err;
  }
}

/** PaymentIntents are pi_…; a bare charge (ch_…) is refunded by its own id. */
const target = (reference: string) => (reference.startsWith("ch_") ? { charge: reference } : { payment_intent: reference });

export const stripe: PaymentProvider = {
  name: "stripe",

  async readWebhook(env: Env, headers: Headers, rawBody: string): Promise<WebhookCheck> {
    const secret = env.STRIPE_WEBHOOK_SECRET;
    if (!secret) return { ok: false, reason: "not_configured", detail: "STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks cannot be verified." };
    const header = headers.get("stripe-signature");
    if (!header) return { ok: false, reason: "signature_mismatch", detail: "The Stripe-Signature header is missing." };
    const Stripe = await stripeLibrary();
    let event: StripeType.Event;
    try {
      event = await Stripe.webhooks.constructEventAsync(rawBody, header, secret, TOLERANCE_SECONDS, Stripe.createSubtleCryptoProvider());
    } catch (err) {
      const message = (err as Error).message ?? "";
      // The library says which check failed only in its message.
      if (/tolerance/i.test(message)) return { ok: false, reason: "timestamp_outside_tolerance", detail: "The Stripe-Signature timestamp is more than 300 s old." };
      if (/signature/i.test(message)) return { ok: false, reason: "signature_mismatch", detail: "No v1 signature in Stripe-Signature matches the body." };
      return { ok: false, reason: "malformed", detail: "The body is not a Stripe event." };
    }
    return { ok: true, event: eventOf(event) };
  },

  async refund(env: Env, r: MoneyRequest): Promise<MoneyOutcome> {
    const s = await client(env);
    const refund = await call(() =>
      s.refunds.create(
        { ...target(r.reference), amount: r.amount, metadata: { order_id: r.orderId, refund_id: r.id } },
        { idempotencyKey: r.id },
      ),
    );
    const status = refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
    return { status, providerId: refund.id, detail: refund.failure_reason ?? undefined };
  },

  async void(env: Env, r: MoneyRequest): Promise<MoneyOutcome> {
    const s = await client(env);
    const pi = await call(() => s.paymentIntents.cancel(r.reference, {}, { idempotencyKey: r.id }));
    return { status: pi.status === "canceled" ? "succeeded" : "pending", providerId: pi.id };
  },
};
